# The Debian package (`scripts/package OUTDIR`, or `cpack -G DEB` in a build tree):
# /usr/bin/lexgate and its solver module in /usr/lib/lexgate/, where the program looks for it
# relative to itself (../lib/lexgate/), so the package works wherever it is installed or
# extracted. Dependencies are the shared libraries the two files link, found by dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lexgate)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "lexgate")
set(CPACK_PACKAGE_CONTACT "lexgate maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "checks an AI product's deployment against the regulations of every market it ships to")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
find_program(LEXGATE_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(LEXGATE_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  # Without dpkg-dev: the libraries of a Debian 12 build, named by hand.
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "libc6, libstdc++6, libgcc-s1, libsimdjson14, libyaml-cpp0.7, libssl3, libz3-4")
endif()
include(CPack)
