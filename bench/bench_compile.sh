#!/bin/sh
# Compile benchmark (issues 11 §9, 12 item 5): a book of about 300 pages from N=100 sources (GB18030
# TXT with 第X章 / 第X条, bench/bench_compile_inputs.py, seed 1; N=13 gives the ~40-page manual).
# Each run, in turn: `lianghua compile` (PDF and DOCX), Typst 0.14 on book.typ (the same content and
# page design, written by the same script; the npm compiler pinned in bench/typst/package.json:
# `npm ci --prefix bench/typst`), LibreOffice converting the DOCX lianghua wrote to PDF. Every one
# is a whole process under bench/peak_rss.py (CPU of the process tree, wall, peak RSS); the table
# gives medians and the ratios of each run's CPU times. Floors: lianghua ≥ 5× faster than Typst and
# ≥ 30× faster than LibreOffice, peak RSS < 300 MiB. A peer that is not installed is skipped.
#
#   bench/bench_compile.sh [N=100] [RUNS=3] [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench-compile]
#
# LH_BEFORE=/path/to/older/lianghua also times that binary in each run, just before BINARY (the
# "before" of a change, measured in the same rounds), and gives its median and its CPU ratio.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100}
runs=${2:-3}
bin=${3:-$here/build/lianghua}
work=${4:-/tmp/lianghua-bench-compile}
rm -rf "$work" && mkdir -p "$work"
python3 "$here/bench/bench_compile_inputs.py" "$n" "$work/in"
typst=0
if command -v node >/dev/null && (cd "$here/bench/typst" && node -e "require.resolve('@myriaddreamin/typst-ts-node-compiler')") 2>/dev/null; then
  typst=1
else
  echo "typst: node or @myriaddreamin/typst-ts-node-compiler not installed (npm ci --prefix bench/typst), skipped"
fi
lo=0
if command -v soffice >/dev/null; then lo=1; else echo "soffice: not installed, skipped"; fi
rss() { python3 "$here/bench/peak_rss.py" --label "$@"; }
# Warm-ups, not counted: the page cache, LibreOffice's first start (it creates its profile).
"$bin" compile "$work/in/book.xml" --out "$work/out" >/dev/null
docx="$work/out/基准测试制度汇编.docx"
[ "$lo" = 1 ] && soffice --headless -env:UserInstallation="file://$work/lo" --convert-to pdf --outdir "$work/lo-out" "$docx" >/dev/null 2>&1
echo "inputs: $n sources in $work/in; before: $(uptime)"
command -v pdfinfo >/dev/null && echo "lianghua pages: $(pdfinfo "$work/out/基准测试制度汇编.pdf" | sed -n 's/^Pages: *//p')"
r=1
while [ "$r" -le "$runs" ]; do
  if [ -n "${LH_BEFORE:-}" ]; then
    rm -rf "$work/out-before"
    rss before -- "$LH_BEFORE" compile "$work/in/book.xml" --out "$work/out-before" 2>&1 | grep wall_s | tee -a "$work/before.log"
  fi
  rm -rf "$work/out"
  rss lianghua -- "$bin" compile "$work/in/book.xml" --out "$work/out" 2>&1 | grep wall_s | tee -a "$work/ours.log"
  if [ "$typst" = 1 ]; then
    LH_TYPST_LOG="$work/typst.log" rss typst -- node "$here/bench/typst/run.js" "$work/in/book.typ" "$work/typst.pdf" "$here/fonts" 2>&1 | tee -a "$work/typst.log"
  fi
  if [ "$lo" = 1 ]; then
    rss libreoffice -- soffice --headless -env:UserInstallation="file://$work/lo" --convert-to pdf --outdir "$work/lo-out" "$docx" 2>&1 |
      grep wall_s | tee -a "$work/lo.log"
  fi
  r=$((r + 1))
done
echo "after: $(uptime)"
command -v pdfinfo >/dev/null && [ -f "$work/typst.pdf" ] && echo "typst pages: $(pdfinfo "$work/typst.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')"
command -v pdfinfo >/dev/null && [ -f "$work/lo-out/基准测试制度汇编.pdf" ] && echo "libreoffice pages: $(pdfinfo "$work/lo-out/基准测试制度汇编.pdf" | sed -n 's/^Pages: *//p')"
python3 - "$work" <<'PY'
import os, re, statistics, sys
work = sys.argv[1]
def runs(name):
    p = f"{work}/{name}.log"
    if not os.path.exists(p): return []
    return [dict(cpu=float(re.search(r"cpu_s=([\d.]+)", l).group(1)), wall=float(re.search(r"wall_s=([\d.]+)", l).group(1)),
                 rss=max(float(re.search(r"parent_hwm_mib=([\d.]+)", l).group(1)), float(re.search(r"worker_hwm_mib=([\d.]+)", l).group(1))))
            for l in open(p) if "wall_s=" in l]
med = lambda v: statistics.median(v)
ours = runs("ours")
print(f"lianghua compile (PDF+DOCX): CPU median {med([r['cpu'] for r in ours]):.2f} s, wall {med([r['wall'] for r in ours]):.2f} s, "
      f"peak RSS {max(r['rss'] for r in ours):.0f} MiB (floor < 300)")
before = runs("before")
if before:
    r = [b["cpu"] / o["cpu"] for o, b in zip(ours, before)]
    print(f"before (LH_BEFORE): CPU median {med([b['cpu'] for b in before]):.2f} s, wall {med([b['wall'] for b in before]):.2f} s, "
          f"peak RSS {max(b['rss'] for b in before):.0f} MiB; before / lianghua, run by run: {' '.join(f'{x:.2f}' for x in r)}")
    for name, floor in (("typst", 5), ("lo", 30)):
        peer = runs(name)
        if peer:
            pr = [p["cpu"] / b["cpu"] for b, p in zip(before, peer)]
            print(f"  {name} / before, run by run: {' '.join(f'{x:.1f}' for x in pr)} (median {med(pr):.1f})")
for name, floor in (("typst", 5), ("lo", 30)):
    peer = runs(name)
    if not peer: continue
    ratios = [p["cpu"] / o["cpu"] for o, p in zip(ours, peer)]
    line = (f"{'typst (whole node process)' if name == 'typst' else 'libreoffice docx→pdf'}: CPU median {med([r['cpu'] for r in peer]):.2f} s, "
            f"wall {med([r['wall'] for r in peer]):.2f} s, peak RSS {max(r['rss'] for r in peer):.0f} MiB; "
            f"CPU ratio to lianghua, run by run: {' '.join(f'{x:.1f}' for x in ratios)} (median {med(ratios):.1f}; floor >= {floor})")
    print(line)
    if name == "typst":
        t = open(f"{work}/typst.log").read()
        comp = [float(x) / 1000 for x in re.findall(r"compile [\d.]+ ms wall ([\d.]+) ms CPU", t)]
        print(f"typst in-process compile alone (fonts already loaded): CPU median {med(comp):.2f} s")
PY
