#!/usr/bin/env bash
# Configure and build lianghua into build/: -O2 with minimal debug info (-g1: functions and line
# tables, what backtraces and perf need; the full -g made a third of the build's time, and the code
# is the same either way). The tests' own sources are built unoptimised (CMakeLists.txt).
#   scripts/build.sh [--sanitize] [cmake --build arguments, e.g. --target test_ingest]
# --sanitize: build-asan/ instead, with clang, ASan + UBSan and the fuzz targets (issue 13;
# CMake options LIANGHUA_SANITIZE/LIANGHUA_FUZZ), at -O1 with line tables, as the sanitizers advise.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# A new build folder is Ninja's (scripts/setup.sh installs ninja-build): Ninja compiles a target's
# sources while the libraries it links are still being built, where Make starts a target only when
# the targets it depends on are done and left one of two cores idle along the stage chain (the
# sanitizer build: 413 s of compiles in 275 s wall). A folder configured before keeps its generator.
generator() {
  [ ! -f "$1/CMakeCache.txt" ] && command -v ninja >/dev/null && echo "-GNinja" || true
}
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build=${LIANGHUA_ASAN_BUILD:-$here/build-asan}
  CC=clang CXX=clang++ cmake $(generator "$build") -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLIANGHUA_FUZZ=ON \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" >/dev/null
else
  build=$here/build
  # LIANGHUA_SANITIZED_UNITS_ONLY=ON (scripts/test.sh's full run): the unit-test programs of
  # tests/sanitize/units.txt are left to the sanitizer build; any other build has them.
  cmake $(generator "$build") -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DLIANGHUA_SANITIZED_UNITS_ONLY=${LIANGHUA_SANITIZED_UNITS_ONLY:-OFF}" \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
fi
cmake --build "$build" -j"${LIANGHUA_JOBS:-$(nproc)}" "$@"
# A git clone gives samples/inbox the checkout time as mtime; the sample inbox's drafts and finals
# are told apart partly by mtime (as in a real office), so put the generator's mtimes back.
python3 "$here/scripts/make_samples.py" --restore-mtimes >/dev/null
