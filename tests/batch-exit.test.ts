// Exit statuses of a batch: 0 all scored, 1 below --fail-under, 2 an unreadable input (which wins), and results never lost.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Report } from '../src/model.js';
import { billFolder, runInProcess } from './batch-helpers.js';

const good = billFolder();
const withBroken = billFolder({ broken: true });
afterAll(() => [good, withBroken].forEach((f) => rmSync(f.dir, { recursive: true, force: true })));

const totals = async (dir: string) => Report.parse(JSON.parse((await runInProcess([dir, '-f', 'json'])).stdout)).bills.flatMap((b) => (b.score ? [b.score.total] : []));

describe('exit status', () => {
  it('is 0 when every bill was scored', async () => {
    const r = await runInProcess([good.dir, '-f', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--fail-under: 1 when some bill scores below N, 0 when none does', async () => {
    const t = await totals(good.dir);
    const lowest = Math.min(...t);
    const highest = Math.max(...t);
    expect(lowest).toBeLessThan(highest); // the folder's bills differ, so a threshold can split them
    const below = await runInProcess([good.dir, '-f', 'json', '--fail-under', String(highest)]);
    expect(below.status).toBe(1);
    expect(below.stderr).toMatch(/^billscore: \d+ of 3 bills score below/);
    expect(Report.parse(JSON.parse(below.stdout)).bills).toHaveLength(3); // the report is still printed
    expect((await runInProcess([good.dir, '-f', 'json', '--fail-under', String(lowest)])).status).toBe(0);
    expect((await runInProcess([good.dir, '-f', 'json', '--fail-under', String(highest), '-q'])).stderr).toBe('');
  });

  it('is 2 when a bill cannot be read, every other bill is still reported, and 2 wins over --fail-under', async () => {
    const r = await runInProcess([withBroken.dir, '-f', 'json', '--fail-under', '9']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^billscore: .*broken\.pdf is not a readable PDF/)]);
    const report = Report.parse(JSON.parse(r.stdout));
    expect(report.bills.filter((b) => b.status === 'ok')).toHaveLength(3);
    expect(report.summary.failed).toBe(1);
  });

  it('is 2 for a missing input or a pattern that matches nothing, beside the bills that were scored', async () => {
    const r = await runInProcess([good.dir, 'no-such-bill.txt', `${good.dir}/*.nothing`, '-f', 'ndjson']);
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.type === 'bill' && l.status === 'ok')).toHaveLength(3);
    expect(lines.filter((l) => l.status === 'error').map((l) => l.error.code)).toEqual(['not-found', 'not-found']);
    expect(r.stderr).toMatch(/no-such-bill\.txt/);
    expect(r.stderr).toMatch(/matches no file/);
  });

  it('is 2 with one line on stderr for a bad --fail-under or --format', async () => {
    for (const args of [['--fail-under', 'lots'], ['--format', 'xlsx']]) {
      const r = await runInProcess([good.dir, ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: option/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('is documented, with the batch options and examples, by the top-level --help', async () => {
    const r = await runInProcess(['--help']);
    expect(r.status).toBe(0);
    for (const words of ['--format <format>', 'ndjson', '--output <file>', '--fail-under <n>', 'Exit status:', 'Examples:']) expect(r.stdout).toContain(words);
    expect(r.stdout).toMatch(/^\s+1\s+--fail-under/m);
    expect(r.stdout).toMatch(/^\s+2\s+a usage error/m);
  });
});
