# Driver for the packaging tests in tests/CMakeLists.txt (cmake -P).
#
#   -DSTEP=stage       -DBUILD_DIR= -DPREFIX= -DCONFIG=
#       fresh `cmake --install BUILD_DIR --prefix PREFIX`
#   -DSTEP=configure   -DSOURCE_DIR= -DBINARY_DIR= -DPREFIX= -DGENERATOR= -DCXX= -DCONFIG=
#                      [-DCXX_FLAGS=] [-DLINK_FLAGS=]
#       fresh configure of SOURCE_DIR against PREFIX; checks that warta was
#       found in PREFIX and not somewhere else on the system
#   -DSTEP=pkgconfig   -DPKG_CONFIG= -DPREFIX= -DPCDIR= -DVERSION= -DSTATIC=
#       `pkg-config --cflags --libs warta` against PREFIX only
#   -DSTEP=pkgbuild    -DPKG_CONFIG= -DPCDIR= -DSTATIC= -DCXX= -DSOURCE= -DOUTPUT=
#                      [-DCXX_FLAGS=] [-DLINK_FLAGS=]
#       compile and link SOURCE with the flags from warta.pc
#   -DSTEP=run         -DCOMMAND=<;-list> -DEXPECT=<regex>
#       runs COMMAND; passes if it exits 0, stdout matches EXPECT and stderr has
#       no sanitizer report
cmake_minimum_required(VERSION 3.25)

function(run_checked)
  execute_process(COMMAND ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " cmd)
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

# out = TRUE if path is prefix or inside it (both resolved).
function(is_under path prefix out)
  file(REAL_PATH "${path}" p)
  file(REAL_PATH "${prefix}" q)
  string(FIND "${p}/" "${q}/" pos)
  if(pos EQUAL 0)
    set(${out} TRUE PARENT_SCOPE)
  else()
    set(${out} FALSE PARENT_SCOPE)
  endif()
endfunction()

function(split_flags var)
  separate_arguments(flags UNIX_COMMAND "${${var}}")
  set(${var} "${flags}" PARENT_SCOPE)
endfunction()

if(STEP STREQUAL "stage")
  file(REMOVE_RECURSE "${PREFIX}")
  run_checked("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" --config "${CONFIG}")
  message("${out}")

elseif(STEP STREQUAL "configure")
  set(args --fresh -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}"
      "-DCMAKE_PREFIX_PATH=${PREFIX}" "-DCMAKE_BUILD_TYPE=${CONFIG}"
      "-DCMAKE_CXX_COMPILER=${CXX}")
  if(CXX_FLAGS)
    list(APPEND args "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}")
  endif()
  if(LINK_FLAGS)
    list(APPEND args "-DCMAKE_EXE_LINKER_FLAGS=${LINK_FLAGS}")
  endif()
  run_checked("${CMAKE_COMMAND}" ${args})
  message("${out}")
  file(STRINGS "${BINARY_DIR}/CMakeCache.txt" warta_dir REGEX "^warta_DIR:")
  string(REGEX REPLACE "^[^=]*=" "" warta_dir "${warta_dir}")
  is_under("${warta_dir}" "${PREFIX}" inside)
  if(NOT warta_dir OR NOT inside)
    message(FATAL_ERROR "warta was found in ${warta_dir}, not in ${PREFIX}")
  endif()

elseif(STEP STREQUAL "pkgconfig")
  # Only the staging prefix: an installed system copy must not satisfy the test.
  set(ENV{PKG_CONFIG_PATH} "${PCDIR}")
  run_checked("${PKG_CONFIG}" --modversion warta)
  string(STRIP "${out}" got)
  if(NOT got STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config --modversion warta: '${got}', expected '${VERSION}'")
  endif()
  set(static_arg)
  if(STATIC)
    set(static_arg --static)
  endif()
  run_checked("${PKG_CONFIG}" --cflags --libs ${static_arg} warta)
  string(STRIP "${out}" flags)
  message("pkg-config --cflags --libs ${static_arg} warta: ${flags}")
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(have_include FALSE)
  set(have_lib FALSE)
  foreach(f IN LISTS flags)
    if(f MATCHES "^-I(.*)$")
      set(d "${CMAKE_MATCH_1}")
      is_under("${d}" "${PREFIX}" inside)
      if(inside AND EXISTS "${d}/warta/warta.hpp")
        set(have_include TRUE)
      endif()
    elseif(f MATCHES "^-L(.*)$")
      set(d "${CMAKE_MATCH_1}")
      is_under("${d}" "${PREFIX}" inside)
      file(GLOB libs "${d}/libwarta.*")
      if(inside AND libs)
        set(have_lib TRUE)
      endif()
    endif()
  endforeach()
  if(NOT have_include OR NOT have_lib OR NOT "-lwarta" IN_LIST flags)
    message(FATAL_ERROR "warta.pc does not point into ${PREFIX} (include: ${have_include}, lib: ${have_lib}): ${flags}")
  endif()
  if(STATIC AND NOT "-lre2" IN_LIST flags)
    message(FATAL_ERROR "static warta.pc does not bring in RE2: ${flags}")
  endif()

elseif(STEP STREQUAL "pkgbuild")
  set(ENV{PKG_CONFIG_PATH} "${PCDIR}")
  set(static_arg)
  if(STATIC)
    set(static_arg --static)
  endif()
  run_checked("${PKG_CONFIG}" --cflags warta)
  set(cflags "${out}")
  run_checked("${PKG_CONFIG}" --libs ${static_arg} warta)
  set(libs "${out}")
  foreach(v cflags libs CXX_FLAGS LINK_FLAGS)
    string(STRIP "${${v}}" ${v})
    split_flags(${v})
  endforeach()
  run_checked("${CXX}" -std=c++20 ${CXX_FLAGS} ${cflags} "${SOURCE}" -o "${OUTPUT}" ${LINK_FLAGS} ${libs})

elseif(STEP STREQUAL "run")
  execute_process(COMMAND ${COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  list(JOIN COMMAND " " cmd)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "exit ${rc}: ${cmd}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  if(err MATCHES "(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:)")
    message(FATAL_ERROR "sanitizer report: ${cmd}\n${err}")
  endif()
  if(NOT out MATCHES "${EXPECT}")
    message(FATAL_ERROR "output of ${cmd} does not match '${EXPECT}':\n${out}")
  endif()
  string(LENGTH "${out}" n)
  message("ok: ${cmd} (${n} bytes of output)")

else()
  message(FATAL_ERROR "unknown STEP '${STEP}'")
endif()
