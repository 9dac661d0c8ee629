#!/bin/sh
# Memory benchmark (issue 12 §4): the parent's peak must not grow with the items in the catalogue;
# floor: parent < 200 MiB at 100,000 items, workers < 150 MiB each.
#
#   bench/bench_memory.sh [N=100000] [NIGHTS=4] [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench-memory] [JOBS=2]
#
# The archive is built by the program itself, `--no-documents` (a first night of 100,000 documents
# with its reading copies would take hours on this machine): bench/make_inbox.py --small makes N
# small text 文书 (~0.7 KB each, over 25 years), split into NIGHTS inboxes of N/NIGHTS files (hard links, so size
# and mtime are the generated ones). Night k files its inbox into the same ARCHIVE; the inputs of
# earlier nights are gone from its inbox (the manifest keeps them, in_inbox: false). Every night
# has the same inbox size and a catalogue larger by N/NIGHTS items: a parent that held every item
# would grow night by night. Then, on the N-item archive: a night with one new document and the
# unchanged night after it. One line per night, then the table.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
nights=${2:-4}
bin=${3:-$here/build/lianghua}
work=${4:-/tmp/lianghua-bench-memory}
jobs=${5:-2}
inbox=$work/small$n
mkdir -p "$work"
if [ ! -f "$inbox.complete" ]; then
  # 25 years: the 件号 has 4 digits (DA/T 22-2015 §6.1.4), at most 9,999 items per 年度 and 期限.
  python3 "$here/bench/make_inbox.py" "$n" "$inbox" --small --jobs 1 --years 2001-2025
  touch "$inbox.complete"
fi
# The nights' inboxes: files in sorted order, night k = the k-th slice.
if [ ! -f "$work/nights$n-$nights.complete" ]; then
  rm -rf "$work/night$n-"*
  python3 - "$inbox" "$work/night$n-" "$nights" <<'EOF'
import os, sys
src, prefix, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(os.path.relpath(os.path.join(d, f), src) for d, _, fs in os.walk(src) for f in fs)
for i, rel in enumerate(files):
    dst = os.path.join(f"{prefix}{i * k // len(files) + 1}", rel)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    os.link(os.path.join(src, rel), dst)
EOF
  # One more document for the one-new-document night, not in any night's inbox.
  mkdir -p "$work/one-new$n/新收"
  printf '南岭县市场监督管理局\n关于开展第%s号消费品质量抽查的通知\n南市监函〔2025〕901号\n\n2025年6月1日\n' "$n" \
    > "$work/one-new$n/新收/关于开展消费品质量抽查的通知.txt"
  touch -d 2025-06-01T09:00:00 "$work/one-new$n/新收/关于开展消费品质量抽查的通知.txt"
  touch "$work/nights$n-$nights.complete"
fi
export LIANGHUA_RUN_TIME=2025-06-02T02:00:00+0800
out=$work/ARCHIVE$n
rm -rf "$out"
items() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM items').fetchone()[0])" "$out/catalog.db"
}
results=$work/results$n.txt
: > "$results"
run() {  # label inbox
  line=$(nice -n 10 python3 "$here/bench/peak_rss.py" --label "$1" -- \
    "$bin" archive --in "$2" --out "$out" --office "$here/samples/office.xml" --no-documents --jobs "$jobs")
  files=$(find "$2" -type f | wc -l)
  echo "$line inbox_files=$files catalogue_items=$(items) manifest_MiB=$(($(stat -c %s "$out/manifest.json" 2>/dev/null || echo 0) / 1048576)) load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
}
k=1
while [ "$k" -le "$nights" ]; do
  run "night$k" "$work/night$n-$k"
  k=$((k + 1))
done
run one-new "$work/one-new$n"
run unchanged "$work/one-new$n"
echo
echo "| night | inbox files | items in catalogue after | wall s | CPU s | parent peak MiB | worker peak MiB | manifest MiB | load |"
echo "|---|---|---|---|---|---|---|---|---|"
sed 's/^\([^ ]*\) .*wall_s=\([0-9.]*\).*parent_hwm_mib=\([0-9.]*\) worker_hwm_mib=\([0-9.]*\).*cpu_s=\([0-9.]*\).*inbox_files=\([0-9]*\) catalogue_items=\([0-9]*\) manifest_MiB=\([0-9]*\) load=\([0-9.]*\).*/| \1 | \6 | \7 | \2 | \5 | \3 | \4 | \8 | \9 |/' "$results"
