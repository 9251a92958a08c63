// A compiled program as bytes and back (layer: compile). The build compiles the standard library
// once and embeds it in `lexgate`, so `lexgate check` starts without parsing any rule
// text. Only a program written by this very build is ever read: the bytes carry the codec's format
// number, the layout of the structures written and the library's digest, and anything that does
// not match is refused (the caller then compiles the rules from text).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "compile/program.hpp"

namespace lexgate::detail {

/// Bumped whenever what the codec writes changes.
inline constexpr std::uint32_t program_codec_format = 5;

/// Written after the layout fingerprint as it lies in memory: bytes written on a machine of the
/// other byte order read it back reversed, and are refused (nodes are used where they lie).
inline constexpr std::uint32_t program_byte_order = 0x01020304u;

/// Where a program's nodes start in its bytes, counted from the first byte, is a multiple of
/// this, so bytes that start so aligned hold their nodes aligned.
inline constexpr std::size_t kNodeAlignment = 8;

/// The program's bytes. Fails (returns false, `why` set) only on a program the codec cannot
/// represent: a type pointer outside the program's own schema.
bool encode_program(const program& p, std::string& out, std::string& why);

/// Whether the bytes given to decode_program live as long as the process (the embedded
/// program), so the program's names and texts may point into them, or must be copied.
enum class program_bytes : std::uint8_t { copy, static_storage };

/// The program these bytes hold, or nullptr when they come from another format or layout, hold
/// another library than `expected_digest`, or are malformed in any way.
std::shared_ptr<const program> decode_program(std::string_view bytes,
                                              std::string_view expected_digest,
                                              program_bytes lifetime = program_bytes::copy);

}  // namespace lexgate::detail
