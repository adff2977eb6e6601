// `billscore compare OLD NEW`: what an amendment gained or lost, per practice, with both versions' evidence.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompareReport } from '../src/compare/model.js';
import { CORPUS, runCli } from './helpers/run-cli.js';

function compare(a: string, b: string): CompareReport {
  const r = runCli(['compare', a, b, '--format', 'json']);
  expect(r.status, r.stderr).toBe(0);
  return CompareReport.parse(JSON.parse(r.stdout));
}

const practice = (report: CompareReport, id: string) => report.practices.find((p) => p.id === id)!;

const MARKUP_NOTE = 'EXPLANATION--Matter in italics (underscored) is new; matter in brackets\n[ ] is old law to be omitted.\n';
const IMMUNITY = 'Qualified immunity is not a defense to liability pursuant to this section.';
const FEES = 'The court shall award reasonable attorney fees and costs to a prevailing plaintiff.';

function bill(clause: string, note = MARKUP_NOTE): string {
  return [
    'AN ACT to amend the civil rights law, in relation to civil actions for the deprivation of rights',
    '',
    'The People of the State of New York, represented in Senate and Assembly, do enact as follows:',
    '',
    'Section 1. The civil rights law is amended by adding a new section 79-q to read as follows:',
    '§ 79-q. Civil action for deprivation of rights. 1. A peace officer who, under color of law, subjects any person to the deprivation of any rights secured by the state constitution is liable to the injured party.',
    `2. ${clause}`,
    '§ 2. This act shall take effect immediately.',
    '',
    note,
  ].join('\n');
}

function versions(oldClause: string, newClause: string, note?: string): [string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'billscore-compare-'));
  const paths: [string, string] = [join(dir, 'old.txt'), join(dir, 'new.txt')];
  writeFileSync(paths[0], bill(oldClause, note));
  writeFileSync(paths[1], bill(newClause, note));
  return paths;
}

describe('compare: amendment markup', () => {
  it('struck [bracketed] text does not count for the version that strikes it', () => {
    const report = compare(...versions(IMMUNITY, `[${IMMUNITY}] ${FEES}`));
    const police = practice(report, 'end-qi-police');
    expect(police).toMatchObject({ change: 'lost', delta: -1, old: { verdict: 'met' }, new: { verdict: 'not_met', evidence: [] } });
    expect(police.old.evidence.some((e) => e.quote.includes('Qualified immunity is not a defense'))).toBe(true);
    expect(practice(report, 'start-attorney-fees')).toMatchObject({ change: 'gained', delta: 1 });
    expect(report.delta.total).toBe(report.new.score.total - report.old.score.total);
    expect(report.delta.byGroup.start).toBe(1);
  });

  it('keeps bracketed text when the bill does not say brackets mark deletions', () => {
    const report = compare(...versions(IMMUNITY, `[${IMMUNITY}]`, ''));
    expect(practice(report, 'end-qi-police')).toMatchObject({ change: 'unchanged', new: { verdict: 'met' } });
  });
});

describe('compare: versions in the dev corpus', () => {
  it('reports what the codified statute gained over the enrolled bill excerpt, evidence side by side', () => {
    const [a, b] = [`${CORPUS}co-sb20-217-enrolled-partial.txt`, `${CORPUS}co-crs-13-21-131-statute-partial.txt`];
    const report = compare(a, b);
    const gained = report.practices.filter((p) => p.change === 'gained').map((p) => p.id);
    expect(gained).toEqual(expect.arrayContaining(['end-qi-police', 'start-attorney-fees']));
    expect(report.practices.filter((p) => p.change === 'lost')).toEqual([]);

    const pretty = runCli(['compare', a, b], { env: { COLUMNS: '120' } });
    expect(pretty.status).toBe(0);
    const lines = pretty.stdout.split('\n');
    const head = lines.findIndex((l) => /▲ gained .*\[end-qi-police\]\s+✗ 0 → ✓ 1/.test(l));
    expect(head).toBeGreaterThan(-1);
    expect(lines[head + 1]).toMatch(/^\s+old\s+│ new$/);
    // Old column empty-handed, new column quoting the statute, on the same rows.
    expect(lines[head + 2]).toMatch(/^\s+\(no evidence\)\s+│ “\(b\) Qualified immunity is not a defense/);
    expect(pretty.stdout).toMatch(/total \d(\.5)?\/9 → \d(\.5)?\/9 \(\+\d/);
  });

  it('carries --context words around both versions\' quotes', () => {
    const r = runCli(['compare', `${CORPUS}us-hr3602-119-ih.pdf`, `${CORPUS}us-s1913-119-is.txt`, '--context', '3', '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const police = practice(CompareReport.parse(JSON.parse(r.stdout)), 'end-qi-police');
    for (const e of [...police.old.evidence, ...police.new.evidence]) expect(e.context?.after.split(' ').length, e.quote).toBeLessThanOrEqual(3);
    expect(police.old.evidence.length && police.new.evidence.length).toBeGreaterThan(0);
    expect([...police.old.evidence, ...police.new.evidence].every((e) => e.context !== undefined)).toBe(true);
  });

  it.each([
    ['us-hr3602-119-ih.pdf', 'us-hr3602-119-ih.txt'],
    ['ny-s2887-2023.pdf', 'ny-s2887-2023.txt'],
  ])('finds no change between the PDF and text of one version (%s)', (pdf, txt) => {
    const report = compare(`${CORPUS}${pdf}`, `${CORPUS}${txt}`);
    expect(report.old.format).toBe('pdf');
    expect(report.new.format).toBe('text');
    expect(report.practices.filter((p) => p.change !== 'unchanged' || p.evidenceChanged).map((p) => p.id)).toEqual([]);
    expect(report.delta.total).toBe(0);
  });
});

describe('compare: bad input', () => {
  it('exits 2 with one line on stderr when a version cannot be read', () => {
    const r = runCli(['compare', 'samples/us-hr503-119-ih.txt', 'samples/no-such-bill.txt']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^billscore: no such file or folder: samples\/no-such-bill\.txt/);
  });

  it('exits 2 when only one version is given', () => {
    const r = runCli(['compare', 'samples/us-hr503-119-ih.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'new'/);
  });
});
