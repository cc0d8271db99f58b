# protolm_module(NAME [DEPS target...]): the build of one folder of src/.
#
# Sources are the folder's own *.cc files (not sub-folders) except *_test.cc (unit tests,
# built into NAME_tests with the test support library protolm_testing, and registered
# with ctest), *_fuzz.cc (libFuzzer targets, built only with PROTOLM_FUZZ) and main.cc
# files. The library is protolm_NAME; include paths are relative to src/ ("util/bytes.h").
function(protolm_module name)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  file(GLOB all_sources CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(lib_sources "")
  set(test_sources "")
  set(fuzz_sources "")
  foreach(f IN LISTS all_sources)
    if(f MATCHES "_test\\.cc$")
      list(APPEND test_sources ${f})
    elseif(f MATCHES "_fuzz\\.cc$")
      list(APPEND fuzz_sources ${f})
    elseif(NOT f MATCHES "/main\\.cc$")
      list(APPEND lib_sources ${f})
    endif()
  endforeach()

  if(lib_sources)
    add_library(protolm_${name} STATIC ${lib_sources})
    target_include_directories(protolm_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(protolm_${name} PUBLIC ${ARG_DEPS})
  else()  # a folder of headers only (or one still being written)
    add_library(protolm_${name} INTERFACE)
    target_include_directories(protolm_${name} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(protolm_${name} INTERFACE ${ARG_DEPS})
  endif()

  if(PROTOLM_TESTS AND test_sources)
    add_executable(${name}_tests ${test_sources})
    # protolm_testing (src/testing) is declared after some modules; the
    # generator expression resolves the name when the build is generated.
    target_link_libraries(${name}_tests PRIVATE protolm_${name}
                          $<TARGET_NAME_IF_EXISTS:protolm_testing>
                          GTest::gmock GTest::gtest_main)
    target_compile_definitions(${name}_tests PRIVATE
      PROTOLM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      PROTOLM_SHARED_DATA_DIR="${PROJECT_SOURCE_DIR}/../shared/data")
    gtest_discover_tests(${name}_tests DISCOVERY_TIMEOUT 60
                         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  endif()

  if(PROTOLM_FUZZ)
    # `fuzzers` builds every fuzz target and only what they link (not the
    # CLI or the torch-based modules).
    if(NOT TARGET fuzzers)
      add_custom_target(fuzzers)
    endif()
    foreach(f IN LISTS fuzz_sources)
      get_filename_component(fuzz_name ${f} NAME_WE)
      add_executable(${fuzz_name} ${f})
      target_compile_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
      target_link_options(${fuzz_name} PRIVATE -fsanitize=fuzzer)
      target_link_libraries(${fuzz_name} PRIVATE protolm_${name})
      add_dependencies(fuzzers ${fuzz_name})
    endforeach()
  endif()
endfunction()
