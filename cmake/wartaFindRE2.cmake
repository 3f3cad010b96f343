# Provides the imported target re2::re2.
# Debian 12's libre2-dev ships re2.pc but no re2Config.cmake: fall back to pkg-config.
# Used by the build and by the installed wartaConfig.cmake.
if(TARGET re2::re2)
  return()
endif()
find_package(re2 CONFIG QUIET)
if(NOT TARGET re2::re2)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(WARTA_RE2 REQUIRED IMPORTED_TARGET GLOBAL re2)
  add_library(re2::re2 INTERFACE IMPORTED GLOBAL)
  target_link_libraries(re2::re2 INTERFACE PkgConfig::WARTA_RE2)
endif()
