#!/usr/bin/env bash
# The README's second command (and what CI runs): install test tools, build, run every test.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" --test
"$here/scripts/build.sh"
cd "$here/build"
status=0
ctest --output-on-failure -j"$(nproc)" --timeout 300 "$@" || status=$?
# Why tests were skipped, in one line (e.g. "skipped 45: 45 ../shared/corpus not present").
python3 "$here/scripts/skip_summary.py" Testing/Temporary/LastTest.log || true
exit "$status"
