#!/bin/sh
# Archive benchmark (issue 4 §9): a first run and an unchanged re-run of `lianghua archive` on a
# generated mixed inbox, with --jobs 1 and --jobs 2. Reports documents/s, MB/s, wall time and the
# peak RSS of the parent and of the workers (bench/peak_rss.py). Figures go in the notes.
#
#   bench/bench_archive.sh [N=10000] [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench] [JOBS="1 2"] [MODE=full|filing]
#
# Two figures per first run: `mark_s` = when manifest.json is written (ingest + filing + package:
# the numbered, verified archive: issue 4's floor), `wall_s` = the whole run including the archive
# documents of issue 5 (reading copies, 案卷, 归档文件目录, uniform records), which every run builds. MODE=filing stops each first run at the manifest (SIGKILL:
# safe by design) so the re-run completes the derived outputs and is NOT an unchanged re-run.
# Floors: first run >= 100 documents/s on 2 cores; unchanged re-run < 3 s; peak RSS < 300 MiB.
# Issue 12: the whole first run with documents >= 300 documents/s with --jobs 2; archive <= 3 x the
# inbox plus the volumes (the `sizes:` line after each first run).
# Issue 12 §5: after the unchanged re-run, the one-new-document night (floor < 2 s on 10,000 items)
# and the unchanged night after it (floor < 1 s): the inbox again plus one document of another seed
# (hard links, so every other input is unchanged), then the table of every pass.
# The inbox is generated once per N (bench/make_inbox.py, seed 1) and reused. Note `uptime`: the
# figures mean little on a loaded machine.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000}
bin=${2:-$here/build/lianghua}
work=${3:-/tmp/lianghua-bench}
jobs_list=${4:-1 2}
mode=${5:-full}
inbox=$work/inbox$n
mkdir -p "$work"
if [ ! -f "$inbox.complete" ]; then
  python3 "$here/bench/make_inbox.py" "$n" "$inbox" --seed 1
  touch "$inbox.complete"
fi
files=$(find "$inbox" -type f | wc -l)
bytes=$(du -sb "$inbox" | cut -f1)
echo "inbox: $inbox ($files files, $((bytes / 1048576)) MiB); $(uptime)"
# The inbox plus one new document (a DOCX 文书 of seed 2), for the one-new-document night.
plus1=$work/inbox$n-plus1
if [ ! -f "$plus1.complete" ]; then
  rm -rf "$plus1" "$work/seed2"
  python3 "$here/bench/make_inbox.py" 40 "$work/seed2" --seed 2 --jobs 1 > /dev/null
  mkdir -p "$plus1"
  cp -al "$inbox/." "$plus1/"  # hard links: the generated inputs, unchanged
  one=$(find "$work/seed2" -name '*.docx' -path '*决定书*' | sort | head -n 1)
  [ -n "$one" ] || one=$(find "$work/seed2" -name '*.docx' | sort | head -n 1)
  mkdir -p "$plus1/新收"
  cp -p "$one" "$plus1/新收/"
  touch "$plus1.complete"
fi
export LIANGHUA_RUN_TIME=2024-06-01T02:00:00+0800
table=$work/table$n.txt
: > "$table"
# Archive size against the inbox (issue 12 item 3: target archive <= 3 x inbox + volumes): bytes
# of the volumes (案卷.pdf/.docx), the reading copies (阅览本), the uniform records (检查笔录) and the
# rest (originals, catalogue, manifest, reports).
sizes() {  # archive
  find "$1" -type f -printf '%s %p\n' | awk -v inbox="$bytes" '
    { k = "rest"; if ($0 ~ /\/阅览本\//) k = "reading"; else if ($0 ~ /\/案卷\.(pdf|docx)$/) k = "volumes";
      else if ($0 ~ /\/检查笔录\//) k = "records"; s[k] += $1; t += $1 }
    END { m = 1048576; printf "sizes: inbox_MiB=%.1f archive_MiB=%.1f volumes_MiB=%.1f reading_copies_MiB=%.1f records_MiB=%.1f rest_MiB=%.1f (archive-volumes)/inbox=%.1f target<=3\n",
          inbox / m, t / m, s["volumes"] / m, s["reading"] / m, s["records"] / m, s["rest"] / m, (t - s["volumes"]) / inbox }'
}
rate() {  # label wall
  echo "$files $bytes $2" | awk -v l="$1" '{ printf "%s docs/s=%.1f MB/s=%.2f", l, $1 / $3, $2 / 1e6 / $3 }'
}
for jobs in $jobs_list; do
  out=$work/ARCHIVE-j$jobs
  rm -rf "$out"
  passes="first rerun one-new unchanged"
  [ "$mode" = filing ] && passes="first"
  for pass in $passes; do
    stop=""
    [ "$mode" = filing ] && stop="--stop-at-mark"
    in=$inbox
    case "$pass" in one-new|unchanged) in=$plus1;; esac
    line=$(python3 "$here/bench/peak_rss.py" --label "$pass jobs=$jobs" --mark "$out/manifest.json" $stop -- \
      "$bin" archive --in "$in" --out "$out" --office "$here/samples/office.xml" --jobs "$jobs")
    wall=$(echo "$line" | sed 's/.*wall_s=\([0-9.]*\).*/\1/')
    extra=""
    case "$line" in *mark_s=*) extra=" $(rate filing: "$(echo "$line" | sed 's/.*mark_s=\([0-9.]*\).*/\1/')")";; esac
    # Disk: what the archive holds after the run (items, reading copies, volumes, catalogue), for
    # the README's sizing of one office's server (issue 14 §6).
    disk=$(du -sm "$out" | cut -f1)
    echo "$line $(rate whole: "$wall")$extra archive_MiB=$disk load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$table"
    [ "$pass" = first ] && sizes "$out"
  done
done
echo
echo "| pass | wall s | CPU s | parent peak MiB | worker peak MiB | documents/s | archive MiB | load |"
echo "|---|---|---|---|---|---|---|---|"
sed 's/^\([^ ]*\) \(jobs=[0-9]*\) wall_s=\([0-9.]*\).*parent_hwm_mib=\([0-9.]*\) worker_hwm_mib=\([0-9.]*\).*cpu_s=\([0-9.]*\).*whole: docs\/s=\([0-9.]*\).*archive_MiB=\([0-9]*\) load=\([0-9.]*\).*/| \1 \2 | \3 | \6 | \4 | \5 | \7 | \8 | \9 |/' "$table"
