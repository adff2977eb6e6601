// Batch output parsed back: json with its summary, ndjson lines, csv and tsv rows, the table; numbers checked against the bills.
import { parse } from 'csv-parse/sync';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NdjsonBill, NdjsonSummary, Report, type BillReport, type Summary } from '../src/model.js';
import { FORMATTERS, render } from '../src/report/formatters.js';
import { billFolder, runInProcess } from './batch-helpers.js';

const folder = billFolder({ broken: true, extra: true });
const jsonRun = await runInProcess([folder.dir, '--format', 'json']);
const report = Report.parse(JSON.parse(jsonRun.stdout));
const ids = report.rubric.practices;

/** The summary worked out again, the long way, from the bills it summarises. */
function expectSummaryMatches(summary: Summary, bills: BillReport[]) {
  const scored = bills.filter((b) => b.status === 'ok');
  expect(summary.bills).toBe(bills.length);
  expect(summary.scored).toBe(scored.length);
  expect(summary.failed).toBe(bills.length - scored.length);
  const totals = scored.map((b) => b.score!.total);
  expect(summary.meanTotal).toBeCloseTo(totals.reduce((a, t) => a + t, 0) / totals.length, 2);
  for (const { total, bills: n } of summary.distribution) expect(n, `total ${total}`).toBe(totals.filter((t) => t === total).length);
  expect(summary.distribution.reduce((a, d) => a + d.bills, 0)).toBe(scored.length);
  expect(summary.distribution.map((d) => d.total)).toEqual([...new Set(totals)].sort((a, b) => a - b));
  expect(Object.keys(summary.practices)).toEqual(ids);
  for (const id of ids) {
    const verdicts = scored.map((b) => b.practices.find((p) => p.id === id)!.verdict);
    expect(summary.practices[id], id).toEqual({
      met: verdicts.filter((v) => v === 'met').length,
      partial: verdicts.filter((v) => v === 'partial').length,
      not_met: verdicts.filter((v) => v === 'not_met').length,
    });
  }
}

describe('--format json for a folder', () => {
  it('reports every bill, sorted by path, with the broken one as an error entry', () => {
    expect(jsonRun.status).toBe(2);
    const sources = report.bills.map((b) => b.source);
    expect(sources).toEqual([...sources].sort());
    expect(sources).toEqual(
      ['broken.pdf', 'co-crs-13-21-131-statute-partial.txt', 'sub/us-hr3602-119-ih.TXT', 'us-hr503-119-ih.txt'].map((f) => join(folder.dir, f)),
    );
    const broken = report.bills.find((b) => b.source === folder.broken)!;
    expect(broken).toMatchObject({ status: 'error', score: null, error: { code: 'corrupt-pdf' } });
    expect(report.bills.filter((b) => b.status === 'ok')).toHaveLength(3);
  });

  it('has a summary whose numbers agree with the bills, and counts the non-bill file as skipped', () => {
    expectSummaryMatches(report.summary, report.bills);
    expect(report.summary.skipped).toBe(1); // notes.csv; the hidden file is not counted
    expect(report.summary.failed).toBe(1);
    // The chosen bills do not all score the same, so the distribution has more than one bar.
    expect(report.summary.distribution.length).toBeGreaterThan(1);
  });
});

describe('--format ndjson', () => {
  it('prints one tagged JSON object per bill, in path order, then the summary line', async () => {
    const r = await runInProcess([folder.dir, '--format', 'ndjson']);
    expect(r.status).toBe(2);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(report.bills.length + 1);
    for (const line of lines) expect(line).not.toContain('\n');
    const bills = lines.slice(0, -1).map((l) => NdjsonBill.parse(JSON.parse(l)));
    expect(bills.map(({ type: _, ...b }) => b)).toEqual(report.bills);
    const last = NdjsonSummary.parse(JSON.parse(lines.at(-1)!));
    expect(last.type).toBe('summary');
    expect(last.summary).toEqual(report.summary);
    expect(last.rubric).toEqual(report.rubric);
  });
});

