# Strict warnings for lexgate's own targets only; third-party headers are included as SYSTEM.
function(lexgate_enable_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
  if(LEXGATE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false maybe-uninitialized warnings inside libstdc++ (std::regex, used by
    # Catch2) when sanitizers change inlining; they stay warnings in sanitizer builds.
    target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
  endif()
endfunction()
