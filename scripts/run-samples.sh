#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run the main job on samples/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
"$here/scripts/build.sh" --target lianghua
out="$here/out"
mkdir -p "$out"
if "$here/build/lianghua" archive --help >/dev/null 2>&1; then
  "$here/build/lianghua" archive --in "$here/samples/inbox" --out "$out/ARCHIVE" --office "$here/samples/office.xml" "$@"
else
  "$here/build/lianghua" inspect "$here/samples" "$@"
fi
