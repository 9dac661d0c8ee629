#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (issue 13 §1) and runs each for SECONDS (default 60).
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 5; scripts/fuzz.sh 600 pdf docx
# Build: build-asan (clang, ASan + UBSan, coverage), shared with scripts/test.sh --sanitize.
# Seeds: samples/, the tests' own files and ../shared/corpus where present, linked (never copied)
# into build-asan/fuzz/seeds/<target>; what a run learns is kept in build-asan/fuzz/corpus/<target>
# and reused by the next run; a crash is written to build-asan/fuzz/crashes/<target>/ and makes the
# script exit 1. A nightly machine runs e.g. `scripts/fuzz.sh 1800` and keeps build-asan/fuzz/corpus.
# Prints one line per target: executions, corpus size, crashes.
# LIANGHUA_FUZZ_RUNS=N (scripts/test.sh sets it): each target runs N inputs from the fixed seed
# LIANGHUA_FUZZ_SEED (default 1) into a fresh corpus instead of for SECONDS, so the run is the same
# on every machine and every time (CI's), whatever the machine's speed.
# LIANGHUA_FUZZ_JOBS=N: targets run N at a time (default: one a core).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/side_by_side.sh"
seconds=${1:-60}
shift || true
build=${LIANGHUA_ASAN_BUILD:-$here/build-asan}
readers=(docx xlsx pdf zip text csv xml model_xml ofd image)
extractors=(case_number credit_code id_number personal_numbers dates doc_type parties doc_facts extract_fields)
specs=(scheme office signage_spec sign_types emblem book_spec flow)
checkers=(check_pdfa check_ofd)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${readers[@]}" "${extractors[@]}" "${specs[@]}" "${checkers[@]}")

LIANGHUA_ASAN_BUILD=$build "$here/scripts/build.sh" --sanitize --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

corpus_dir=$here/../shared/corpus
[ -d "$corpus_dir" ] || corpus_dir=/nonexistent
# Files (NUL-separated) that seed one target: by extension under samples/, tests/ and the corpus.
seed_files() {
  local t=$1 ext=()
  case $t in
    docx) ext=(docx dotx) ;;
    xlsx) ext=(xlsx) ;;
    pdf|check_pdfa) ext=(pdf) ;;
    zip) ext=(zip docx xlsx ofd) ;;
    text) ext=(txt md html tsv) ;;
    csv) ext=(csv tsv) ;;
    xml|model_xml) ext=(xml) ;;
    ofd|check_ofd) ext=(ofd) ;;
    image|emblem) ext=(jpg jpeg png tif tiff gif bmp svg) ;;
    scheme|office|signage_spec|sign_types|book_spec|flow) ext=(xml) ;;
    *) ext=(txt md csv) ;;   # the field extractors read text
  esac
  local args=() e
  for e in "${ext[@]}"; do args+=(-o -iname "*.$e"); done
  # Sorted: the seeds are numbered in this order, and libFuzzer's fixed-seed run mutates them in
  # it; in find's directory order two clones of the project fuzzed different inputs.
  find "$here/samples" "$here/templates" "$here/tests" "$corpus_dir" -type f -size -2M \
       \( -false "${args[@]}" \) -not -path "*/build*" -print0 2>/dev/null | LC_ALL=C sort -z
}
# The dictionary of a target: the format's tokens, plus a spec's XSD names.
dict_for() {
  local t=$1 out=$build/fuzz/dict/$1.dict xsd=""
  mkdir -p "$build/fuzz/dict"
  case $t in
    docx|xlsx) cp "$here/tests/fuzz/ooxml.dict" "$out" ;;
    zip) grep '^zip' "$here/tests/fuzz/ooxml.dict" >"$out" ;;
    pdf|check_pdfa) cp "$here/tests/fuzz/pdf.dict" "$out" ;;
    ofd|check_ofd) cat "$here/tests/fuzz/ofd.dict" "$here/tests/fuzz/xml.dict" >"$out" ;;
    xml|model_xml|emblem|scheme|office|signage_spec|sign_types|book_spec|flow)
      cp "$here/tests/fuzz/xml.dict" "$out"
      case $t in
        model_xml) xsd=templates/xsd/lianghua-document.xsd ;;
        xml) xsd=templates/xsd/inspection-record.xsd ;;
        scheme) xsd=templates/scheme/scheme.xsd ;;
        office) xsd=templates/scheme/office.xsd ;;
        signage_spec|sign_types) xsd=templates/signage/signage.xsd ;;
        book_spec) xsd=templates/book/book.xsd ;;
        flow) xsd=templates/flow/flow.xsd ;;
      esac
      # libFuzzer takes printable ASCII in a dictionary: other bytes (the XSDs' Chinese names) as \xNN.
      [ -z "$xsd" ] || grep -o 'name="[^"]*"' "$here/$xsd" | sort -u | sed 's/name="\(.*\)"/"\1"/' |
        perl -pe 's/([\x80-\xff])/sprintf("\\x%02X", ord($1))/ge' >>"$out"
      ;;
    *) : >"$out" ;;
  esac
  echo "$out"
}

