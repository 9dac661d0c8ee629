#!/usr/bin/env bash
# The README's second command (and what CI runs, .ci/run): install test tools, build, run every test:
# the suite (ctest), then the sanitizer suite (issue 13 §2) and a short fuzz run (§1). The stage
# libraries' unit-test programs (tests/sanitize/units.txt) run once, in the sanitizer suite; the
# ctest suite has the rest (end-to-end, archive, volume, signage, compile, property, ...).
#   scripts/test.sh [ctest arguments]     everything (the README's command)
#   scripts/test.sh --no-sanitize [...]   the ctest suite only, the unit-test programs in it (a quick local run)
#   scripts/test.sh --sanitize [gtest arguments]   the sanitizer suite only
#     (LIANGHUA_SANITIZE_ALL=1: every test sanitized, through ctest, ctest arguments)
# The sanitizer suite: the unit-test programs built with ASan + UBSan into build-asan/ (clang; shared
# with scripts/fuzz.sh), any sanitizer report failing its program; leaks are reported too, except the
# libraries' own one-time allocations listed in tests/sanitize/lsan.supp. Then every fuzz target runs
# LIANGHUA_FUZZ_RUNS (default 2000) inputs from a fixed seed, so CI's run is the same every time
# (scripts/fuzz.sh SECONDS for a timed, random run; LIANGHUA_FUZZ_RUNS=0 skips it).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/side_by_side.sh"
mode=all
case "${1:-}" in
  --sanitize) mode=sanitize; shift ;;
  --no-sanitize) mode=suite; shift ;;
esac
"$here/scripts/setup.sh" --test
status=0

# The unit-test programs run sanitized (one a line; # comments).
mapfile -t sanitized_units < <(grep -E '^[a-z_]+$' "$here/tests/sanitize/units.txt")

# The ctest suite in build/. In the full run the unit-test programs of tests/sanitize/units.txt are
# left to the sanitizer suite (built and run once, sanitized, not twice); --no-sanitize has them.
run_suite() {
  LIANGHUA_SANITIZED_UNITS_ONLY=$([ "$mode" = all ] && echo ON || echo OFF) "$here/scripts/build.sh"
  cd "$here/build"
  # A new build folder has no test timings, so ctest would start the tests in the order they are
  # declared, and the long ones met late ran on one core at the end (a fresh clone's suite: 229 s,
  # against 199 s the same tests ordered longest first). tests/ctest-costs.txt is ctest's own cost
  # file from a measured run (refresh it from build/Testing/Temporary/CTestCostData.txt); a test
  # it does not know counts as short. Once ctest has timed a run it keeps its own file.
  local costs=Testing/Temporary/CTestCostData.txt
  [ -f "$costs" ] || { mkdir -p "$(dirname "$costs")"; cp "$here/tests/ctest-costs.txt" "$costs"; }
  ctest --output-on-failure -j"$(nproc)" --timeout 300 "$@" || status=1
  # Why tests were skipped, in one line (e.g. "skipped 45: 45 ../shared/corpus not present").
  python3 "$here/scripts/skip_summary.py" Testing/Temporary/LastTest.log || true
}

# One unit-test program of the sanitizer build (in $sanitizer_build, with the gtest arguments
# $gtest_args), its output and a last line saying how it went in BUILD/sanitize-test_<unit>.log.
sanitized_program() {
  local build=$sanitizer_build u=$1 start rc=0
  start=$(date +%s)
  (cd "$build" && LIANGHUA_SOURCE_DIR=$here "./test_$u" --gtest_brief=1 "${gtest_args[@]}") >"$build/sanitize-test_$u.log" 2>&1 || rc=$?
  if [ "$rc" = 0 ]; then
    echo "sanitize: test_$u passed in $(( $(date +%s) - start )) s" >>"$build/sanitize-test_$u.log"
  else
    echo "sanitize: test_$u FAILED (exit $rc) after $(( $(date +%s) - start )) s" >>"$build/sanitize-test_$u.log"
  fi
}

# The sanitizer suite in build-asan/: one line per unit-test program, then the fuzz targets.
run_sanitized() {
  local build=${LIANGHUA_ASAN_BUILD:-$here/build-asan}
  # The environment of every sanitized process, the tests' children (lianghua, its workers) and the
  # test discovery at build time included.
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0:strict_string_checks=0"
  export LSAN_OPTIONS="suppressions=$here/tests/sanitize/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/sanitize/ubsan.supp"
  local unit=("${sanitized_units[@]}")
  if [ "${LIANGHUA_SANITIZE_ALL:-0}" = 1 ]; then
    # Every test, the programs' own runs (e2e, volume, archive, signage, compile, property) too;
    # sanitized code runs 2-5 times slower: a longer per-test timeout.
    LIANGHUA_ASAN_BUILD=$build "$here/scripts/build.sh" --sanitize
    (cd "$build" && ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@") || status=1
  else
    LIANGHUA_ASAN_BUILD=$build "$here/scripts/build.sh" --sanitize --target $(printf 'test_%s ' "${unit[@]}") fuzz
    # The programs run side by side, one a core (each is one process; the slowest, ingest and docx,
    # take ~20 s under the sanitizers), their output kept and shown program by program; each log's
    # last line says whether it passed.
    sanitizer_build=$build
    gtest_args=("$@")
    side_by_side "$(nproc)" sanitized_program "${unit[@]}" || status=1
    local u
    for u in "${unit[@]}"; do
      cat "$build/sanitize-test_$u.log"
      grep -q "^sanitize: test_$u passed" "$build/sanitize-test_$u.log" || status=1
    done
  fi
  if [ "${LIANGHUA_FUZZ_RUNS:-2000}" != 0 ]; then
    LIANGHUA_ASAN_BUILD=$build LIANGHUA_FUZZ_RUNS=${LIANGHUA_FUZZ_RUNS:-2000} "$here/scripts/fuzz.sh" || status=1
  fi
}

case $mode in
  all) run_suite "$@"; run_sanitized ;;
  suite) run_suite "$@" ;;
  sanitize) run_sanitized "$@" ;;
esac
# One closing line for both parts (ctest's own summary is further up, before the sanitizer suite).
echo "test.sh: $([ "$status" = 0 ] && echo "all passed" || echo "FAILED (see above)")"
exit "$status"
