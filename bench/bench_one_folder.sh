#!/bin/sh
# 100,000 inputs in one folder (issue 13 §3: a clerk's export dumped flat). The test suite files
# 10,000 (FaultsNames.TenThousandInputsInOneFolderAreEachFiled); this measures N (default 100,000):
# the first night (wall, CPU of the whole tree, parent and worker peak RSS, by bench/peak_rss.py),
# `lianghua verify` after it, and the next night on the same folder, which must change nothing (the
# unchanged shortcut, the manifest byte for byte the same). Filing only (--no-documents): what counts
# is the number of inputs in one directory, not what they hold.
#
#   bench/bench_one_folder.sh [N=100000] [BINARY=build/lianghua] [WORK=/tmp/lianghua-one-folder]
#
# The inputs: bench/make_inbox.py --small --flat (one ~0.7 KB text 通知 each, all distinct) over
# 2011–2025, ~6,700 a 年度: under the 9,999 a scope that DA/T 22-2015's 4-digit 件号 holds (a full
# scope is set aside, README "Faults"). Prints one line per step and exits 1 if a check fails.
# Runs at nice 10; figures mean little on a loaded machine: note `uptime`. Results: bench/RESULTS.md
# "7. Soak" (100,000 inputs in one folder).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
bin=${2:-$here/build/lianghua}
work=${3:-/tmp/lianghua-one-folder}
inbox=$work/flat$n
archive=$work/ARCHIVE
mkdir -p "$work"
if [ ! -f "$inbox.complete" ]; then
  python3 "$here/bench/make_inbox.py" "$n" "$inbox" --small --flat --years 2011-2025 --jobs 1
  touch "$inbox.complete"
fi
rm -rf "$archive"
files=$(find "$inbox" -mindepth 1 -maxdepth 1 -type f | wc -l)
dirs=$(find "$inbox" -mindepth 1 -type d | wc -l)
echo "one folder: $files files, $dirs subfolders, $(uptime)"
# The same options both nights (they are part of the run's fingerprint; --quiet too). Progress logs a
# line per 10 %, so peak_rss.py's stderr pipe does not fill; it keeps the "N input(s), …" line ([…]).
night() {  # $1 label, $2 run time
  LIANGHUA_RUN_TIME="$2" nice -n 10 python3 "$here/bench/peak_rss.py" --label "$1" -- \
    "$bin" archive --in "$inbox" --out "$archive" --office "$here/samples/office.xml" --jobs 2 --no-documents \
    | tail -1 | tee "$work/$1.line"
}
night first 2025-01-01T02:00:00+0800
sha1=$(sha256sum "$archive/manifest.json" | cut -c1-64)
nice -n 10 python3 "$here/bench/peak_rss.py" --label verify -- "$bin" verify "$archive" | tail -1
night next 2025-01-02T02:00:00+0800
sha2=$(sha256sum "$archive/manifest.json" | cut -c1-64)
python3 - "$archive" "$n" "$sha1" "$sha2" "$work/next.line" <<'EOF'
import collections, json, sys
archive, n, sha1, sha2, next_line = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
m = json.load(open(f"{archive}/manifest.json", encoding="utf-8"))
problems = []
if len(m["items"]) != n: problems.append(f"{len(m['items'])} items for {n} inputs")
per_scope = collections.Counter(it["archival_code"].rsplit("-", 1)[0] for it in m["items"])
if sha1 != sha2: problems.append("the next night changed the manifest")
if "none changed since the last run" not in open(next_line, encoding="utf-8", errors="replace").read():
    problems.append("the next night was a full run")
print(f"check: {len(m['items'])} items, {len(per_scope)} scopes (largest {max(per_scope.values())}), "
      f"manifest {'unchanged' if sha1 == sha2 else 'CHANGED'} the next night: " + ("ok" if not problems else "FAIL: " + "; ".join(problems)))
sys.exit(1 if problems else 0)
EOF
echo "one folder: done, $(uptime)"
