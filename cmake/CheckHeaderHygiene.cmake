# Fails when a public header under DIR includes a third-party library: the engine's public API
# is standard C++ only, so users never inherit Boost, yaml-cpp, spdlog or JSON headers.
file(GLOB_RECURSE headers ${DIR}/*.hpp)
set(bad "")
foreach(h IN LISTS headers)
  file(STRINGS ${h} lines REGEX "^#include <(boost|yaml-cpp|spdlog|fmt|nlohmann|CLI|z3|simdjson)")
  if(lines)
    list(APPEND bad "${h}: ${lines}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "third-party includes in public headers:\n${bad}")
endif()
message(STATUS "public headers include only the standard library and lexgate")
