# The startup layout of the `lexgate` program. A gate runs lexgate once per commit and a run is
# mostly start-up; each 64 KB of the program's code touched for the first time costs a page
# fault (about 4 µs on the machines measured, docs/performance.md), and the functions a check
# runs are otherwise spread over nearly 5 MB of code. The functions listed in
# checker/startup-order.txt (what `check` executes, written by scripts/update-startup-order)
# are placed side by side at the start of the code instead.
#
# That needs every function in its own section (-ffunction-sections) and ld.lld's
# --symbol-ordering-file. Without lld the program is linked as before: the same program, only
# slower to start. A name the list has and the code no longer has is ignored.
option(LEXGATE_STARTUP_LAYOUT "Link lexgate with the functions a check runs side by side (needs ld.lld)" ON)

set(LEXGATE_USE_STARTUP_LAYOUT OFF)
if(LEXGATE_STARTUP_LAYOUT)
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=lld" LEXGATE_HAVE_LLD)
  if(LEXGATE_HAVE_LLD)
    set(LEXGATE_USE_STARTUP_LAYOUT ON)
    add_compile_options(-ffunction-sections)
  else()
    message(STATUS "lexgate: ld.lld not found; lexgate is linked without its startup layout")
  endif()
endif()

function(lexgate_startup_layout target order_file)
  if(LEXGATE_USE_STARTUP_LAYOUT)
    target_link_options(${target} PRIVATE -fuse-ld=lld
      "LINKER:--symbol-ordering-file=${order_file}" "LINKER:--no-warn-symbol-ordering")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${order_file})
  endif()
endfunction()
