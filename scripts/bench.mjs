#!/usr/bin/env node
// npm run bench: billscore against the tools an analyst would script instead (issue 7), timed side by side in one run.
//
//   npm run build && npm run bench [-- --reps N]
//
// Needs for the comparisons (skipped, with a note, when missing; nothing is installed here):
//   pdftotext (poppler-utils), rg (ripgrep)   e.g. apt-get install -y poppler-utils ripgrep
// Peak memory uses /usr/bin/time -v when present (apt-get install -y time), else a preload that reads process.resourceUsage().
// Writes bench-out/bench.json. The machine is shared with whatever else runs: the load average is printed beside the table.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkload, filesIn } from './bench-workload.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench-out');
const corpus = resolve(process.env.BENCH_CORPUS ?? join(root, '..', 'shared', 'corpus', 'dev'));
const repsArg = process.argv.indexOf('--reps');
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 3;
const bin = join(root, 'bin', 'billscore.js');
// One keyword per practice of the rubric: what an analyst would grep for.
const KEYWORDS = ['qualified immunity', 'public employee', 'constitution', 'damages', 'attorney', 'indemnif', 'intervene', 'misconduct', 'decertif'];

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) fail('dist/ is missing; run npm run build first');
if (!existsSync(corpus)) fail(`no corpus at ${corpus}; set BENCH_CORPUS to a folder of .txt and .pdf bills`);

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const tools = { pdftotext: has('pdftotext'), rg: has('rg'), time: existsSync('/usr/bin/time') };
const devNull = openSync('/dev/null', 'w');

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  os: `${osType()} ${release()}`,
  loadBefore: loadavg().map((l) => +l.toFixed(2)),
};
log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, node ${machine.node}, load ${machine.loadBefore.join(' ')}`);

log('building the workload under bench-out/work …');
const w = buildWorkload(corpus, join(out, 'work'));
const billscore = (...args) => ['node', bin, ...args, '--format', 'json', '--quiet'];
// Its own rubric cache, so a run never depends on (or fills) the user's.
const cacheEnv = { ...process.env, BILLSCORE_CACHE: join(out, 'rubric-cache') };
const sh = (argv) => argv.map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');

/**
 * Times a command: wall-clock ms and CPU time (user + system, all threads and child processes). An argv array runs
 * directly, as `hyperfine -N` would, so a shell's start-up is not charged to billscore; a string runs in sh (the
 * baselines are shell loops). CPU comes from /usr/bin/time, or from the shell's `times` when that is missing.
 */
function timer(command, env) {
  const direct = Array.isArray(command);
  const shellLine = (line) => ['sh', '-c', `${line} >/dev/null; s=$?; times >&2; exit $s`];
  const argv = tools.time
    ? ['/usr/bin/time', '-f', 'cpu %U %S', ...(direct ? command : ['sh', '-c', command])]
    : shellLine(direct ? sh(command) : command);
  return () => {
    const t = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0 && r.status !== 1) fail(`${sh(argv)} exited ${r.status}: ${String(r.stderr).slice(0, 400)}`);
    const err = String(r.stderr).trim().split('\n').pop() ?? '';
    const timed = /^cpu ([\d.]+) ([\d.]+)$/.exec(err);
    const cpu = timed
      ? (Number(timed[1]) + Number(timed[2])) * 1000
      : [...err.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60_000 + Number(m[2]) * 1000, 0);
    return { ms, cpu };
  };
}

function stats(all) {
  const wall = all.map((x) => x.ms).sort((a, b) => a - b);
  const cpu = all.map((x) => x.cpu).sort((a, b) => a - b);
  return { median: round(wall[wall.length >> 1]), min: round(wall[0]), max: round(wall[wall.length - 1]), cpu: round(cpu[cpu.length >> 1]), reps: all.length };
}

/** `reps` timed runs after one untimed warm-up (disk cache, rubric cache). */
function time(command, { reps = REPS, env = cacheEnv } = {}) {
  const run = timer(command, env);
  run();
  return stats(Array.from({ length: reps }, run));
}

/**
 * Commands timed in turns (A B A B …), so that a change in the machine's load between them does not skew their
 * ratios. The baselines run with the same environment.
 */
function timeInTurns(commands, { reps = REPS, env = cacheEnv } = {}) {
  const runs = commands.map((c) => timer(c, env));
  runs.forEach((run) => run());
  const all = runs.map(() => []);
  for (let i = 0; i < reps; i++) runs.forEach((run, k) => all[k].push(run()));
  return all.map(stats);
}

/** Peak resident memory in MiB of one billscore run. */
function peakRss(args) {
  if (tools.time) {
    const r = spawnSync('/usr/bin/time', ['-v', ...billscore(...args)], { env: cacheEnv, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 1 << 26 });
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(String(r.stderr));
    if (kb) return round(Number(kb[1]) / 1024);
  }
  const file = join(out, 'rss.tmp');
  rmSync(file, { force: true });
  const [node, ...rest] = billscore(...args);
  spawnSync(node, ['--import', join(root, 'scripts', 'bench-rss.mjs'), ...rest], { stdio: ['ignore', devNull, 'ignore'], env: { ...cacheEnv, BENCH_RSS_FILE: file } });
  return round(Number(readFileSync(file, 'utf8')) / 1024);
}

const rows = [];
const row = (name, ours, theirs, target, ok) => {
  rows.push({ name, billscore: ours, baseline: theirs, ratio: theirs ? round(ours.median / theirs.median, 2) : null, target, ok });
  log(`  ${name}: ${fmt(ours)} cpu ${ours.cpu}${theirs ? ` vs ${fmt(theirs)} cpu ${theirs.cpu}` : ''}`);
};

const pdfFiles = filesIn(w.pdfDir);
log(`PDF batch (${pdfFiles} files) …`);
// The corpus PDFs are simple enough for billscore's own reader (src/read/fast-pdf.ts); PDFs with embedded fonts, as
// most typesetters write them, go to pdf.js. This row shows what those cost.
const pdfJsOnly = time(billscore(w.pdfDir), { env: { ...cacheEnv, BILLSCORE_PDF_FAST: '0' } });
if (tools.pdftotext) {
  const [pdfOurs, loop] = timeInTurns([billscore(w.pdfDir), `for f in '${w.pdfDir}'/*.pdf; do pdftotext "$f" -; done`]);
  row(`PDF batch, ${pdfFiles} files vs pdftotext loop`, pdfOurs, loop, '≤ 0.6×', pdfOurs.median <= 0.6 * loop.median);
  row(`the same, every file read by pdf.js (BILLSCORE_PDF_FAST=0)`, pdfJsOnly, loop, '—', null);
} else {
  note('pdftotext not found: PDF comparison skipped (apt-get install -y poppler-utils, or brew install poppler)');
  row(`PDF batch, ${pdfFiles} files`, time(billscore(w.pdfDir)), null, '≤ 0.6× pdftotext', null);
  row('the same, every file read by pdf.js (BILLSCORE_PDF_FAST=0)', pdfJsOnly, null, '—', null);
}

const textFiles = filesIn(w.textDir);
log(`text batch (${textFiles} files) …`);
if (tools.rg) {
  const grepLoop = KEYWORDS.map((k) => `rg -i -c '${k}' '${w.textDir}'`).join('; ');
  // Two references, not billscore: what Node costs to start, and to do rg's own job; they bound what any Node tool can reach.
  const [textOurs, grep, nodeStart, nodeGrep] = timeInTurns([billscore(w.textDir), grepLoop, ['node', '-e', '0'], ['node', join(root, 'scripts', 'bench-grep-floor.mjs'), w.textDir, ...KEYWORDS]]);
  row(`text batch, ${textFiles} files vs rg -i -c, ${KEYWORDS.length} keywords`, textOurs, grep, '≤ 3×', textOurs.median <= 3 * grep.median);
  row('reference, not billscore: node -e 0 (Node starting and stopping) vs the same rg runs', nodeStart, grep, '—', null);
  row('reference, not billscore: the same keyword counts in plain Node (scripts/bench-grep-floor.mjs) vs the same rg runs', nodeGrep, grep, '—', null);
} else {
  note('rg not found: text comparison skipped (apt-get install -y ripgrep, or brew install ripgrep)');
  row(`text batch, ${textFiles} files`, time(billscore(w.textDir)), null, '≤ 3× rg', null);
}

log('start-up …');
const help = time(['node', bin, '--help'], { reps: REPS * 3 });
row('billscore --help', help, null, '< 150 ms', help.median < 150);
const small = time(billscore(w.smallText), { reps: REPS * 3 });
row(`one small text bill (${kb(w.smallText)})`, small, null, '< 300 ms', small.median < 300);
const cold = time(billscore(w.smallText), { reps: REPS * 3, env: { ...process.env, BILLSCORE_CACHE: 'off' } });
row('the same, rubric compiled afresh (first run)', cold, null, '—', null);

log('growth …');
const growth = (label, items, args) => {
  const base = time(billscore(...args(items[0])));
  row(`${label} 1×`, base, null, 'linear', null);
  for (const it of items.slice(1)) {
    const t = time(billscore(...args(it)));
    // Start-up is paid once, so linear work gives a ratio at most k; allow 25% for noise on a shared machine.
    rows.push({ name: `${label} ${it.k}×`, billscore: t, baseline: base, ratio: round(t.median / base.median, 2), target: `≤ ${it.k}× of 1×`, ok: t.median <= it.k * base.median * 1.25 });
    log(`  ${label} ${it.k}×: ${fmt(t)} (${round(t.median / base.median, 2)}× of 1×)`);
  }
};
growth(`bills (${w.corpus.texts} text bills ×k)`, w.countDirs, (it) => [it.dir]);
growth('bill size (0.5 MB ×k)', w.sizeFiles, (it) => [it.file]);

log('peak memory …');
const memory = [
  { name: `peak RSS, largest PDF (${kb(w.largestPdf)})`, mib: peakRss([w.largestPdf]) },
  { name: 'peak RSS, 30 MB text bill', mib: peakRss([w.hugeText]) },
  // Memory grows with the text; this row shows how far past the issue's 30 MB the bound still holds.
  { name: 'peak RSS, 60 MB text bill', mib: peakRss([w.hugerText]) },
].map((m) => ({ ...m, target: '< 300 MiB', ok: m.mib < 300 }));
memory.forEach((m) => log(`  ${m.name}: ${m.mib} MiB`));
// Two sizes give the slope, and so the size of text bill at which the bound is reached.
const [at30, at60] = memory.slice(1).map((m) => m.mib);
const perMB = round((at60 - at30) / 30, 1);
const memoryBound = { mibPerTextMB: perMB, textMBAt300MiB: round(30 + (300 - at30) / perMB) };
note(`peak RSS grows about ${perMB} MiB per MB of text: 300 MiB at a text bill of about ${memoryBound.textMBAt300MiB} MB`);

machine.loadAfter = loadavg().map((l) => +l.toFixed(2));
const result = { date: new Date().toISOString(), machine, tools, reps: REPS, timings: rows, memory, memoryBound };
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'bench.json'), JSON.stringify(result, null, 2) + '\n');
console.log(table(result));
console.log(`\nwritten: bench-out/bench.json`);

function table(result) {
  const { machine: m, timings, memory: mem } = result;
  const lines = [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node.slice(1)}; load average ${m.loadBefore[0]} → ${m.loadAfter[0]}`,
    '',
    '| measure | billscore: wall ms, median (min–max) | CPU ms | baseline: wall ms, median (min–max) | CPU ms | wall ratio | target | met |',
    '|---|---|---|---|---|---|---|---|',
    ...timings.map(
      (r) => `| ${r.name} | ${fmt(r.billscore)} | ${r.billscore.cpu} | ${r.baseline ? fmt(r.baseline) : '—'} | ${r.baseline?.cpu ?? '—'} | ${r.ratio ?? '—'} | ${r.target} | ${mark(r.ok)} |`,
    ),
    ...mem.map((r) => `| ${r.name} | ${r.mib} MiB peak RSS | — | — | — | — | ${r.target} | ${mark(r.ok)} |`),
  ];
  lines.push('', `Peak RSS grows about ${result.memoryBound.mibPerTextMB} MiB per MB of text, so a text bill of about ${result.memoryBound.textMBAt300MiB} MB reaches 300 MiB.`);
  return lines.join('\n');
}

function fmt(t) {
  return `${t.median} (${t.min}–${t.max})`;
}
function mark(ok) {
  return ok === null ? '—' : ok ? 'yes' : 'no';
}
function kb(file) {
  return `${Math.round(readFileSync(file).length / 1024)} KB`;
}
function round(n, digits = 0) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
function log(msg) {
  process.stderr.write(`${msg}\n`);
}
function note(msg) {
  log(`note: ${msg}`);
}
function fail(msg) {
  log(`bench: ${msg}`);
  process.exit(2);
}
