#!/bin/sh
# Preservation copies benchmark (issue 15 §5, bench/RESULTS.md §8): what PDF/A-2b and OFD-A copies
# add to a night's run, in time and in bytes. Three inboxes, each archived from scratch:
#   office — the generated office inbox (make_office_inbox.py, seed 1, night 1: 45 files, every
#            reading copy re-typeset by lianghua, no source PDFs);
#   sample — samples/inbox (52 items, 15 source PDFs with 31 pages: pictures in the OFD copies);
#   scan   — 30 one-page PDFs that are whole-page JPEG scans (make_scan_inbox.py, from 200 dpi JPEGs
#            pdftoppm makes of the sample's PDFs), as scanners and phone apps write them;
#   generated — bench/make_inbox.py 300 --seed 1 (115 born-digital PDFs, 126 DOCX, text, images,
#            ZIPs): the inbox with the most source PDFs, each copied page by page into its OFD.
# with three schemes, the default scheme but for preservation= on reading copies and volumes:
#   none — no preservation attribute (the baseline: no PDF/A, no OFD);
#   pdfa — preservation="pdf-a-2b";
#   ofd  — preservation="pdf-a-2b ofd-a" (what templates/scheme/default.xml asks).
# Runs alternate (none, pdfa, ofd, none, …) RUNS times per inbox, so load from others falls on all
# three alike. Per run: wall seconds and CPU seconds (user + sys of the run and its workers,
# GNU time); the medians and each scheme's change against none are printed, then the bytes of the
# .ofd copies against the .pdf copies beside them, split by how their pages were made.
# The glyf forms of the fonts (ofd/glyf_form.cpp, in the font cache) are made by the first run on a
# machine: that one-time cost falls on the first "ofd" run here unless they exist already.
#
#   bench/bench_ofd.sh [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench-ofd] [RUNS=3] [JOBS=2] [INBOXES="office sample scan generated"]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/lianghua}
work=${2:-/tmp/lianghua-bench-ofd}
runs=${3:-3}
jobs=${4:-2}
inboxes=${5:-office sample scan generated}
mkdir -p "$work/scheme"
if [ ! -f "$work/inbox.complete" ]; then
  rm -rf "$work/IN"
  python3 "$here/scripts/make_office_inbox.py" --out "$work/IN" --seed 1 --night 1 --truth "$work/T.json" --office "$work/O.xml" >/dev/null
  touch "$work/inbox.complete"
fi
if [ ! -f "$work/scan.complete" ]; then
  rm -rf "$work/SCANSRC" "$work/SCAN"
  mkdir -p "$work/SCANSRC"
  i=0
  find "$here/samples/inbox" -name '*.pdf' | LC_ALL=C sort | while IFS= read -r f; do
    i=$((i + 1))
    pdftoppm -r 200 -gray -jpeg -jpegopt quality=75 -f 1 -l 1 "$f" "$work/SCANSRC/p$i" 2>/dev/null || true
  done
  python3 "$here/bench/make_scan_inbox.py" "$work/SCANSRC" "$work/SCAN" 30
  touch "$work/scan.complete"
fi
if [ ! -f "$work/generated.complete" ]; then
  rm -rf "$work/GEN"
  python3 "$here/bench/make_inbox.py" 300 "$work/GEN" --seed 1 >/dev/null
  touch "$work/generated.complete"
