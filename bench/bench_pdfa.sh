#!/bin/sh
# PDF/A benchmark (issue 15 §5): what the preservation copies add to a nightly run. The same
# generated office inbox (scripts/make_office_inbox.py, seed 1, night 1) is archived twice from
# scratch, once with the default scheme asking PDF/A-2b only (reading copies and 案卷; its "ofd-a"
# left out) and once with the same scheme minus its preservation attributes, RUNS times each, alternating; the median wall
# times are compared. Floor: PDF/A adds at most 20%. Exit 1 when it adds more.
#
#   bench/bench_pdfa.sh [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench-pdfa] [RUNS=3] [JOBS=2]
#
# Note `uptime`: on a loaded machine the figures mean little.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/lianghua}
work=${2:-/tmp/lianghua-bench-pdfa}
runs=${3:-3}
jobs=${4:-2}
mkdir -p "$work"
if [ ! -f "$work/inbox.complete" ]; then
  rm -rf "$work/IN"
  python3 "$here/scripts/make_office_inbox.py" --out "$work/IN" --seed 1 --night 1 --truth "$work/T.json" --office "$work/O.xml" >/dev/null
  touch "$work/inbox.complete"
fi
# PDF/A alone: the default scheme's OFD-A copies are left out of both runs (bench_ofd.sh measures them).
with="$work/scheme/with.xml"
without="$work/scheme/default.xml"
mkdir -p "$work/scheme"
cp "$here"/templates/scheme/*.xsd "$work/scheme/"
sed 's/preservation="pdf-a-2b ofd-a"/preservation="pdf-a-2b"/' "$here/templates/scheme/default.xml" > "$with"
sed 's/ preservation="[^"]*"//' "$with" > "$without"
grep -q 'preservation="pdf-a-2b"' "$with" || { echo "bench_pdfa: the default scheme asks for no PDF/A"; exit 2; }
files=$(find "$work/IN" -type f | wc -l)
echo "inbox: $work/IN ($files files); $(uptime)"
export LIANGHUA_RUN_TIME=2024-06-01T02:00:00+0800
one() {  # scheme label → wall seconds on stdout
  rm -rf "$work/OUT-$2"
  t0=$(date +%s.%N)
  "$bin" archive --in "$work/IN" --out "$work/OUT-$2" --office "$work/O.xml" --scheme "$1" --jobs "$jobs" --quiet >/dev/null 2>&1 || [ $? -eq 1 ]
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }'
}
plain="" pdfa=""
i=0
while [ $i -lt "$runs" ]; do
  plain="$plain $(one "$without" plain)"
  pdfa="$pdfa $(one "$with" pdfa)"
  i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
mp=$(median $plain)
ma=$(median $pdfa)
copies=$(python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
n=sum(1 for s in ('items','volumes','catalogues') for v in d[s].values() for f in v.get('files',[]) if f.get('pdfa'))
m=sum(1 for s in ('items','volumes','catalogues') for v in d[s].values() for f in v.get('files',[]) if f.get('pdfa_problems'))
print(f'{n} PDF/A-2b, {m} not conformant (reported)')" "$work/OUT-pdfa/derived.json")
echo "without PDF/A: runs$plain s, median $mp s"
echo "with PDF/A:    runs$pdfa s, median $ma s ($copies)"
echo "$mp $ma" | awk '{ d = ($2 - $1) / $1 * 100; printf "PDF/A adds %.1f%% (floor: at most 20%%)\n", d; exit (d > 20) }'
