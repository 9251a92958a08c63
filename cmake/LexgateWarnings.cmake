# Strict warnings for lexgate's own targets only; third-party headers are included as SYSTEM.
# Warnings are errors for lexgate's own builds (scripts/test, hence CI, sets LEXGATE_WERROR=ON),
# not for a packager's: a new compiler's new warning must not break a release build.
function(lexgate_enable_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(LEXGATE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(LEXGATE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false maybe-uninitialized warnings inside libstdc++ (std::regex, used by
    # Catch2) when sanitizers change inlining; they stay warnings in sanitizer builds.
    target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
  endif()
endfunction()

# g++ 12 at -O3 (CMake's Release) reports -Wrestrict inside libstdc++'s std::string when a short
# literal is assigned or prepended (GCC bug 105329: the overlap it describes cannot happen).
# Silenced in the files where it fires, and only for the compilers that have the bug.
function(lexgate_suppress_false_restrict)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    set_property(SOURCE ${ARGN} APPEND PROPERTY COMPILE_OPTIONS -Wno-restrict)
  endif()
endfunction()
