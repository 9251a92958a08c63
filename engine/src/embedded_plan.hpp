// The standard library's compiled plan, embedded at build time (layer: compile). Written by
// engine/tools/embed_plan.cpp; empty when the library had errors at build time.
#pragma once

#include <string_view>

namespace lexgate::detail {

/// The bytes of plan_codec.hpp's format.
std::string_view embedded_standard_plan();

}  // namespace lexgate::detail
