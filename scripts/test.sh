#!/usr/bin/env bash
# The README's second command (and what CI runs): install test tools, build, run every test.
#   scripts/test.sh [ctest arguments]
#   scripts/test.sh --sanitize [gtest arguments]     (LIANGHUA_SANITIZE_ALL=1: every test, ctest arguments)
# --sanitize (issue 13 §2): the same tests built with ASan + UBSan into build-asan/ (clang; shared
# with scripts/fuzz.sh), any sanitizer report failing its test; leaks are reported too, except the
# libraries' own one-time allocations listed in tests/sanitize/lsan.supp. Then every fuzz target runs
# for LIANGHUA_FUZZ_SECONDS (default 5) seconds over its seeds (scripts/fuzz.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sanitize=0
if [ "${1:-}" = "--sanitize" ]; then
  sanitize=1
  shift
fi
"$here/scripts/setup.sh" --test
if [ "$sanitize" = 1 ]; then
  build=${LIANGHUA_ASAN_BUILD:-$here/build-asan}
  # The environment of every sanitized process, the tests' children (lianghua, its workers) and the
  # test discovery at build time included.
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0:strict_string_checks=0"
  export LSAN_OPTIONS="suppressions=$here/tests/sanitize/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/sanitize/ubsan.supp"
  # The unit-test executables (one per stage library) by default, what CI runs; the programs' own
  # runs (e2e, volume, archive, signage, compile, property) too with LIANGHUA_SANITIZE_ALL=1.
  if [ "${LIANGHUA_SANITIZE_ALL:-0}" = 1 ]; then
    LIANGHUA_ASAN_BUILD=$build "$here/scripts/build.sh" --sanitize
  else
    unit=(model normalize ingest filing flow layout docx pdf xlsx)
    LIANGHUA_ASAN_BUILD=$build "$here/scripts/build.sh" --sanitize --target $(printf 'test_%s ' "${unit[@]}") fuzz
  fi
else
  build=$here/build
  "$here/scripts/build.sh"
fi
cd "$build"
status=0
# Sanitized code runs 2-5 times slower: a longer per-test timeout.
timeout=300
[ "$sanitize" = 0 ] || timeout=900
if [ "$sanitize" = 1 ] && [ "${LIANGHUA_SANITIZE_ALL:-0}" != 1 ]; then
  for u in "${unit[@]}"; do
    start=$(date +%s)
    LIANGHUA_SOURCE_DIR=$here "./test_$u" --gtest_brief=1 "$@" || status=1
    echo "sanitize: test_$u $(( $(date +%s) - start )) s"
  done
else
  ctest --output-on-failure -j"$(nproc)" --timeout "$timeout" "$@" || status=$?
  # Why tests were skipped, in one line (e.g. "skipped 45: 45 ../shared/corpus not present").
  python3 "$here/scripts/skip_summary.py" Testing/Temporary/LastTest.log || true
fi
if [ "$sanitize" = 1 ] && [ "${LIANGHUA_FUZZ_SECONDS:-5}" != 0 ]; then
  LIANGHUA_ASAN_BUILD=$build "$here/scripts/fuzz.sh" "${LIANGHUA_FUZZ_SECONDS:-5}" || status=1
fi
exit "$status"
