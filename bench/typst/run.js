// Runs Typst 0.14 (the npm compiler @myriaddreamin/typst-ts-node-compiler, pinned in package.json;
// `npm ci --prefix bench/typst`) on one .typ file for the benchmarks (bench_signs.sh,
// bench_compile.sh). Never needed by the pipeline or the tests.
//   node bench/typst/run.js FILE.typ OUT.pdf FONT_DIR...
// Prints one line: `typst: compile <wall> ms wall <cpu> ms CPU; process <cpu> ms CPU,
// peak RSS <MiB> MiB; <KB> KB`. The compile figures are the in-process work (like bench_signs' own
// timing): the fonts are loaded by a warm-up compile of another source first, and the clock starts
// after it (Typst's memoization cannot reuse anything of the warm-up). The process figures are the
// whole node process (start, font loading, compile, writing the PDF).
'use strict';
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');
const fs = require('fs');
const path = require('path');
const [file, out, ...fontDirs] = process.argv.slice(2);
const c = NodeCompiler.create({
  workspace: path.dirname(path.resolve(file)),
  fontArgs: [{ fontPaths: fontDirs.filter((d) => fs.existsSync(d)) }],
});
// The warm-up uses every family the benches' sources use (the signs also set AR PL UKai CN).
c.pdf({ mainFileContent: '#set text(font: ("Noto Sans CJK SC", "Noto Serif CJK SC", "FandolFang"))\n调解室 Room 第一条\n#text(font: "AR PL UKai CN")[刘洋]' });
const u0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const pdf = c.pdf({ mainFileContent: fs.readFileSync(file, 'utf8') });
const wall = Number(process.hrtime.bigint() - t0) / 1e6;
const u = process.cpuUsage(u0);
fs.writeFileSync(out, pdf);
const all = process.cpuUsage();
const line = (`typst: compile ${wall.toFixed(0)} ms wall ${((u.user + u.system) / 1000).toFixed(0)} ms CPU; ` +
  `process ${((all.user + all.system) / 1000).toFixed(0)} ms CPU, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ${pdf.length >> 10} KB`);
console.log(line);
// Under bench/peak_rss.py the standard output is discarded: LH_TYPST_LOG names a file to append the line to.
if (process.env.LH_TYPST_LOG) fs.appendFileSync(process.env.LH_TYPST_LOG, line + '\n');
