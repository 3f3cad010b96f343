# Provides the imported target re2::re2.
#
# Debian 12's libre2-dev ships re2.pc but no re2Config.cmake, so this first
# tries RE2's own CMake package and then falls back to pkg-config.
#
# Used by the build (include(wartaFindRE2)) and installed next to
# wartaConfig.cmake, which includes it to find RE2 for consumers of a static
# libwarta.  Sets WARTA_RE2_FOUND; fails hard unless WARTA_RE2_QUIET is set
# (the package config sets it and reports a missing RE2 as warta_FOUND=FALSE).
if(TARGET re2::re2)
  set(WARTA_RE2_FOUND TRUE)
  return()
endif()

find_package(re2 CONFIG QUIET)
if(NOT TARGET re2::re2)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(WARTA_RE2 QUIET IMPORTED_TARGET GLOBAL re2)
  endif()
  if(TARGET PkgConfig::WARTA_RE2)
    add_library(re2::re2 INTERFACE IMPORTED GLOBAL)
    target_link_libraries(re2::re2 INTERFACE PkgConfig::WARTA_RE2)
  endif()
endif()

if(TARGET re2::re2)
  set(WARTA_RE2_FOUND TRUE)
else()
  set(WARTA_RE2_FOUND FALSE)
  set(_warta_re2_msg "RE2 not found: neither re2Config.cmake nor re2.pc (pkg-config) is available; on Debian/Ubuntu: apt-get install libre2-dev pkg-config")
  if(WARTA_RE2_QUIET)
    set(WARTA_RE2_NOT_FOUND_MESSAGE "${_warta_re2_msg}")
  else()
    message(FATAL_ERROR "${_warta_re2_msg}")
  endif()
  unset(_warta_re2_msg)
endif()
