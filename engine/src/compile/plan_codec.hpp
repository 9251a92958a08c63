// A compiled plan as bytes and back (layer: compile). The build compiles the standard library
// once and embeds its plan in the program, so `lexgate check` starts without parsing any rule
// text. Only a plan written by this very build is ever read: the bytes carry the codec's format
// number, the layout of the structures written and the library's digest, and anything that does
// not match is refused (the caller then compiles the rules from text).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "compile/plan.hpp"

namespace lexgate::detail {

/// Bumped whenever what the codec writes changes.
inline constexpr std::uint32_t plan_codec_format = 2;

/// The plan's bytes. Fails (returns false, `why` set) only on a plan the codec cannot
/// represent: a type pointer outside the plan's own schema.
bool encode_plan(const plan& p, std::string& out, std::string& why);

/// The plan these bytes hold, or nullptr when they come from another format or layout, hold
/// another library than `expected_digest`, or are malformed in any way.
std::shared_ptr<const plan> decode_plan(std::string_view bytes, std::string_view expected_digest);

}  // namespace lexgate::detail
