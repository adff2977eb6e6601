// The fast PDF path (src/read/fast-pdf.ts) must give exactly the page texts pdf.js gives, and hand anything outside its
// subset to pdf.js.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BillscoreError } from '../src/errors.js';
import { fastExtractPages } from '../src/read/fast-pdf.js';
import { extractPages } from '../src/read/pdf-worker.js';
import { parseBill } from '../src/read/read.js';
import { makePdf } from './fixtures/make-pdf.js';
import { CORPUS, runCli } from './helpers/run-cli.js';

const SAMPLES = new URL('../samples/', import.meta.url).pathname;
const FIXTURE_PDFS = new URL('./fixtures/pdf/', import.meta.url).pathname;

/** pdf.js's page texts, with the fast path switched off the way a user would. */
async function viaPdfJs(bytes: Uint8Array): Promise<string[]> {
  process.env.BILLSCORE_PDF_FAST = '0';
  try {
    return await extractPages(new Uint8Array(bytes));
  } finally {
    delete process.env.BILLSCORE_PDF_FAST;
  }
}

afterEach(() => {
  delete process.env.BILLSCORE_PDF_FAST;
});

const realPdfs = [
  ...readdirSync(CORPUS).filter((f) => f.endsWith('.pdf')).map((f) => join(CORPUS, f)),
  ...readdirSync(SAMPLES).filter((f) => f.endsWith('.pdf')).map((f) => join(SAMPLES, f)),
];

describe('fast PDF path', () => {
  it.each(realPdfs)('reads %s itself, exactly as pdf.js does', async (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const fast = fastExtractPages(bytes);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await viaPdfJs(bytes));
  });

  it('reads PDFs built with many pages, odd characters and an image-only page exactly as pdf.js does', async () => {
    const lines = ['SEC. 2. (a) It shall not be a defense — “qualified immunity” — to any claim.', 'Tab\there, café, § 1983, ½ (x) [y] {z} \\ \u00a0end', ''];
    const bytes = new Uint8Array(makePdf({ pages: [lines, null, lines.slice(0, 1), Array.from({ length: 60 }, (_, i) => `line ${i}`)] }));
    const fast = fastExtractPages(bytes);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await viaPdfJs(bytes));
  });

  it('leaves a locked, damaged or differently built PDF to pdf.js', () => {
    const plain = makePdf({ pages: [['one line']] });
    expect(fastExtractPages(new Uint8Array(makePdf({ pages: [['one line']], encrypted: true })))).toBeNull();
    expect(fastExtractPages(new Uint8Array(plain.subarray(0, plain.length - 40)))).toBeNull();
    // An embedded font program is pdf.js's to interpret.
    const embedded = Buffer.from(plain.toString('latin1').replace('/BaseFont /Helvetica', '/BaseFont /Helvetica /FontDescriptor 99 0 R'), 'latin1');
    expect(fastExtractPages(new Uint8Array(embedded))).toBeNull();
  });

  it('gives a damaged PDF the same outcome either way', async () => {
    const plain = makePdf({ pages: [['one line', 'two lines']] });
    const damaged = Buffer.from(plain);
    damaged.write('xx', Math.floor(plain.length / 2), 'latin1');
    const outcome = async () => {
      try {
        return (await parseBill(new Uint8Array(damaged), 'damaged.pdf')).pages;
      } catch (err) {
        return (err as BillscoreError).code;
      }
    };
    const fast = await outcome();
    process.env.BILLSCORE_PDF_FAST = '0';
    expect(fast).toEqual(await outcome());
  });

  it('reports a page pdf.js trips over after reading it the same way every time, in a batch too', async () => {
    // pdf.js leaves a rejected promise of its own behind on this file; it must neither crash a thread nor change the outcome.
    const file = join(FIXTURE_PDFS, 'damaged-leaves-rejection.pdf');
    await expect(parseBill(new Uint8Array(readFileSync(file)), file)).rejects.toMatchObject({ code: 'no-text-layer' });
    for (let i = 0; i < 3; i++) {
      const r = runCli(['--format', 'json', '-j', '2', file, join(CORPUS, 'us-hr3602-119-ih.pdf')]);
      const bills = JSON.parse(r.stdout).bills as Array<{ status: string; error?: { code: string } }>;
      expect(bills.map((b) => b.error?.code ?? b.status)).toEqual(['ok', 'no-text-layer']);
    }
  });
});
