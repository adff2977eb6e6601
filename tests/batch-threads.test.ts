// A batch large enough to be scored in worker threads must report exactly what the main thread would.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Report } from '../src/model.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreSource } from '../src/score.js';
import { CORPUS, runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'billscore-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bills = readdirSync(CORPUS).filter((f) => /\.(txt|pdf)$/.test(f));
for (const f of bills) copyFileSync(join(CORPUS, f), join(dir, f));

describe('scoring a batch in worker threads', () => {
  it('gives every bill the report the main thread gives it, in path order', async () => {
    // -j 2 asks for a worker thread beside the main one whatever the batch's size; both score bills.
    const r = runCli(['--format', 'json', '--explain', '-j', '2', dir]);
    expect(r.status, r.stderr).toBe(0);
    const report = Report.parse(JSON.parse(r.stdout));
    const rubric = loadRubric();
    const sources = report.bills.map((b) => b.source);
    expect(sources).toEqual([...sources].sort());
    for (const bill of report.bills) {
      const alone = await scoreSource(bill.source, rubric, { explain: true });
      expect(bill, bill.source).toEqual(alone);
    }
  });

  it('turns a bad file into an error entry and scores the rest', () => {
    writeFileSync(join(dir, 'zz-broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog');
    const r = runCli(['--format', 'json', '-j', '2', dir]);
    expect(r.status).toBe(2);
    const report = Report.parse(JSON.parse(r.stdout));
    expect(report.bills.find((b) => b.source.endsWith('zz-broken.pdf'))).toMatchObject({ status: 'error', error: { code: 'corrupt-pdf' } });
    expect(report.bills.filter((b) => b.status === 'ok')).toHaveLength(bills.length);
  });
});
