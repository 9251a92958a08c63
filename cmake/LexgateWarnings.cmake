# Strict warnings for lexgate's own targets only; third-party headers are included as SYSTEM.
function(lexgate_enable_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
endfunction()
