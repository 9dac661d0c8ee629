#!/usr/bin/env bash
# The README's second command (and what CI runs): install test tools, build, run every test.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" --test
"$here/scripts/build.sh"
cd "$here/build"
ctest --output-on-failure -j"$(nproc)" --timeout 300 "$@"
