// --context N: the words of the bill around each quote, in JSON and in the terminal report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Report } from '../src/model.js';
import { runCli } from './helpers/run-cli.js';

const BILL = 'samples/co-crs-13-21-131-statute-partial.txt';
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function report(args: string[]): Report {
  const r = runCli([BILL, '--format', 'json', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return Report.parse(JSON.parse(r.stdout));
}

describe('--context N', () => {
  it('carries N words either side of each quote, taken from the bill around it', () => {
    const source = flat(readFileSync(BILL, 'utf8'));
    const evidence = report(['--context', '4']).bills[0]!.practices.flatMap((p) => p.evidence);
    expect(evidence.length).toBeGreaterThan(3);
    for (const e of evidence) {
      expect(e.context, e.quote).toBeDefined();
      const { before, after } = e.context!;
      expect(before.split(' ').length).toBeLessThanOrEqual(4);
      expect(after.split(' ').length).toBeLessThanOrEqual(4);
      expect(before.split(' ').length + after.split(' ').length).toBeGreaterThan(4);
      expect(source).toContain(flat(`${before} ${e.quote} ${after}`));
    }
  });

  it('adds nothing without --context', () => {
    const evidence = report([]).bills[0]!.practices.flatMap((p) => p.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((e) => e.context === undefined)).toBe(true);
  });

  it('prints the context around the quote in the terminal, the quote set apart', () => {
    const r = runCli([BILL, '--context', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('…to this section. “(b) Qualified immunity is not a defense to liability pursuant to this” section. (3) In…');
  });

  it('highlights the quoted words when colour is on', () => {
    const r = runCli([BILL, '--context', '3'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    // bold + cyan on the quote, dim on the words around it
    expect(r.stdout).toMatch(/\x1b\[2m…to this section\.\x1b\[22m \x1b\[1m\x1b\[36m“\(b\) Qualified immunity/);
  });

  it('refuses a count that is not a whole number of words (exit 2)', () => {
    const r = runCli([BILL, '--context', 'many']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--context <n>' argument 'many' is invalid/);
  });
});
