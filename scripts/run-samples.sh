#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run the main job on samples/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
"$here/scripts/build.sh" --target lianghua
out="$here/out"
mkdir -p "$out"
if "$here/build/lianghua" archive --help >/dev/null 2>&1; then
  rc=0
  "$here/build/lianghua" archive --in "$here/samples/inbox" --out "$out/ARCHIVE" --office "$here/samples/office.xml" "$@" || rc=$?
  # Exit 1 means "finished, some inputs set aside": the sample inbox holds a damaged PDF and an
  # encrypted DOCX on purpose, so that is the expected outcome here.
  if [ "$rc" -gt 1 ]; then exit "$rc"; fi
  echo "samples archived in $out/ARCHIVE (open reports/report.html)"
  # The sample manuals (issue 11 §7): the 制度建设指引 and the 定岗定责定流程管理手册. Exit 1 would mean
  # a source could not be read and stands in the book as a placeholder (named on stderr).
  rc=0
  for spec in "$here/samples/manual/"*.book.xml; do
    "$here/build/lianghua" compile "$spec" --out "$out/manual" --office "$here/samples/office.xml" || rc=$?
    if [ "$rc" -gt 1 ]; then exit "$rc"; fi
  done
  echo "sample manuals compiled in $out/manual"
  # The sample office's sign pack, with the archive's box spine and cabinet labels.
  src=0
  "$here/build/lianghua" signage "$here/samples/signage/spec.xml" --out "$out/signage" --archive "$out/ARCHIVE" --quiet || src=$?
  if [ "$src" -gt 1 ]; then exit "$src"; fi
  echo "sample sign pack in $out/signage (open index.html)"
  exit 0
else
  "$here/build/lianghua" inspect "$here/samples" "$@"
fi
