// The layout of what the program codec writes (layer: compile), shared by its writer and reader.
#pragma once

#include <cstdint>

#include "compile/program.hpp"

namespace lexgate::detail {

/// The sizes of every structure the codec writes, so bytes from a build with other layouts are
/// refused.
inline constexpr std::uint64_t program_layout_fingerprint =
    sizeof(program) * 1000003u + sizeof(checked_regime) * 100003u + sizeof(checked_rule) * 10007u +
    sizeof(checked_invariant) * 1009u + sizeof(node) * 101u + sizeof(value) * 37u +
    sizeof(message_part) * 31u + sizeof(regime_info) * 29u + sizeof(rule_info) * 23u +
    sizeof(invariant_info) * 19u + sizeof(invariant_conditions) * 17u + sizeof(schema_type) * 13u +
    sizeof(schema_field) * 11u + sizeof(jurisdiction_table) * 7u + sizeof(market_index) * 5u +
    sizeof(location) * 3u + sizeof(date);

// A member added to one of these structures must be written and read by the codec
// (program_writer.cpp, program_reader.cpp), or the embedded standard library would silently lose
// it. These sizes make such a change fail to build until the codec and these numbers are updated
// (and `program_codec_format` bumped). Pinned for the one ABI the project builds on.
#if defined(__x86_64__) && defined(__GLIBCXX__) && _GLIBCXX_USE_CXX11_ABI
static_assert(sizeof(program) == 448, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(checked_regime) == 528, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(checked_rule) == 952, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(checked_invariant) == 656, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(node) == 216, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(value) == 136, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(message_part) == 256, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(regime_info) == 264, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(rule_info) == 256, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(invariant_info) == 208, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(invariant_conditions) == 64,
              "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(schema_type) == 96, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(schema_field) == 48, "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(jurisdiction_table) == 144,
              "update program_writer.cpp and program_reader.cpp");
static_assert(sizeof(market_index) == 24, "update program_writer.cpp and program_reader.cpp");
#endif

}  // namespace lexgate::detail
