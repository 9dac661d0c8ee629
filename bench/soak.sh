#!/bin/sh
# Soak benchmark (issue 13 §5): NIGHTS nightly `lianghua archive` runs on one archive while the inbox
# grows towards MAX_ITEMS files, with additions, edits and removals every night, as clerks make them.
# After each night: `lianghua verify` must pass, the parent's peak RSS (bench/peak_rss.py) must stay
# under SOAK_MAX_PARENT_MIB (default 200), and manifest.json must agree with catalog.db (same number
# of items; every manifest 档号 in the catalogue). Prints one table row per night; exits 1 at the first night that breaks a check.
#
#   bench/soak.sh [NIGHTS=30] [MAX_ITEMS=100000] [BINARY=build/lianghua] [WORK=/tmp/lianghua-soak]
#                 [MODE=filing|full] [REAL=MAX_ITEMS] [EDITS_PER_MILLE=50]
#
# The pool of MAX_ITEMS files is generated once (bench/make_inbox.py, seed 7) and reused: REAL files
# of the office mix (DOCX, PDF, scans, ZIPs, GBK text, CSV, XML, junk, damaged files), the rest small
# text 通知 (make_inbox.py --small over 2010–2025, at most ~6,000 a 年度: under the 4-digit 件号), so a
# 100,000-item soak runs in about an hour on 2 cores; a mixed pool is added in a fixed shuffled order
# so every night brings both kinds. Night k holds the first k/NIGHTS of it (additions), less the files
# removed on earlier nights (~0.5 % of the inbox per night: clerks empty folders), and
# EDITS_PER_MILLE ‰ of its text and CSV files edited (a line appended; the item's earlier bytes
# become a version). MODE=filing passes --no-documents (filing, manifest and verify only); MODE=full
# builds the reading copies, 案卷 and 归档文件目录 too (much slower).
# Figures mean little on a loaded machine: note `uptime`. Results: bench/RESULTS.md "7. Soak".
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
nights=${1:-30}
max_items=${2:-100000}
bin=${3:-$here/build/lianghua}
work=${4:-/tmp/lianghua-soak}
mode=${5:-filing}
real=${6:-$max_items}
edits=${7:-50}
# The parent's peak a night may reach (issue 12 §4: under 200 MiB at 100,000 items); over it, the
# night fails the soak like a failed verify.
max_parent=${SOAK_MAX_PARENT_MIB:-200}
pool=$work/pool$max_items
[ "$real" -lt "$max_items" ] && pool=$work/pool$max_items-real$real
inbox=$work/inbox
archive=$work/ARCHIVE
mkdir -p "$work"
if [ ! -f "$pool.complete" ]; then
  python3 "$here/bench/make_inbox.py" "$real" "$pool" --seed 7
  if [ "$real" -lt "$max_items" ]; then
    python3 "$here/bench/make_inbox.py" $((max_items - real)) "$pool" --seed 7 --small --years 2010-2025
  fi
  touch "$pool.complete"
fi
rm -rf "$inbox" "$archive"
mkdir -p "$inbox"
find "$pool" -type f | LC_ALL=C sort > "$work/pool.list"
if [ "$real" -lt "$max_items" ]; then
  python3 -c 'import random, sys; l = open(sys.argv[1]).read().split("\n")[:-1]; random.Random(7).shuffle(l); open(sys.argv[1], "w").write("\n".join(l) + "\n")' "$work/pool.list"