# One target's fixed run (or timed run): its row of the table in $build/fuzz/$t.row, what went wrong
# in $build/fuzz/$t.err; exit 1 on a crash or a failed run. Targets run side by side, one a core
# (each libFuzzer process is single-threaded), so the whole run takes what the slowest core's share
# takes; the table is printed in the targets' order when all are done.
fuzz_one() {
  local t=$1
  local seeds=$build/fuzz/seeds/$t corpus=$build/fuzz/corpus/$t crashes=$build/fuzz/crashes/$t
  [ -z "${LIANGHUA_FUZZ_RUNS:-}" ] || { corpus=$build/fuzz/fixed-runs/$t; rm -rf "$corpus"; }
  rm -rf "$seeds" "$build/fuzz/$t.row" "$build/fuzz/$t.err"
  mkdir -p "$seeds" "$corpus" "$crashes"
  local n=0 f
  while IFS= read -r -d '' f; do
    n=$((n + 1))
    ln -s "$f" "$seeds/$n.$(basename "$f" | sed 's/.*\.//')"
  done < <(seed_files "$t")
  local dict log=$build/fuzz/$t.log
  dict=$(dict_for "$t")
  local budget=(-max_total_time="$seconds")
  [ -z "${LIANGHUA_FUZZ_RUNS:-}" ] || budget=(-runs="$LIANGHUA_FUZZ_RUNS" -seed="${LIANGHUA_FUZZ_SEED:-1}")
  local flags=("${budget[@]}" -timeout=25 -rss_limit_mb=2560 -max_len=1048576
               -print_final_stats=1 -artifact_prefix="$crashes/" -close_fd_mask=3)
  [ -s "$dict" ] && flags+=(-dict="$dict")
  local rc=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} \
    "$build/tests/fuzz/fuzz_$t" "${flags[@]}" "$corpus" "$seeds" >"$log" 2>&1 || rc=$?
  local execs found
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  found=$(find "$crashes" -type f | wc -l)
  printf '%-18s %12s %8s %8s\n' "$t" "${execs:-?}" "$(find "$corpus" -type f | wc -l)" "$found" >"$build/fuzz/$t.row"
  if [ "$rc" != 0 ] || [ "$found" != 0 ]; then
    { echo "fuzz_$t: exit $rc, see $log and $crashes"
      grep -m3 -E "ERROR: (AddressSanitizer|libFuzzer)|runtime error|SUMMARY" "$log" || true; } >"$build/fuzz/$t.err"
    return 1
  fi
}

status=0
side_by_side "${LIANGHUA_FUZZ_JOBS:-$(nproc)}" fuzz_one "${targets[@]}" || status=1
printf '%-18s %12s %8s %8s\n' target executions corpus crashes
for t in "${targets[@]}"; do
  cat "$build/fuzz/$t.row" 2>/dev/null || printf '%-18s %12s\n' "$t" "(no result)"
  [ ! -s "$build/fuzz/$t.err" ] || cat "$build/fuzz/$t.err" >&2
  [ -f "$build/fuzz/$t.row" ] || status=1
done
exit "$status"
