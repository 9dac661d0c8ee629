#!/usr/bin/env bash
# Configure and build lianghua into build/ (Release with debug info).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$here/build" -j"$(nproc)" "$@"
# A git clone gives samples/inbox the checkout time as mtime; the sample inbox's drafts and finals
# are told apart partly by mtime (as in a real office), so put the generator's mtimes back.
python3 "$here/scripts/make_samples.py" --restore-mtimes >/dev/null