fi
cp "$here"/templates/scheme/*.xsd "$work/scheme/"
# none: the reading copies' and volumes' preservation attributes taken out.
sed -e 's/\(kind="reading-copies"[^/]*\) preservation="[^"]*"/\1/' -e 's/\(kind="volumes"[^/]*\) preservation="[^"]*"/\1/' \
    "$here/templates/scheme/default.xml" > "$work/scheme/none.xml"
sed -e 's/<output kind="reading-copies"/<output preservation="pdf-a-2b" kind="reading-copies"/' \
    -e 's/<output kind="volumes"/<output preservation="pdf-a-2b" kind="volumes"/' "$work/scheme/none.xml" > "$work/scheme/pdfa.xml"
sed 's/preservation="pdf-a-2b"/preservation="pdf-a-2b ofd-a"/g' "$work/scheme/pdfa.xml" > "$work/scheme/ofd.xml"
! grep -q "<output [^>]*preservation=" "$work/scheme/none.xml" || { echo "bench_ofd: none.xml still asks for preservation copies" >&2; exit 2; }
echo "$(date -u +%H:%M:%S) UTC; $(uptime)"
export LIANGHUA_RUN_TIME=2024-06-01T02:00:00+0800
one() {  # inbox scheme → "wall cpu" on stdout
  case $1 in
    office) in_dir=$work/IN office=$work/O.xml ;;
    sample) in_dir=$here/samples/inbox office=$here/samples/office.xml ;;
    scan) in_dir=$work/SCAN office=$here/samples/office.xml ;;
    generated) in_dir=$work/GEN office=$here/samples/office.xml ;;
  esac
  # Each run archives into a folder of its own, and the runs' folders are removed only after the
  # inbox's last run: deleting the previous run's thousands of files just before creating as many
  # makes ext4 search past the recently freed inodes for every new file (find_inode_bit,
  # recently_deleted: 1.5 % of the generated inbox's "ofd" run, three times the "none" run's),
  # which no night on an office server pays.
  if [ -d "$work/OUT-$1-$2" ]; then
    mv "$work/OUT-$1-$2" "$work/OLD-$1-$2-$(ls -d "$work"/OLD-* 2>/dev/null | wc -l)"
  fi
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$bin" archive --in "$in_dir" --out "$work/OUT-$1-$2" --office "$office" \
    --scheme "$work/scheme/$2.xml" --jobs "$jobs" --quiet >/dev/null 2>&1 || [ $? -eq 1 ]
  tail -n 1 "$work/time" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
median() { echo "$@" | tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
rm -rf "$work"/OLD-*  # an interrupted run's
for inbox in $inboxes; do
  rm -f "$work/runs-$inbox"
  i=0
  while [ $i -lt "$runs" ]; do
    for scheme in none pdfa ofd; do echo "$scheme $(one "$inbox" "$scheme")" >> "$work/runs-$inbox"; done
    i=$((i + 1))
  done
  echo "== $inbox inbox, $runs runs each, --jobs $jobs ($(uptime | sed 's/.*load/load/'))"
  for scheme in none pdfa ofd; do
    w=$(awk -v s=$scheme '$1 == s { printf " %s", $2 }' "$work/runs-$inbox")
    c=$(awk -v s=$scheme '$1 == s { printf " %s", $3 }' "$work/runs-$inbox")
    echo "$scheme $(median $w) $(median $c) |$w |$c"
  done | awk '
    { name[NR] = $1; wall[NR] = $2; cpu[NR] = $3; $1 = $2 = $3 = ""; detail[NR] = $0 }
    END {
      for (i = 1; i <= NR; i++)
        printf "%-5s wall median %6.2f s (%+5.1f%%)  CPU median %6.2f s (%+5.1f%%)   wall, CPU of each run:%s\n",
               name[i], wall[i], (wall[i] - wall[1]) / wall[1] * 100, cpu[i], (cpu[i] - cpu[1]) / cpu[1] * 100, detail[i]
    }'
done
for inbox in $inboxes; do
python3 - "$work/OUT-$inbox-ofd" "$inbox" <<'PY'
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
        print(f"{sys.argv[2]} {k:8s}: {n} copies, PDF {pb/1e6:.2f} MB, OFD {ob/1e6:.2f} MB ({ob/pb:.2f}x the PDF)")
print(f"{sys.argv[2]}: copies not OFD-A: {bad}")
PY
done
rm -rf "$work"/OLD-*  # the runs' folders, after the last run (see one())
