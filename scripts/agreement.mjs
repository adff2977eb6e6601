#!/usr/bin/env node
// npm run agreement: how billscore's verdicts compare with careful human reviewers on the dev corpus.
// Prints the shared scorer's headline (agreement, met/partial found, false positives, evidence verified),
// then a per-practice table of precision and recall. Extra arguments go to the shared scorer (e.g. --min 0.97).
//
//   npm run agreement [-- --corpus DIR] [-- --markdown]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = resolve(opt('--corpus') ?? join('..', 'shared', 'corpus', 'dev'));
const markdown = args.includes('--markdown');
const scorer = resolve(join(corpus, '..', '..', 'tools', 'agreement.mjs'));

if (!existsSync(join(corpus, 'labels.json'))) {
  console.error(`agreement: no labels.json in ${corpus}; pass --corpus DIR`);
  process.exit(2);
}
const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8'));

const headline = existsSync(scorer)
  ? spawnSync(process.execPath, [scorer, '--corpus', corpus, ...args.filter((a, i) => a !== '--markdown' && args[i - 1] !== '--corpus' && a !== '--corpus')], {
      encoding: 'utf8',
    })
  : null;

const out = execFileSync(process.execPath, ['bin/billscore.js', '--format', 'json', ...labels.map((l) => join(corpus, l.file))], {
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
  env: { ...process.env, NO_COLOR: '1', CI: '1' },
  stdio: ['ignore', 'pipe', 'ignore'],
}).toString();
const bills = new Map(JSON.parse(out).bills.map((b) => [basename(b.source), b]));

const positive = (v) => v === 'met' || v === 'partial';
const rows = new Map();
for (const label of labels) {
  const bill = bills.get(basename(label.file));
  for (const [id, expected] of Object.entries(label.practices)) {
    if (expected === 'unknown') continue;
    const got = bill?.practices?.find((p) => p.id === id)?.verdict ?? 'absent';
    const r = rows.get(id) ?? { id, labelled: 0, agree: 0, humanPositive: 0, toolPositive: 0, truePositive: 0, exact: 0 };
    r.labelled++;
    if (got === expected) r.agree++;
    if (positive(expected)) r.humanPositive++;
    if (positive(got)) r.toolPositive++;
    if (positive(expected) && positive(got)) r.truePositive++;
    if (positive(expected) && got === expected) r.exact++;
    rows.set(id, r);
  }
}

const pct = (n, d) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(0)}%`);
const table = [['practice', 'labelled', 'agree', 'human met/partial', 'found (same verdict)', 'billscore met/partial', 'precision', 'recall']];
for (const r of rows.values()) {
  table.push([r.id, r.labelled, pct(r.agree, r.labelled), r.humanPositive, r.exact, r.toolPositive, pct(r.truePositive, r.toolPositive), pct(r.exact, r.humanPositive)].map(String));
}

if (headline) process.stdout.write(headline.stdout.split('\n').filter(Boolean).slice(-1)[0] + '\n\n');
if (markdown) {
  console.log(`| ${table[0].join(' | ')} |\n|${table[0].map(() => '---').join('|')}|`);
  for (const row of table.slice(1)) console.log(`| ${row.join(' | ')} |`);
} else {
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}
process.exit(headline ? headline.status ?? 0 : 0);
