// `billscore rubric show|check` and scoring with a custom rubric, end to end through the CLI.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const EXAMPLE = 'rubric/examples/state-priorities.yml';
const tmp = () => mkdtempSync(join(tmpdir(), 'billscore-rubric-'));

describe('rubric check', () => {
  it('passes the worked example and the built-in rubric', () => {
    for (const file of [EXAMPLE, 'rubric/eqi/rubric.yml']) {
      const r = runCli(['rubric', 'check', file]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/\d+ fixtures, \d+ passed, 0 failed/);
      expect(r.status).toBe(0);
    }
  });

  it('reports a broken inline fixture with practice id, file:line, expected and got; exit 1', () => {
    const file = join(tmp(), 'broken.yml');
    const text = readFileSync(EXAMPLE, 'utf8');
    const wrong = 'court may award reasonable attorney fees';
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes(wrong));
    expect(lines[at - 2]).toContain('expect: not_met');
    lines[at - 2] = lines[at - 2]!.replace('not_met', 'met');
    writeFileSync(file, lines.join('\n'));

    const r = runCli(['rubric', 'check', file]);
    expect(r.status).toBe(1);
    const fails = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
    expect(fails).toEqual([`FAIL mandatory-fees  ${file}:${at + 1}  expected met, got not_met (discretionary fees do not count under this rubric)`]);
    expect(r.stdout).toMatch(/1 failed/);
  });

  it('reports a broken case in a practices/<id>.fixtures.txt file by its line', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'practices'));
    writeFileSync(join(dir, 'rubric.yml'), 'id: t\nversion: 1\ntitle: T\ngroups: [{ id: g, title: G }]\npractices: [fees]\n');
    writeFileSync(
      join(dir, 'practices', 'fees.yml'),
      'id: fees\ngroup: g\ntitle: Fees\nwording: Fees\nnotMet: No fees\nmatchers:\n  - id: m\n    verdict: met\n    description: fees awarded\n    all: ["shall award", "fees"]\n',
    );
    writeFileSync(join(dir, 'practices', 'fees.fixtures.txt'), '# cases\n--- met: ok\nThe court shall award fees.\n\n--- met: wrong on purpose\nThe court may award fees.\n');
    const r = runCli(['rubric', 'check', join(dir, 'rubric.yml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAIL fees  ${join(dir, 'practices', 'fees.fixtures.txt')}:5  expected met, got not_met (wrong on purpose)`);
    expect(r.stdout).toMatch(/2 fixtures, 1 passed, 1 failed/);
  });

  it('exits 2 with one line naming the file and field when the rubric is invalid', () => {
    const file = join(tmp(), 'bad.yml');
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace('verdict: partial', 'verdict: maybe'));
    const r = runCli(['rubric', 'check', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`${file}: practices\\.2\\.matchers\\.1\\.verdict`));
  });

  it('exits 2 when the rubric file does not exist', () => {
    const r = runCli(['rubric', 'check', 'no/such/rubric.yml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^billscore: rubric no\/such\/rubric\.yml does not exist/);
  });
});

describe('rubric show', () => {
  it('prints groups with their points, every practice, matcher patterns and vetoes', () => {
    const r = runCli(['rubric', 'show', EXAMPLE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('REMEDY — A civil remedy without immunity  (5 pts)');
    expect(r.stdout).toContain('OPENNESS — The public can see what happened  (0.5 pts)');
    for (const id of ['no-immunity-defence', 'every-public-actor', 'state-constitution', 'mandatory-fees', 'employer-pays', 'public-records']) {
      expect(r.stdout).toContain(`  ${id}  `);
    }
    expect(r.stdout).toContain('matcher federal-rights-only → partial');
    expect(r.stdout).toContain('/{{shall}}\\s+(?:\\w+\\s+){0,3}?indemnify/');
    expect(r.stdout).toMatch(/veto \/affirmative.*caps at not_met/);
  });

  it('shows the built-in rubric when no file is given', () => {
    const r = runCli(['rubric', 'show']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('campaign-zero-eqi v1 · 9 practices · 9 pts');
  });
});

describe('score --rubric with a custom rubric', () => {
  const bill = 'samples/us-hr3602-119-ih.txt';

  it('totals the JSON score by the rubric\'s own groups and points', () => {
    const r = runCli([bill, '--rubric', EXAMPLE, '--format', 'json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.rubric).toMatchObject({ id: 'state-priorities-example', version: 2026.1 });
    const b = report.bills[0];
    expect(Object.keys(b.score.max.byGroup)).toEqual(['remedy', 'payment', 'openness']);
    expect(b.score.max.byGroup).toEqual({ remedy: 5, payment: 2, openness: 0.5 });
    expect(b.score.max.total).toBe(7.5);
    const points = b.practices.reduce((s: number, p: { points: number }) => s + p.points, 0);
    expect(b.score.total).toBe(points);
    // The federal bill removes the defence for every person under color of law, in federal terms only.
    const verdicts = Object.fromEntries(b.practices.map((p: { id: string; verdict: string }) => [p.id, p.verdict]));
    expect(verdicts['no-immunity-defence']).toBe('met');
    expect(verdicts['state-constitution']).toBe('partial');
  });

  it('prints each group of the custom rubric in the pretty report', () => {
    const r = runCli([bill, '--rubric', EXAMPLE, '--no-color']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^REMEDY {2}\d+(\.5)?\/5$/m);
    expect(r.stdout).toMatch(/^PAYMENT {2}\d\/2$/m);
    expect(r.stdout).toMatch(/^OPENNESS {2}0(\.5)?\/0\.5$/m);
    expect(r.stdout).toMatch(/total \d+(\.5)?\/7\.5$/m);
  });
});
