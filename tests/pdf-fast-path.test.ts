// The fast PDF path (src/read/fast-pdf.ts) must give exactly the page texts pdf.js gives, and hand anything outside its
// subset to pdf.js.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
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

  it('reads random PDFs within its subset (fonts, strings, TJ spacing, text state, matrices, Flate) exactly as pdf.js does', async () => {
    let read = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = new Uint8Array(randomPdf(seed));
      const fast = fastExtractPages(bytes);
      if (fast === null) continue;
      read++;
      expect(fast, `seed ${seed}`).toEqual(await viaPdfJs(bytes));
    }
    expect(read).toBeGreaterThan(30);
  });

  it('reads long strings and TJ arrays, and the pages after them, exactly as pdf.js does', async () => {
    const words = Array.from({ length: 30000 }, (_, i) => ['lorem', 'ipsum', '\\200sit', 'am\\351t'][i % 4]).join(' ');
    const tj = `[${Array.from({ length: 3000 }, (_, i) => `(w${i}) ${i % 7 === 0 ? 0 : -(i % 500)}`).join(' ')}] TJ`;
    const hex = Buffer.from('Hello world, again. '.repeat(20000), 'latin1').toString('hex');
    const after = 'BT /F1 10 Tf 72 700 Td (after) Tj 0 -12 Td [(A) -300 (B) 0 (C)] TJ ET';
    for (const content of [`BT /F1 10 Tf 0.5 0 0 0.5 10 700 Tm (${words}) Tj ET`, `BT /F1 10 Tf 1 Tc 72 700 Td ${tj} ET`, `BT /F1 4 Tf 10 700 Td <${hex}> Tj ET`]) {
      const bytes = new Uint8Array(pdfWithContents([content, after]));
      const fast = fastExtractPages(bytes);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(await viaPdfJs(bytes));
    }
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

/** A PDF whose pages have the given content streams, with the font /F1 (WinAnsi Helvetica unless told otherwise). */
function pdfWithContents(contents: string[], fonts = ['/Helvetica /Encoding /WinAnsiEncoding'], flate: boolean[] = []): Buffer {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  for (const f of fonts) objs.push(`<< /Type /Font /Subtype /Type1 /BaseFont ${f} >>`);
  const fontDict = fonts.map((_, i) => `/F${i + 1} ${i + 3} 0 R`).join(' ');
  const kids: number[] = [];
  contents.forEach((c, i) => {
    if (flate[i]) {
      const z = deflateSync(Buffer.from(c, 'latin1'));
      objs.push(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n${z.toString('latin1')}\nendstream`);
    } else objs.push(`<< /Length ${Buffer.byteLength(c, 'latin1')} >>\nstream\n${c}\nendstream`);
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${objs.length} 0 R /Resources << /Font << ${fontDict} >> >> >>`);
    kids.push(objs.length);
  });
  objs[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const BASE_FONTS = ['Helvetica', 'Helvetica-Bold', 'Times-Roman', 'Times-Italic', 'Courier', 'Courier-BoldOblique'];

/** A random PDF (the same for the same seed) made of what the fast path reads: text operators of every kind. */
function randomPdf(seed: number): Buffer {
  let state = seed;
  const rnd = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(a: T[]): T => a[int(a.length)]!;
  const numText = (lo: number, hi: number): string => {
    const v = lo + rnd() * (hi - lo);
    return pick([String(Math.round(v)), v.toFixed(int(4)), `${Math.round(v)}.`, String(Math.round(v * 1000) / 1000)]);
  };
  const pdfString = (): string => {
    const bytes = Array.from({ length: int(30) }, () => {
      const x = rnd();
      return x < 0.15 ? 32 : x < 0.8 ? 97 + int(26) : x < 0.9 ? 33 + int(94) : 128 + int(128);
    });
    if (rnd() < 0.5) return `<${Buffer.from(bytes).toString('hex')}>`;
    return `(${bytes.map((b) => (b === 0x28 || b === 0x29 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b >= 128 && rnd() < 0.5 ? `\\${b.toString(8)}` : String.fromCharCode(b))).join('')})`;
  };
  const nFonts = 1 + int(3);
  const fonts = Array.from({ length: nFonts }, () => `/${pick(BASE_FONTS)}${rnd() < 0.6 ? ' /Encoding /WinAnsiEncoding' : ''}`);
  const matrix = (): string =>
    pick([
      `1 0 0 1 ${numText(0, 500)} ${numText(50, 750)}`,
      `0 1 -1 0 ${numText(100, 500)} ${numText(50, 700)}`,
      `-1 0 0 -1 ${numText(100, 600)} ${numText(100, 750)}`,
      `${numText(0.3, 2)} 0 0 ${numText(0.3, 2)} ${numText(0, 300)} ${numText(50, 700)}`,
      `0.866 0.5 -0.5 0.866 ${numText(50, 300)} ${numText(100, 600)}`,
      '1 0 0 -1 0 792',
    ]);
  const contents: string[] = [];
  const flate: boolean[] = [];
  for (let p = 0, pages = 1 + int(3); p < pages; p++) {
    const ops = [`BT /F1 ${pick(['9', '10.5', '12'])} Tf 72 700 Td`];
    let depth = 0;
    for (let i = 0, n = 20 + int(80); i < n; i++) {
      const x = rnd();
      if (x < 0.05 && depth < 4) {
        ops.push('q');
        depth++;
      } else if (x < 0.1 && depth > 0) {
        ops.push('Q');
        depth--;
      } else if (x < 0.13) ops.push(`${matrix()} cm`);
      else if (x < 0.17) ops.push(pick(['ET BT', 'BT', 'ET']));
      else if (x < 0.23) ops.push(`/F${1 + int(nFonts)} ${pick(['8', '10', '11.5', numText(4, 24)])} Tf`);
      else if (x < 0.28) ops.push(`${matrix()} Tm`);
      else if (x < 0.36) ops.push(`${numText(-20, 150)} ${numText(-30, 10)} ${pick(['Td', 'Td', 'TD'])}`);
      else if (x < 0.4) ops.push(pick(['T*', `${numText(8, 16)} TL`]));
      else if (x < 0.45) ops.push(`${pick(['0', numText(-1, 3)])} ${pick(['Tc', 'Tw'])}`);
      else if (x < 0.47) ops.push(`${pick(['100', numText(60, 140)])} Tz`);
      else if (x < 0.49) ops.push(`${pick(['0', numText(-4, 4)])} Ts`);
      else if (x < 0.65) ops.push(`${pdfString()} Tj`);
      else if (x < 0.82) {
        const parts = Array.from({ length: 1 + int(6) }, () => `${pdfString()} ${pick(['0', numText(-300, 300), numText(-1200, -200)])}`);
        ops.push(`[${parts.join(' ')}] TJ`);
      } else if (x < 0.86) ops.push(`${pdfString()} '`);
      else if (x < 0.88) ops.push(`${numText(-1, 2)} ${numText(-1, 1)} ${pdfString()} "`);
      else if (x < 0.92) ops.push(pick(['0 0 m 10 10 l S', '1 0 0 rg', '0.5 g', '/DeviceRGB cs 0 0 0 scn', '10 10 100 100 re f']));
      else ops.push(pick(['/Span BMC', '/P << /MCID 3 >> BDC', 'EMC']));
    }
    while (depth-- > 0) ops.push('Q');
    contents.push(ops.join(pick(['\n', ' ', '\r\n'])));
    flate.push(rnd() < 0.5);
  }
  return pdfWithContents(contents, fonts, flate);
}
