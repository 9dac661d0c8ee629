#!/bin/sh
# OFD-A copies benchmark (issue 15 §5, bench/RESULTS.md §8): what the archive's OFD copies add to a
# run, in time and in bytes. The same generated office inbox as bench_pdfa.sh (make_office_inbox.py,
# seed 1, night 1) is archived from scratch with the default scheme's preservation on reading copies
# and volumes as "pdf-a-2b" and as "pdf-a-2b ofd-a", RUNS times each, alternating; median wall
# times compared, and the bytes of the .ofd copies against the .pdf copies they sit beside, split
# by how the pages were made (laid out by lianghua, or pictures of source-PDF pages).
#
#   bench/bench_ofd.sh [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench-ofd] [RUNS=3] [JOBS=2]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/lianghua}
work=${2:-/tmp/lianghua-bench-ofd}
runs=${3:-3}
jobs=${4:-2}
mkdir -p "$work/scheme"
if [ ! -f "$work/inbox.complete" ]; then
  rm -rf "$work/IN"
  python3 "$here/scripts/make_office_inbox.py" --out "$work/IN" --seed 1 --night 1 --truth "$work/T.json" --office "$work/O.xml" >/dev/null
  touch "$work/inbox.complete"
fi
cp "$here"/templates/scheme/*.xsd "$work/scheme/"
sed -e 's/\(kind="reading-copies"[^/]*\) preservation="[^"]*"/\1/' -e 's/\(kind="volumes"[^/]*\) preservation="[^"]*"/\1/' \
    -e 's/<output kind="reading-copies"/<output preservation="pdf-a-2b" kind="reading-copies"/' \
    -e 's/<output kind="volumes"/<output preservation="pdf-a-2b" kind="volumes"/' "$here/templates/scheme/default.xml" > "$work/scheme/pdfa.xml"
sed 's/preservation="pdf-a-2b"/preservation="pdf-a-2b ofd-a"/g' "$work/scheme/pdfa.xml" > "$work/scheme/ofd.xml"
echo "inbox: $work/IN ($(find "$work/IN" -type f | wc -l) files); $(uptime)"
export LIANGHUA_RUN_TIME=2024-06-01T02:00:00+0800
one() {  # scheme label → wall seconds on stdout
  rm -rf "$work/OUT-$2"
  t0=$(date +%s.%N)
  "$bin" archive --in "$work/IN" --out "$work/OUT-$2" --office "$work/O.xml" --scheme "$1" --jobs "$jobs" --quiet >/dev/null 2>&1 || [ $? -eq 1 ]
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }'
}
pdfa="" ofd=""
i=0
while [ $i -lt "$runs" ]; do
  pdfa="$pdfa $(one "$work/scheme/pdfa.xml" pdfa)"
  ofd="$ofd $(one "$work/scheme/ofd.xml" ofd)"
  i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
mp=$(median $pdfa)
mo=$(median $ofd)
echo "PDF/A only:        runs$pdfa s, median $mp s"
echo "PDF/A and OFD-A:   runs$ofd s, median $mo s"
echo "$mp $mo" | awk '{ printf "OFD-A copies add %.1f%% to the run\n", ($2 - $1) / $1 * 100 }'
python3 - "$work/OUT-ofd" <<'PY'
import json, os, sys, zipfile
root = sys.argv[1]
d = json.load(open(os.path.join(root, "derived.json")))
tot = {"laid": [0, 0, 0], "scanned": [0, 0, 0]}  # copies, pdf bytes, ofd bytes
bad = 0
for sec in ("items", "volumes"):
    for v in d[sec].values():
        paths = {f["path"]: f for f in v.get("files", [])}
        for p, f in paths.items():
            if not p.endswith(".ofd"):
                continue
            bad += "ofda" not in f
            pdf = p[:-4] + ".pdf"
            z = zipfile.ZipFile(os.path.join(root, p))
            scanned = any("Background" in z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith("Content.xml"))
            t = tot["scanned" if scanned else "laid"]
            t[0] += 1
            t[1] += os.path.getsize(os.path.join(root, pdf))
            t[2] += os.path.getsize(os.path.join(root, p))
for k, (n, pb, ob) in tot.items():
    if n:
        print(f"{k:8s}: {n} copies, PDF {pb/1e6:.2f} MB, OFD {ob/1e6:.2f} MB ({ob/pb:.2f}x the PDF)")
print(f"copies not OFD-A: {bad}")
PY
