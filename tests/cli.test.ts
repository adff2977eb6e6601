// End to end: the executable on a text bill, a PDF and standard input; verdicts, evidence, exit codes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Report } from '../src/model.js';
import { runCli } from './helpers/run-cli.js';

function jsonReport(args: string[], input?: string) {
  const r = runCli(['--format', 'json', ...args], { input });
  expect(r.status, r.stderr).toBe(0);
  return Report.parse(JSON.parse(r.stdout));
}

const verdicts = (report: ReturnType<typeof jsonReport>, i = 0) => Object.fromEntries(report.bills[i]!.practices.map((p) => [p.id, p.verdict]));

describe('billscore on one bill', () => {
  it('scores a PDF: nine practices, evidence with page, line and section, and scores that add up', () => {
    const report = jsonReport(['samples/us-hr3602-119-ih.pdf']);
    const bill = report.bills[0]!;
    expect(bill).toMatchObject({ format: 'pdf', status: 'ok', pages: 4 });
    expect(bill.practices).toHaveLength(9);
    expect(verdicts(report)['end-qi-police']).toBe('met');
    expect(verdicts(report)['start-attorney-fees']).toBe('not_met');
    const points = (group: string) => bill.practices.filter((p) => p.group === group).reduce((a, p) => a + p.points, 0);
    expect(bill.score).toMatchObject({ end: points('end'), start: points('start'), total: points('end') + points('start') });
    expect(bill.score!.max).toMatchObject({ end: 4, start: 5, total: 9 });
    for (const p of bill.practices) {
      if (p.verdict === 'not_met') continue;
      expect(p.evidence.length, p.id).toBeGreaterThan(0);
      for (const e of p.evidence) {
        expect(e.page).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeGreaterThanOrEqual(1);
      }
    }
    const police = bill.practices.find((p) => p.id === 'end-qi-police')!;
    expect(police.evidence.some((e) => /not be a defense/i.test(e.quote) && e.page === 3 && /SEC\. 4/.test(e.section ?? ''))).toBe(true);
  });

  it('quotes words that really stand on the page and line it names', () => {
    const report = jsonReport(['samples/co-crs-13-21-131-statute-partial.txt']);
    const lines = readFileSync('samples/co-crs-13-21-131-statute-partial.txt', 'utf8').split('\n');
    const squash = (s: string) => s.replace(/["“”'’`]/g, '').replace(/\s+/g, ' ');
    for (const p of report.bills[0]!.practices) {
      for (const e of p.evidence) expect(squash(lines[e.line - 1]!), `${p.id} p${e.page}:${e.line}`).toContain(squash(e.quote));
    }
  });

  it('gives the PDF and the text of the same bill the same verdicts', () => {
    const report = jsonReport(['samples/us-hr3602-119-ih.pdf', 'samples/us-hr3602-119-ih.txt']);
    expect(report.bills.map((b) => b.format)).toEqual(['pdf', 'text']);
    expect(verdicts(report, 0)).toEqual(verdicts(report, 1));
  });

  it('reads a bill from standard input with -', () => {
    const text = readFileSync('samples/co-crs-13-21-131-statute-partial.txt', 'utf8');
    const report = jsonReport(['-'], text);
    expect(report.bills[0]!.source).toBe('<stdin>');
    expect(verdicts(report)['start-attorney-fees']).toBe('met');
    expect(verdicts(report)['start-duty-to-intervene']).toBe('partial');
  });

  it('scores a bill that codifies qualified immunity 0/9', () => {
    const report = jsonReport(['samples/us-hr503-119-ih.txt']);
    expect(report.bills[0]!.score!.total).toBe(0);
  });

  it('prints the terminal report with marks, evidence and the totals', () => {
    const r = runCli(['samples/us-hr3602-119-ih.pdf']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✓ .*\[end-qi-police\]/);
    expect(r.stdout).toMatch(/✗ .*\[start-attorney-fees\]/);
    expect(r.stdout).toMatch(/p3:\d+ · SEC\. 4/);
    expect(r.stdout).toMatch(/Score: END \d\/4 · START \d\/5 · total \d\/9/);
    expect(r.stdout).not.toMatch(/\x1b\[/); // NO_COLOR
    expect(r.stderr).toBe('');
  });

  it('colours the report only when asked to and not told otherwise', () => {
    const forced = runCli(['samples/us-hr3602-119-ih.txt'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const refused = runCli(['samples/us-hr3602-119-ih.txt', '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(refused.stdout).not.toMatch(/\x1b\[/);
  });

  it('explains each matcher with --explain, for text and PDF', () => {
    for (const bill of ['samples/us-hr3602-119-ih.txt', 'samples/us-hr3602-119-ih.pdf']) {
      const report = jsonReport(['--explain', bill]);
      const fees = report.bills[0]!.practices.find((p) => p.id === 'end-qi-police')!;
      expect(fees.trace?.some((t) => t.outcome === 'fired')).toBe(true);
      const pretty = runCli(['--explain', bill]).stdout;
      expect(pretty).toMatch(/fired: /);
      expect(pretty).toMatch(/no-match: /);
    }
  });
});

describe('exit codes and errors', () => {
  it('exits 2 with one clear line on stderr for a missing file', () => {
    const r = runCli(['no-such-bill.pdf']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no-such-bill\.pdf/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reports a missing file as an error entry in JSON, beside the bills that were scored', () => {
    const r = runCli(['--format', 'json', 'samples/us-hr503-119-ih.txt', 'missing.txt']);
    expect(r.status).toBe(2);
    const report = Report.parse(JSON.parse(r.stdout));
    const missing = report.bills.find((b) => b.source === 'missing.txt')!;
    expect(missing).toMatchObject({ status: 'error', error: { code: 'not-found' } });
    expect(report.bills.find((b) => b.source.endsWith('us-hr503-119-ih.txt'))!.status).toBe('ok');
  });

  it('exits 2 on a usage error', () => {
    expect(runCli(['--format', 'yaml', 'samples/us-hr503-119-ih.txt']).status).toBe(2);
    expect(runCli([]).status).toBe(2);
  });

  it('exits 0 for --help and --version', () => {
    expect(runCli(['--help']).status).toBe(0);
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
