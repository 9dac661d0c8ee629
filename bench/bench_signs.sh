#!/usr/bin/env bash
# Sign pack benchmark (issue 10 item 11): lianghua's 200 mixed signs in one process (bench_signs),
# then the same mix in Typst (bench/typst/signs.typ) where Node and the npm package
# @myriaddreamin/typst-ts-node-compiler are installed (NODE_PATH may point to its node_modules);
# skipped otherwise (not in CI).
# Usage: bench/bench_signs.sh [count=200] [--no-previews]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$here/build" --target bench_signs >/dev/null
uptime
LIANGHUA_SOURCE_DIR="$here" "$here/build/bench/bench_signs" "${1:-200}" ${2:-}
if command -v typst >/dev/null; then
  # Typst's own CLI (0.14): the same 200 signs in one process, fonts from the same folders.
  t0=$(date +%s%N)
  typst compile --font-path "$here/fonts" "$here/bench/typst/signs.typ" /tmp/lianghua-bench-signs.pdf
  echo "typst $(typst --version | cut -d' ' -f2): 200 signs in one PDF in $(( ($(date +%s%N) - t0) / 1000000 )) ms ($(( $(stat -c %s /tmp/lianghua-bench-signs.pdf) / 1024 )) KB)"
else
  echo "typst CLI comparison skipped: Typst is not installed on this machine"
fi
if command -v node >/dev/null && node -e "require.resolve('@myriaddreamin/typst-ts-node-compiler')" 2>/dev/null; then
  node - "$here" <<'JS'
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const fs = require('fs');
const root = process.argv[2];
const fontDirs = [root + '/fonts', '/usr/share/fonts/opentype/noto', '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol'];
const c = NodeCompiler.create({ workspace: root + '/bench/typst', fontArgs: [{ fontPaths: fontDirs.filter(fs.existsSync) }] });
const src = fs.readFileSync(root + '/bench/typst/signs.typ', 'utf8');
// warm-up: the fonts loaded (as bench_signs does), nothing of the signs memoized (typst's comemo
// would reuse the layout of a second compile of the same source)
c.pdf({ mainFileContent: '#set text(font: ("FandolHei", "FandolFang", "Noto Sans CJK SC"))\n调解室 Room' });
const t = process.hrtime.bigint();
const pdf = c.pdf({ mainFileContent: src });
const ms = Number(process.hrtime.bigint() - t) / 1e6;
console.log(`typst (typst-ts-node-compiler): 200 signs in one PDF in ${ms.toFixed(0)} ms (${pdf.length >> 10} KB)`);
JS
else
  echo "typst comparison skipped: node or the npm package @myriaddreamin/typst-ts-node-compiler is not installed"
fi
