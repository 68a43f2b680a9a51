# tests/workbook/: tests of the learner's `workbook` command (common/workbook/). Included at the end
# of tests/CMakeLists.txt.
#   - the manifest agrees with the repository (label "solutions": part of the whole suite and CI);
#   - the command line, and hint/reset/undo on a scratch copy (fast, no build; "solutions");
#   - every verb at 80 columns and the watch loop's moves, on a scratch copy whose build is a
#     stand-in (fake_tests.sh: no build; "solutions");
#   - the whole loop (list, check, watch) on a scratch copy with its own build, in
#     build/workbook-scratch/ (label "workbook": the first run builds Chapter 1 once, about two
#     minutes on two cores; later runs rebuild only what changed).
set(wb_tool_tests ${CMAKE_CURRENT_SOURCE_DIR}/workbook)

add_test(NAME "workbook: the manifest agrees with the exercise files, solutions, test tags and docs hints"
  COMMAND workbook verify --bin ${CMAKE_RUNTIME_OUTPUT_DIRECTORY})
set_tests_properties("workbook: the manifest agrees with the exercise files, solutions, test tags and docs hints"
  PROPERTIES LABELS "solutions;workbook" ENVIRONMENT "WORKBOOK_ROOT=${PROJECT_SOURCE_DIR}" TIMEOUT 120)

add_test(NAME "workbook: command line, usage errors and help"
  COMMAND bash ${wb_tool_tests}/cli.sh $<TARGET_FILE:workbook> ${PROJECT_SOURCE_DIR})
add_test(NAME "workbook: hint, reset and undo on a scratch copy"
  COMMAND bash ${wb_tool_tests}/reset_hint.sh $<TARGET_FILE:workbook> ${PROJECT_SOURCE_DIR})
# Every verb at 80 columns, and watch's moves, with a stand-in for the build (fake_tests.sh): seconds.
add_test(NAME "workbook: every verb fits 80 columns; watch moves past the last exercise and names missing ones"
  COMMAND bash ${wb_tool_tests}/widths.sh $<TARGET_FILE:workbook> ${PROJECT_SOURCE_DIR})
set_tests_properties("workbook: command line, usage errors and help" "workbook: hint, reset and undo on a scratch copy"
  "workbook: every verb fits 80 columns; watch moves past the last exercise and names missing ones"
  PROPERTIES LABELS "solutions;workbook" TIMEOUT 300)
# The longest of them (about 50 s; twice that under the sanitizers) starts first in a parallel
# run instead of last (CTest orders by COST), so that it does not run alone at the end.
set_tests_properties("workbook: every verb fits 80 columns; watch moves past the last exercise and names missing ones"
  PROPERTIES COST 900)

add_test(NAME "workbook: list, check and a scripted watch loop on a scratch copy"
  COMMAND bash ${wb_tool_tests}/loop.sh $<TARGET_FILE:workbook> ${PROJECT_SOURCE_DIR}
  ${CMAKE_BINARY_DIR}/workbook-scratch)
set_tests_properties("workbook: list, check and a scripted watch loop on a scratch copy"
  PROPERTIES LABELS "workbook" TIMEOUT 1800)

# The pieces that need no build: verdicts from test output, trimmed build logs, the manifest reader.
add_executable(workbook_tests ${wb_tool_tests}/test_workbook.cpp $<TARGET_OBJECTS:wb_catch_main>)
target_include_directories(workbook_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})  # support/catch.hpp
target_link_libraries(workbook_tests PRIVATE workbook_core Catch2::Catch2)
# data/: real compiler errors (GCC 12, clang 14) of wrong exercise code, for the trap diagnoses.
target_compile_definitions(workbook_tests PRIVATE WB_TOOL_TEST_DATA="${wb_tool_tests}/data"
  WB_TOOL_TEST_ROOT="${PROJECT_SOURCE_DIR}")
# One label only: catch_discover_tests would split "solutions;workbook" and lose the TIMEOUT.
wb_add_catch_tests(workbook_tests "" solutions)
# The same unit tests as one CTest test in the "workbook" label, so `ctest -L workbook` runs them.
add_test(NAME "workbook: the tool's unit tests (verdicts, reports, hints, progress)" COMMAND workbook_tests)
set_tests_properties("workbook: the tool's unit tests (verdicts, reports, hints, progress)"
  PROPERTIES LABELS "workbook" TIMEOUT 120)
