// The standard library's compiled program, embedded at build time (layer: compile). Written by
// engine/tools/embed_program.cpp; empty when the library had errors at build time.
#pragma once

#include <string_view>

namespace lexgate::detail {

/// The bytes of program_codec.hpp's format.
std::string_view embedded_standard_program();

}  // namespace lexgate::detail