fi
pool_files=$(wc -l < "$work/pool.list")
extra=""
[ "$mode" = filing ] && extra="--no-documents"
rm -f "$work/removed.list"
echo "soak: $nights nights, pool $pool_files files ($real of the office mix), mode $mode, edits ${edits}‰, $(uptime)"
printf '%5s %7s %6s %6s %7s %8s %8s %7s %9s %8s %6s %s\n' night inbox added edited removed items wall_s cpu_s parent_MiB verify_s rc check
night=1
while [ "$night" -le "$nights" ]; do
  # Additions: the pool's first night/nights share, except files removed earlier.
  want=$((pool_files * night / nights))
  added=$(python3 - "$work" "$pool" "$inbox" "$want" "$night" "$edits" <<'EOF'
import os, random, shutil, sys
work, pool, inbox, want, night, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
files = open(os.path.join(work, "pool.list")).read().split("\n")[:want]
removed_path = os.path.join(work, "removed.list")
removed = set(open(removed_path).read().split("\n")) if os.path.exists(removed_path) else set()
added = 0
for f in files:
    if not f or f in removed:
        continue
    dest = os.path.join(inbox, os.path.relpath(f, pool))
    if os.path.exists(dest):
        continue
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copy2(f, dest)
    added += 1
rng = random.Random(night)
present = sorted(os.path.join(d, n) for d, _, ns in os.walk(inbox) for n in ns)
# Edits: EDITS_PER_MILLE ‰ of the text and CSV files (at least one) get a line appended (a clerk's correction).
texts = [p for p in present if p.endswith((".txt", ".csv"))]
edited = rng.sample(texts, min(len(texts), max(1, len(texts) * edits // 1000))) if night > 1 else []
for p in edited:
    with open(p, "a", encoding="utf-8", errors="replace") as fh:
        fh.write(f"\n（第{night}夜修订）\n")
# Removals: ~0.5 % of the inbox (filed files taken away; their items stay in the archive).
gone = rng.sample(present, max(0, len(present) // 200)) if night > 1 else []
n_gone = 0
with open(removed_path, "a") as fh:
    for p in gone:
        if p in edited:
            continue
        os.remove(p)
        n_gone += 1
        fh.write(os.path.join(pool, os.path.relpath(p, inbox)) + "\n")
print(added, len(edited), n_gone)
EOF
)
  set -- $added
  n_added=$1 n_edited=$2 n_removed=$3
  in_inbox=$(find "$inbox" -type f | wc -l)
  line=$(LIANGHUA_RUN_TIME="2025-01-$(printf %02d $(( (night - 1) % 28 + 1 )))T02:00:00+0800" \
         nice -n 10 python3 "$here/bench/peak_rss.py" --label "night$night" -- \
         "$bin" archive --in "$inbox" --out "$archive" --office "$here/samples/office.xml" --jobs 2 --quiet $extra \
         2>/dev/null | tail -1)
  wall=$(echo "$line" | sed -n 's/.*wall_s=\([^ ]*\).*/\1/p')
  rc=$(echo "$line" | sed -n 's/.*rc=\([^ ]*\).*/\1/p')
  rss=$(echo "$line" | sed -n 's/.*parent_hwm_mib=\([^ ]*\).*/\1/p')
  cpu=$(echo "$line" | sed -n 's/.* cpu_s=\([^ ]*\).*/\1/p')
  t0=$(date +%s.%N)
  vrc=0
  nice -n 10 "$bin" verify "$archive" > "$work/verify$night.txt" 2>&1 || vrc=$?
  t1=$(date +%s.%N)
  check=$(python3 - "$archive" "$vrc" "$rss" "$max_parent" <<'EOF'
import json, sqlite3, sys
archive, vrc = sys.argv[1], int(sys.argv[2])
rss, max_parent = float(sys.argv[3] or 0), float(sys.argv[4])
m = json.load(open(f"{archive}/manifest.json", encoding="utf-8"))
codes = {it["archival_code"] for it in m["items"]}
db = sqlite3.connect(f"file:{archive}/catalog.db?mode=ro", uri=True)
cat = {r[0] for r in db.execute("SELECT archival_code FROM items WHERE manifest != ''")}
problems = []
if vrc != 0: problems.append(f"verify exit {vrc}")
if len(codes) != len(m["items"]): problems.append("a 档号 twice in the manifest")
if codes != cat: problems.append(f"manifest {len(codes)} items vs catalogue {len(cat)}")
if rss > max_parent: problems.append(f"parent peak {rss} MiB over {max_parent:g} MiB")
print(len(m["items"]), "ok" if not problems else "FAIL: " + "; ".join(problems))
EOF
)
  items=${check%% *}
  verdict=${check#* }
  printf '%5s %7s %6s %6s %7s %8s %8s %7s %9s %8.1f %6s %s\n' "$night" "$in_inbox" "$n_added" "$n_edited" "$n_removed" "$items" \
    "$wall" "$cpu" "$rss" "$(echo "$t1 - $t0" | bc)" "$rc" "$verdict"
  case "$verdict" in ok) ;; *) echo "soak: night $night failed; see $work/verify$night.txt"; exit 1 ;; esac
  case "$rc" in 0|1) ;; *) echo "soak: night $night: archive exit $rc"; exit 1 ;; esac
  night=$((night + 1))
done
echo "soak: done, $(uptime)"
