#!/bin/sh
# Inspect benchmark (issue 2 §9): `lianghua inspect --json` throughput (files/s, MB/s) on a generated
# mixed inbox, with --jobs 1 and --jobs 2, and the peak RSS of the parent and of the workers.
#
#   bench/bench_inspect.sh [N=2000] [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench] [REPEAT=2]
#
# Files count the inbox's files (ZIP entries are read too, but not counted). Note `uptime`.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-2000}
bin=${2:-$here/build/lianghua}
work=${3:-/tmp/lianghua-bench}
repeat=${4:-2}
inbox=$work/inbox$n
mkdir -p "$work"
if [ ! -f "$inbox.complete" ]; then
  python3 "$here/bench/make_inbox.py" "$n" "$inbox" --seed 1
  touch "$inbox.complete"
fi
files=$(find "$inbox" -type f | wc -l)
bytes=$(du -sb "$inbox" | cut -f1)
echo "inbox: $inbox ($files files, $((bytes / 1048576)) MiB); $(uptime)"
for jobs in 1 2; do
  i=1
  while [ "$i" -le "$repeat" ]; do
    line=$(python3 "$here/bench/peak_rss.py" --label "inspect jobs=$jobs #$i" -- \
      "$bin" inspect --json --quiet --jobs "$jobs" "$inbox")
    wall=$(echo "$line" | sed 's/.*wall_s=\([0-9.]*\).*/\1/')
    rate=$(echo "$files $bytes $wall" | awk '{ printf "files/s=%.1f MB/s=%.2f", $1 / $3, $2 / 1e6 / $3 }')
    echo "$line $rate load=$(cut -d' ' -f1 /proc/loadavg)"
    i=$((i + 1))
  done
done
