# Installation: headers, library, CMake package, pkg-config file, extract.
#
#   <prefix>/include/warta/warta.hpp
#   <prefix>/<libdir>/libwarta.a            (or .so with -DBUILD_SHARED_LIBS=ON)
#   <prefix>/<libdir>/cmake/warta/          wartaConfig.cmake, wartaConfigVersion.cmake,
#                                           wartaTargets*.cmake, wartaFindRE2.cmake
#   <prefix>/<libdir>/pkgconfig/warta.pc    relocatable (prefix=${pcfiledir}/../..)
#   <prefix>/bin/extract
#
# Consumers: find_package(warta) + target_link_libraries(app PRIVATE warta::warta),
# or `pkg-config --cflags --libs warta` (add --static for the static library).
include(CMakePackageConfigHelpers)

# WARTA_INSTALL_CMAKEDIR and WARTA_INSTALL_PKGCONFIGDIR are set in the root
# CMakeLists.txt (the packaging tests need them before this file is included).

get_target_property(_warta_type warta TYPE)
if(_warta_type STREQUAL "STATIC_LIBRARY")
  set(WARTA_STATIC_LIBRARY TRUE)
else()
  set(WARTA_STATIC_LIBRARY FALSE)
endif()

# --- headers and library -----------------------------------------------------
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/warta
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT Development
        FILES_MATCHING PATTERN "*.hpp")

install(TARGETS warta EXPORT wartaTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT Runtime
                NAMELINK_COMPONENT Development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT Runtime)

# --- CMake package -------------------------------------------------------------
install(EXPORT wartaTargets
        NAMESPACE warta::
        FILE wartaTargets.cmake
        DESTINATION ${WARTA_INSTALL_CMAKEDIR}
        COMPONENT Development)

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/wartaConfig.cmake.in
  ${PROJECT_BINARY_DIR}/wartaConfig.cmake
  INSTALL_DESTINATION ${WARTA_INSTALL_CMAKEDIR}
  NO_SET_AND_CHECK_MACRO)
# 0.x: a minor release may break the API, so only the same MAJOR.MINOR matches.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/wartaConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
          ${PROJECT_BINARY_DIR}/wartaConfig.cmake
          ${PROJECT_BINARY_DIR}/wartaConfigVersion.cmake
          ${CMAKE_CURRENT_LIST_DIR}/wartaFindRE2.cmake
        DESTINATION ${WARTA_INSTALL_CMAKEDIR}
        COMPONENT Development)

# --- pkg-config ------------------------------------------------------------------
# prefix is computed from the .pc file's own location, so the installed tree can
# be moved (DESTDIR, staging prefixes, tarballs).
if(IS_ABSOLUTE "${WARTA_INSTALL_PKGCONFIGDIR}")
  set(WARTA_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _warta_up "/_/${WARTA_INSTALL_PKGCONFIGDIR}" "/_")
  string(REGEX REPLACE "/$" "" _warta_up "${_warta_up}")
  set(WARTA_PC_PREFIX "\${pcfiledir}/${_warta_up}")
endif()
foreach(_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(WARTA_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(WARTA_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/warta.pc.in ${PROJECT_BINARY_DIR}/warta.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/warta.pc
        DESTINATION ${WARTA_INSTALL_PKGCONFIGDIR}
        COMPONENT Development)

# --- the command-line tool ---------------------------------------------------------
if(TARGET extract)
  if(NOT WARTA_STATIC_LIBRARY AND NOT IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    file(RELATIVE_PATH _warta_bin_to_lib "/_/${CMAKE_INSTALL_BINDIR}" "/_/${CMAKE_INSTALL_LIBDIR}")
    set_property(TARGET extract PROPERTY INSTALL_RPATH "\$ORIGIN/${_warta_bin_to_lib}")
  endif()
  install(TARGETS extract
          RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
          COMPONENT Runtime)
endif()

unset(_warta_type)
unset(_warta_up)
unset(_warta_bin_to_lib)
