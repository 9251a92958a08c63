# yaml-cpp and libcrypto for the `lexgate` program: their static archives where Debian ships them.
# Every shared library costs each start of the program its mapping, relocation and symbol
# binding, and libcrypto.so alone carries 17,000 relocations (docs/performance.md).
#
# Targets link `lexgate::yaml` and `lexgate::crypto`; a target whose LEXGATE_STATIC_DEPENDENCIES
# property is ON gets the archives, every other target the shared libraries. The solver module
# must keep them: it is position-independent and Debian's libyaml-cpp.a is not. libstdc++ stays
# shared everywhere, since the module exchanges C++ objects with the program and both must use
# the same copy.
find_library(LEXGATE_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a)
find_library(LEXGATE_CRYPTO_ARCHIVE NAMES libcrypto.a)
find_package(Threads REQUIRED)

set(static_wanted "$<BOOL:$<TARGET_PROPERTY:LEXGATE_STATIC_DEPENDENCIES>>")

add_library(lexgate_yaml INTERFACE)
add_library(lexgate::yaml ALIAS lexgate_yaml)
if(LEXGATE_YAML_CPP_ARCHIVE)
  # The headers come from the shared target either way.
  target_include_directories(lexgate_yaml INTERFACE
    $<TARGET_PROPERTY:yaml-cpp::yaml-cpp,INTERFACE_INCLUDE_DIRECTORIES>)
  target_link_libraries(lexgate_yaml INTERFACE
    "$<IF:${static_wanted},${LEXGATE_YAML_CPP_ARCHIVE},yaml-cpp::yaml-cpp>")
else()
  target_link_libraries(lexgate_yaml INTERFACE yaml-cpp::yaml-cpp)
endif()

add_library(lexgate_crypto INTERFACE)
add_library(lexgate::crypto ALIAS lexgate_crypto)
if(LEXGATE_CRYPTO_ARCHIVE)
  target_include_directories(lexgate_crypto INTERFACE
    $<TARGET_PROPERTY:OpenSSL::Crypto,INTERFACE_INCLUDE_DIRECTORIES>)
  target_link_libraries(lexgate_crypto INTERFACE
    "$<IF:${static_wanted},${LEXGATE_CRYPTO_ARCHIVE},OpenSSL::Crypto>"
    "$<${static_wanted}:Threads::Threads;${CMAKE_DL_LIBS}>")
else()
  target_link_libraries(lexgate_crypto INTERFACE OpenSSL::Crypto)
endif()
