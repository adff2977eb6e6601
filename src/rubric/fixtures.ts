// Example sentences kept beside each practice (semgrep keeps ruleid:/ok: cases beside each rule): each must give its verdict.
//
// A fixture file, practices/<id>.fixtures.txt, holds cases like:
//   --- met: Colorado's formulation
//   (b) Qualified immunity is not a defense to liability pursuant to this section.
// The verdict is met, partial or not_met; todo-<verdict> marks a known gap (reported, not failed).
// Lines starting with "#" before the first case are comments.
import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { judge } from '../judge/judge.js';
import type { Verdict } from '../model.js';
import { normalise } from '../normalise/normalise.js';
import type { CompiledPractice, Rubric } from './load.js';
import { BillscoreError } from '../errors.js';

export interface Fixture {
  practice: string;
  expect: Verdict;
  todo: boolean;
  note: string;
  text: string;
  /** file:line of the case, for reporting. */
  where: string;
}

export interface FixtureResult extends Fixture {
  got: Verdict;
  passed: boolean;
}

const CASE = /^---\s*(todo-)?(met|partial|not_met)\s*(?::\s*(.*))?$/;

export function fixtureFileOf(practice: CompiledPractice): string {
  return practice.file.replace(/\.(ya?ml|json)$/, '.fixtures.txt');
}

export function loadFixtures(practice: CompiledPractice): Fixture[] {
  const inline = (practice.fixtures ?? []).map((f, i): Fixture => {
    const todo = f.expect.startsWith('todo-');
    return {
      practice: practice.id,
      expect: f.expect.replace('todo-', '') as Verdict,
      todo,
      note: f.note,
      text: f.text,
      where: `${practice.file}:${lineOf(practice.file, [...pathOf(practice.at), 'fixtures', i, 'text'])}`,
    };
  });
  const file = fixtureFileOf(practice);
  // A practice written inline in a rubric shares that file; a fixtures file beside it would belong to no one practice.
  if (practice.at !== '' || !existsSync(file)) return inline;
  return [...inline, ...parseFixtureFile(readFileSync(file, 'utf8'), file, practice.id)];
}

function pathOf(at: string): Array<string | number> {
  return at === '' ? [] : at.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

const lineCounters = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter }>();

/** The 1-based line of a value in a YAML/JSON data file, so a failing inline fixture is reported as file:line. */
function lineOf(file: string, path: Array<string | number>): number {
  let parsed = lineCounters.get(file);
  if (!parsed) {
    const lines = new LineCounter();
    parsed = { doc: parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines }), lines };
    lineCounters.set(file, parsed);
  }
  const node = parsed.doc.getIn(path, true);
  const offset = isNode(node) && node.range ? node.range[0] : 0;
  return parsed.lines.linePos(offset).line;
}

export function parseFixtureFile(content: string, file: string, practice: string): Fixture[] {
  const out: Fixture[] = [];
  let current: Fixture | null = null;
  const body: string[] = [];
  const flush = () => {
    if (!current) return;
    current.text = body.join('\n').trim();
    if (current.text === '') throw new BillscoreError('bad-rubric', `${current.where}: the case has no text`, file);
    out.push(current);
    body.length = 0;
  };
  content.split(/\r?\n/).forEach((line, i) => {
    const m = CASE.exec(line);
    if (m) {
      flush();
      current = { practice, expect: m[2] as Verdict, todo: Boolean(m[1]), note: m[3] ?? '', text: '', where: `${file}:${i + 1}` };
    } else if (line.startsWith('---')) {
      throw new BillscoreError('bad-rubric', `${file}:${i + 1}: a case line must read "--- met|partial|not_met: note"`, file);
    } else if (current) {
      body.push(line);
    }
  });
  flush();
  return out;
}

/** Judges each fixture as a small bill of its own, with the whole rubric (practices may require one another). */
export function runFixtures(rubric: Rubric, only?: string): FixtureResult[] {
  const results: FixtureResult[] = [];
  for (const practice of rubric.practices) {
    if (only && practice.id !== only) continue;
    for (const f of loadFixtures(practice)) {
      const doc = normalise({ source: f.where, format: 'text', pages: [f.text] });
      const got = judge(doc, rubric).practices.find((p) => p.id === practice.id)!.verdict;
      results.push({ ...f, got, passed: got === f.expect });
    }
  }
  return results;
}
