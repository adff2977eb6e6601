// Issue 6: very large and pathological bills are scored, not hung on. Timing is the benchmark's job; the generous
// timeouts here only catch a hang or a quadratic blow-up (which turns seconds into many minutes at these sizes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BillReport } from '../src/model.js';
import { parseBill } from '../src/read/read.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreBytes, scoreRaw } from '../src/score.js';
import { makePdf } from './fixtures/make-pdf.js';
import { runCli } from './helpers/run-cli.js';

const rubric = loadRubric();
const bill = (name: string) => readFileSync(new URL(`./fixtures/bills/${name}`, import.meta.url), 'utf8');
const verdicts = (r: BillReport) => r.practices.map((p) => `${p.id}:${p.verdict}`);
const MB = 1_000_000;

async function scoreText(text: string, name = 'bill.txt'): Promise<BillReport> {
  return BillReport.parse(await scoreBytes(Buffer.from(text), name, rubric));
}

describe('very large bills', () => {
  it('30 MB of text is scored, with the verdicts of the bill it repeats', async () => {
    const one = bill('co-crs-13-21-131-statute-partial.txt');
    const big = `${one}\n`.repeat(Math.ceil((30 * MB) / one.length));
    const [small, large] = [await scoreText(one), await scoreText(big)];
    expect(large.status).toBe('ok');
    expect(verdicts(small).filter((v) => !v.endsWith('not_met')).length).toBeGreaterThan(3);
    expect(verdicts(large)).toEqual(verdicts(small));
  }, 240_000);

  it('a 500-page PDF is scored like its text twin', async () => {
    // Short lines, as a real PDF has them, drawn from a real bill page after page.
    const words = bill('ny-s2887-2023.txt').split(/\s+/);
    const pages: string[][] = [];
    for (let p = 0, w = 0; p < 500; p++) {
      const lines: string[] = [];
      for (let l = 0; l < 50; l++) {
        let line = '';
        while (line.length < 70) line += `${words[w++ % words.length]} `;
        lines.push(line.trim());
      }
      pages.push(lines);
    }
    const pdf = BillReport.parse(await scoreBytes(makePdf({ pages }), 'big.pdf', rubric));
    expect(pdf).toMatchObject({ status: 'ok', format: 'pdf', pages: 500 });
    const twin = await scoreText(pages.map((lines) => lines.join('\n')).join('\f'));
    expect(twin.pages).toBe(500);
    expect(verdicts(pdf)).toEqual(verdicts(twin));
    expect(pdf.practices.some((p) => p.verdict === 'met')).toBe(true);
  }, 240_000);

  it('an endless input (/dev/zero) stops at the size limit with error too-large', () => {
    const r = runCli(['/dev/zero', '-f', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^billscore: \/dev\/zero is larger than \d+ MiB, more than any bill; check it is the right file/);
    expect(JSON.parse(r.stdout).bills[0].error.code).toBe('too-large');
  });

  it('bytes over the limit are refused before decoding', async () => {
    const r = await scoreBytes(Buffer.alloc(100 * 2 ** 20 + 1, 0x61), 'huge.txt', rubric);
    expect(r.error?.code).toBe('too-large');
  });
});

describe('pathological text is scored in seconds', () => {
  const real = bill('ny-s2887-2023.txt');

  it('hundreds of thousands of repeated keywords after a real bill leave its verdicts alone', async () => {
    const stuffed = `${real}\n${'qualified immunity shall not be a defense to liability under color of law; attorney fees '.repeat(300_000)}`;
    expect(verdicts(await scoreText(stuffed))).toEqual(verdicts(await scoreText(real)));
  }, 120_000);

  it('keyword stuffing across sections (every anchor in one section, its partner only in findings)', async () => {
    // Once quadratic: each of the anchors (capped at 20 000) rescanned every partner match.
    const n = 40_000;
    const text =
      'Be it enacted by the Senate and House.\nSEC. 2. LIABILITY.\n' +
      'Any person who under color of law acts is liable.\n'.repeat(n) +
      'SEC. 3. FINDINGS.\n' +
      'Congress finds immunity to any action under this act is bad.\n'.repeat(n);
    const r = await scoreText(text);
    expect(r.status).toBe('ok');
    expect(r.score!.total).toBe(0);
  }, 60_000);

  it('unbalanced brackets in a bill that strikes bracketed matter', async () => {
    const text = `Matter in brackets [ ] is old law to be omitted.\n${'[ ( { '.repeat(100_000)}\n${'] ) } '.repeat(50_000)}\n${'text [ more\n'.repeat(50_000)}${real}`;
    const r = await scoreText(text);
    expect(r.status).toBe('ok');
  }, 60_000);

  it('one line of a megabyte, then the bill, keeps the bill verdicts', async () => {
    const line = 'qualified immunity and rights secured by the constitution '.repeat(18_000);
    expect(line.length).toBeGreaterThan(MB);
    const r = await scoreText(`${real}\n${line}\n`);
    expect(verdicts(r)).toEqual(verdicts(await scoreText(real)));
    const spaceless = await scoreText(`${'x'.repeat(MB)}\n${real}`);
    expect(verdicts(spaceless)).toEqual(verdicts(await scoreText(real)));
  }, 60_000);

  it('a page full of form feeds (a hundred thousand empty pages) is one report', async () => {
    const raw = await parseBill(Buffer.from(`${real}${'\f'.repeat(100_000)}`), 'pages.txt');
    const r = BillReport.parse(scoreRaw(raw, rubric));
    expect(r).toMatchObject({ status: 'ok', pages: 100_001 });
  }, 60_000);
});
