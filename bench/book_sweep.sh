#!/bin/sh
# The long sweep of generated books (issue 11 §2/§8): test_compile's
# CompileGenerated.BooksInOtherOfficesHabitsCompileAsTheyWereWritten over SEEDS seeds of
# scripts/make_book_sources.py books (each compiled twice): the outline each source was written
# with, no paragraph lost, every 目录 entry on its page, bookmarks equal to the 目录, same bytes twice.
#
#   bench/book_sweep.sh [SEEDS=50] [FIRST=1] [BUILD=build]
#
# Prints the summary and the first findings, writes every finding (property, seed, path, detail) to
# $WORK/findings.tsv (WORK defaults to /tmp/lianghua-book-sweep). Build first:
#   cmake --build build --target test_compile
# Replay one seed: python3 scripts/make_book_sources.py --out DIR --seed N && lianghua compile DIR/book.xml --outline
# Exit status: the test's. Note `uptime`.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
seeds=${1:-50}
first=${2:-1}
build=${3:-$here/build}
work=${WORK:-/tmp/lianghua-book-sweep}
mkdir -p "$work"
if [ ! -x "$build/test_compile" ]; then
  echo "book_sweep: build first: cmake --build $build --target test_compile" >&2
  exit 2
fi
echo "book sweep: seeds $first..$((first + seeds - 1)); $(uptime)"
start=$(date +%s)
status=0
LIANGHUA_SOURCE_DIR=$here LIANGHUA_BOOKGEN_SEEDS=$seeds LIANGHUA_BOOKGEN_FIRST_SEED=$first \
  LIANGHUA_BOOKGEN_REPORT=$work/findings.tsv TMPDIR=$work \
  "$build/test_compile" --gtest_filter='CompileGenerated.*' >"$work/test.log" 2>&1 || status=$?
end=$(date +%s)
grep -E '^book sweep:|^\[ *(OK|FAILED) *\]' "$work/test.log" | sort -u || true
cut -f1 "$work/findings.tsv" | tail -n +2 | sort | uniq -c || true
echo "wall: $((end - start)) s; findings: $(($(wc -l <"$work/findings.tsv") - 1)) (all in $work/findings.tsv, log in $work/test.log)"
exit $status
