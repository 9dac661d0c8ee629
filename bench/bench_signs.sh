#!/usr/bin/env bash
# Sign pack benchmark (issues 10 item 11, 12 item 5): lianghua's 200 mixed signs in one process
# (bench_signs: 200 PDFs), against Typst 0.14 on the very same signs (bench_signs --typst writes them
# as signs.typ, one page per sign, every text at lianghua's fitted size: bench/signs_typst.h), in one
# process and one PDF. Runs alternate (ours, Typst, ours, …) so a load change hits both; the table
# gives the CPU times (the machine is shared: wall times are noisy) and the ratio of each pair.
# Typst is the npm compiler pinned in bench/typst/package.json: `npm ci --prefix bench/typst`
# (skipped, with a line, when node or the package is absent; never needed by the pipeline or tests).
# Usage: bench/bench_signs.sh [count=200] [runs=5] [WORK=/tmp/lianghua-bench-signs]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-200}
runs=${2:-5}
work=${3:-/tmp/lianghua-bench-signs}
cmake --build "$here/build" --target bench_signs >/dev/null
rm -rf "$work" && mkdir -p "$work"
export LIANGHUA_SOURCE_DIR="$here"
"$here/build/bench/bench_signs" "$count" --no-previews --typst "$work" >/dev/null  # warm-up; writes signs.typ
typst=1
if ! command -v node >/dev/null || ! (cd "$here/bench/typst" && node -e "require.resolve('@myriaddreamin/typst-ts-node-compiler')") 2>/dev/null; then
  echo "typst comparison skipped: node or @myriaddreamin/typst-ts-node-compiler is not installed (npm ci --prefix bench/typst)"
  typst=0
fi
echo "before: $(uptime)"
for ((r = 1; r <= runs; r++)); do
  "$here/build/bench/bench_signs" "$count" --no-previews | tee -a "$work/ours.log"
  if ((typst)); then
    node "$here/bench/typst/run.js" "$work/signs.typ" "$work/typst.pdf" "$here/fonts" /usr/share/fonts/truetype/arphic | tee -a "$work/typst.log"
  fi
done
echo "after: $(uptime)"
if ((typst)) && command -v pdfinfo >/dev/null; then export TYPST_PAGES=$(pdfinfo "$work/typst.pdf" 2>/dev/null | sed -n 's/^Pages: *//p'); fi
python3 - "$work" "$count" <<'PY'
import re, statistics, sys, os
work, count = sys.argv[1], int(sys.argv[2])
ours = [float(m) for m in re.findall(r"PDFs in [\d.]+ ms wall, ([\d.]+) ms CPU", open(f"{work}/ours.log").read())]
wall = [float(m) for m in re.findall(r"PDFs in ([\d.]+) ms wall", open(f"{work}/ours.log").read())]
print(f"lianghua: {count} signs, {count} PDFs: CPU median {statistics.median(ours):.0f} ms (min {min(ours):.0f}, max {max(ours):.0f}); "
      f"wall median {statistics.median(wall):.0f} ms")
if os.path.exists(f"{work}/typst.log"):
    t = [float(m) for m in re.findall(r"compile [\d.]+ ms wall ([\d.]+) ms CPU", open(f"{work}/typst.log").read())]
    pages = [os.environ.get("TYPST_PAGES", "?")]
    ratios = [b / a for a, b in zip(ours, t)]
    print(f"typst:    {count} signs, one PDF of {pages[0]} pages: CPU median {statistics.median(t):.0f} ms (min {min(t):.0f}, max {max(t):.0f})")
    print(f"typst CPU / lianghua CPU, run by run: {' '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f} (floor: >= 5)")
PY