describe.each([
  ['csv', ','],
  ['tsv', '\t'],
] as const)('--format %s', (format, delimiter) => {
  it('has a header row and one row per bill: scores, a verdict per practice, evidence', async () => {
    const r = await runInProcess([folder.dir, '--format', format]);
    expect(r.status).toBe(2);
    const rows: Array<Record<string, string>> = parse(r.stdout, { columns: true, delimiter, relax_column_count: false });
    const header = Object.keys(rows[0]!);
    expect(header).toEqual(['source', 'status', 'error', 'end', 'start', 'total', ...ids, 'evidence']);
    expect(rows.map((row) => row.source)).toEqual(report.bills.map((b) => b.source));
    report.bills.forEach((bill, i) => {
      const row = rows[i]!;
      expect(row.status).toBe(bill.status);
      if (bill.status === 'error') {
        expect(row.error).toContain(bill.error!.code);
        expect(row.total).toBe('');
        return;
      }
      expect(Number(row.total)).toBe(bill.score!.total);
      expect(Number(row.end)).toBe(bill.score!.end);
      expect(Number(row.start)).toBe(bill.score!.start);
      for (const p of bill.practices) expect(row[p.id], p.id).toBe(p.verdict);
      for (const e of bill.practices.flatMap((p) => p.evidence)) expect(row.evidence).toContain(e.quote.replace(/\s+/g, ' '));
    });
  });
});

describe('csv cells a spreadsheet would run', () => {
  it('are prefixed so they show as text, and the rest of the row still parses', async () => {
    const bill: BillReport = {
      source: '=HYPERLINK("http://evil.example","x")',
      format: null,
      status: 'error',
      error: { code: 'empty', message: '+1 and @SUM(A1) and -2' },
      pages: null,
      score: null,
      practices: [],
    };
    const out = render(await FORMATTERS.csv(), { ...report, bills: [bill] }, { color: false, explain: false });
    const [row] = parse(out, { columns: true }) as Array<Record<string, string>>;
    expect(row!.source).toBe(`'${bill.source}`);
    expect(row!.error.startsWith('empty: +1')).toBe(true); // starts with the code, so it is safe as it is
    for (const cell of Object.values(row!)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(out.split('\r\n')).toHaveLength(3); // RFC 4180: CRLF after the header and after the row
  });
});

describe('--format pretty', () => {
  it('prints a compact table for many bills: one line each with a mark per practice, then the summary', async () => {
    const r = await runInProcess([folder.dir]);
    const lines = r.stdout.split('\n');
    for (const bill of report.bills) {
      const name = bill.source.slice(folder.dir.length + 1);
      const matching = lines.filter((l) => l.startsWith(`${name} `));
      expect(matching, name).toHaveLength(1);
      if (bill.status === 'error') {
        expect(matching[0]).toContain('error (corrupt-pdf)');
        continue;
      }
      const marks = matching[0]!.trimEnd().split(/\s+/).slice(-ids.length);
      const expected = bill.practices.map((p) => ({ met: '✓', partial: '½', not_met: '✗' })[p.verdict]);
      expect(marks).toEqual(expected);
      expect(matching[0]).toContain(`${bill.score!.total}/9`);
    }
    expect(r.stdout).toContain(`${report.summary.bills} bills · ${report.summary.scored} scored · 1 failed · 1 other file skipped`);
    expect(r.stdout).toContain(`mean total ${report.summary.meanTotal}/9`);
  });

  it('keeps the detailed report, with evidence, for one bill', async () => {
    const one = report.bills.find((b) => b.status === 'ok')!;
    const r = await runInProcess([one.source]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Score: END .* total .*\/9/);
    expect(r.stdout).not.toContain('bills ·');
  });
});

afterAll(() => rmSync(folder.dir, { recursive: true, force: true }));
