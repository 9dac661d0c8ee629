#!/bin/sh
# Compile benchmark (issue 11 §9): a book of about 300 pages from N=100 sources (GB18030 TXT with
# 第X章 / 第X条, bench/bench_compile_inputs.py, seed 1). Reports lianghua's wall time and peak RSS
# (bench/peak_rss.py; floor < 300 MiB), then the peers on the same content where installed:
# Typst 0.14 on book.typ (floor: lianghua ≥ 5× faster) and LibreOffice converting the DOCX lianghua
# wrote to PDF (floor: ≥ 30× faster); each is skipped with a line when the program is absent.
#
#   bench/bench_compile.sh [N=100] [BINARY=build/lianghua] [WORK=/tmp/lianghua-bench-compile]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100}
bin=${2:-$here/build/lianghua}
work=${3:-/tmp/lianghua-bench-compile}
rm -rf "$work" && mkdir -p "$work"
python3 "$here/bench/bench_compile_inputs.py" "$n" "$work/in"
echo "inputs: $n sources in $work/in; $(uptime)"
python3 "$here/bench/peak_rss.py" --label "lianghua compile" -- "$bin" compile "$work/in/book.xml" --out "$work/out"
pdf="$work/out/基准测试制度汇编.pdf"
command -v pdfinfo >/dev/null && pdfinfo "$pdf" | grep Pages
if command -v typst >/dev/null; then
  python3 "$here/bench/peak_rss.py" --label "typst compile" -- typst compile --font-path "$here/fonts" "$work/in/book.typ" "$work/typst.pdf"
else
  echo "typst: not installed, skipped"
fi
if command -v soffice >/dev/null; then
  python3 "$here/bench/peak_rss.py" --label "libreoffice docx→pdf" -- soffice --headless -env:UserInstallation=file://$work/lo \
    --convert-to pdf --outdir "$work/lo-out" "$work/out/基准测试制度汇编.docx"
else
  echo "soffice: not installed, skipped"
fi
