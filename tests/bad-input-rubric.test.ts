// Issue 6: a malformed --rubric file stops the run with exit 2 and one line naming the file, the field and the reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'billscore-rubric-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BILL = 'samples/co-crs-13-21-131-statute-partial.txt';

/** A small valid rubric: two practices, the second requiring the first. */
function rubric() {
  const practice = (id: string) => ({
    id,
    group: 'remedy',
    title: `Practice ${id}`,
    wording: 'The words of the practice',
    notMet: 'Nothing matched',
    matchers: [{ id: 'm', verdict: 'met', description: 'Qualified immunity is no defence', all: ['{{qi}}', 'not\\s+a\\s+defen[cs]e'] }],
  });
  const second = practice('second') as ReturnType<typeof practice> & { matchers: Array<{ requires?: unknown[] }> };
  second.matchers[0]!.requires = [{ practice: 'first', scope: 'document' }];
  return {
    id: 'test-rubric',
    version: 1,
    title: 'A rubric for tests',
    groups: [{ id: 'remedy', title: 'Remedy' }],
    terms: { qi: 'qualified\\s+immunity' },
    practices: [practice('first'), second],
  };
}

type Spec = ReturnType<typeof rubric>;
let n = 0;
function write(content: string, ext = 'json'): string {
  const path = join(dir, `rubric-${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}
const variant = (change: (r: Spec & Record<string, any>) => void) => {
  const r = rubric() as Spec & Record<string, any>;
  change(r);
  return write(JSON.stringify(r, null, 2));
};

function expectRubricError(path: string, ...reason: RegExp[]) {
  const r = runCli(['--rubric', path, BILL, '-f', 'json']);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]!.startsWith('billscore: ') && lines[0]!.includes(path), r.stderr).toBe(true);
  for (const re of reason) expect(lines[0]).toMatch(re);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('malformed --rubric files', () => {
  it('stop the run as promptly when PDF reader threads were already booting', () => {
    // The readers start before the rubric loads; an idle reader must not keep the process alive after the error.
    const r = runCli(['--rubric', variant((s) => (s.practices = 'none')), 'samples/us-hr3602-119-ih.pdf', '-f', 'json'], { timeoutMs: 20_000 });
    expect(r.status, 'exit status (null: still running after 20 s)').toBe(2);
    expect(r.stderr).toMatch(/^billscore: .*rubric-\d+\.json/);
  });

  it('the valid base rubric scores the bill (so each failure below is the one change)', () => {
    const r = runCli(['--rubric', variant(() => {}), BILL, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).bills[0].practices.map((p: { verdict: string }) => p.verdict)).toEqual(['met', 'met']);
  });

  it('bad YAML: names the file and says it is not valid YAML', () => {
    expectRubricError(write('id: test\ngroups: [ {id: remedy, title: Remedy}\npractices:\n  - first\n', 'yml'), /not valid YAML/);
  });

  it('bad JSON: names the file and says it is not valid JSON', () => {
    expectRubricError(write('{ "id": "test", "version": 1, }'), /not valid JSON/);
  });

  it('an empty file: says what the top level should be', () => {
    expectRubricError(write('', 'yml'), /\(top level\): /);
  });

  it('an unknown practice id in requires: names the field and the id', () => {
    const path = variant((r) => (r.practices[1].matchers[0].requires[0].practice = 'no-such-practice'));
    expectRubricError(path, /practices\.1\.matchers\.0\.requires\.0\.practice: unknown practice "no-such-practice"/);
  });

  it('an invalid regular expression: names the pattern field and the regex error', () => {
    const path = variant((r) => (r.practices[0].matchers[0].all[1] = 'not\\s+(a defence'));
    expectRubricError(path, /practices\.0\.matchers\.0\.all\.1: invalid pattern: .*(unterminated group|Unterminated group)/i);
  });

  it('an unsafe regular expression (nested repetition): refused before it can backtrack', () => {
    const path = variant((r) => (r.practices[0].matchers[0].all[1] = '(?:\\w+\\s*)+defen[cs]e'));
    expectRubricError(path, /practices\.0\.matchers\.0\.all\.1: unsafe pattern: nested repetition/);
  });

  it('an unsafe veto pattern: the veto field is named', () => {
    const path = variant((r) => (r.practices[0].vetoes = [{ pattern: '(a+)+$', scope: 'document', reason: 'x' }]));
    expectRubricError(path, /practices\.0\.vetoes\.0\.pattern: unsafe pattern/);
  });

  it('an unknown {{term}}: names the field and the term', () => {
    const path = variant((r) => (r.practices[0].matchers[0].all[0] = '{{nope}}'));
    expectRubricError(path, /practices\.0\.matchers\.0\.all\.0: unknown term \{\{nope\}\}/);
  });

  it('a missing required field and a wrong type: each names its field', () => {
    expectRubricError(
      variant((r) => delete r.practices[0].title),
      /practices\.0\.title: /,
    );
    expectRubricError(
      variant((r) => (r.practices[0].points = 'two')),
      /practices\.0\.points: .*number/i,
    );
  });

  it('a practice in an unknown group, and a practice required in a loop', () => {
    expectRubricError(
      variant((r) => (r.practices[0].group = 'elsewhere')),
      /practices\.0\.group: unknown group "elsewhere"/,
    );
    expectRubricError(
      variant((r) => (r.practices[0].matchers[0].requires = [{ practice: 'second' }])),
      /requires itself/,
    );
  });

  it('a rubric path that does not exist', () => {
    const missing = join(dir, 'nowhere.yml');
    expectRubricError(missing, /does not exist; pass a rubric YAML or JSON file/);
  });
});
