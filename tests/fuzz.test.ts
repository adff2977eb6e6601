// Property-based fuzzing of reader, normaliser and judge with random bytes and random mutations of real bills.
// Every case must: raise nothing but a BillscoreError with a user-facing code from the reader, nothing at all from the
// normaliser and judge, give a report valid against the BillReport schema, and give the same report when scored again.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BillscoreError } from '../src/errors.js';
import { BillReport } from '../src/model.js';
import { parseBill, type RawBill } from '../src/read/read.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreRaw } from '../src/score.js';
import { ENCODINGS } from './fixtures/encode.js';
import { makePdf } from './fixtures/make-pdf.js';

const rubric = loadRubric();
const SEEDS = ['co-crs-13-21-131-statute-partial.txt', 'ny-s2887-2023.txt', 'us-hr3602-119-ih.txt', 'me-ld748-131-introduced.txt'].map((f) =>
  readFileSync(new URL(`./fixtures/bills/${f}`, import.meta.url), 'utf8'),
);
/** Words the rubric and the normaliser react to, so mutations reach matchers, vetoes, sections and bracket removal. */
const TOKENS = [
  'qualified immunity', 'shall not be a defense', 'good faith', 'under color of law', 'attorney fees', 'SEC. 2. ', 'Sec. 3. FINDINGS.\n',
  '§ 4. ', 'Be it enacted', 'Resolved, That', '[', ']', '[[', ']]', 'matter in brackets [ ] is old law to be omitted', '(a) ', '1 ', '\n', '\r\n',
  '\r', '\f', '-\n', '``', "''", '“', '”', '\u00ad', '\u00a0', '\t', '.', '. ', '; ', 'U.S.C. 1983', '\ufeff', '\ufffd', '\u0000', '😀',
];
const USER_CODES = new Set(['empty', 'not-text', 'encrypted', 'corrupt-pdf', 'no-text-layer', 'too-large']);

/** Reads like the CLI does; only a BillscoreError with a user-facing code may come out. */
async function read(bytes: Uint8Array): Promise<RawBill | null> {
  try {
    return await parseBill(bytes, 'fuzz.txt');
  } catch (err) {
    expect(err).toBeInstanceOf(BillscoreError);
    expect(USER_CODES.has((err as BillscoreError).code), (err as Error).message).toBe(true);
    return null;
  }
}

/** Normalises and judges twice; scoreRaw turns an exception into an error report, which here is a failure. */
function judgeTwice(raw: RawBill) {
  const first = scoreRaw(raw, rubric, { explain: true });
  expect(first.error, first.error?.message).toBeUndefined();
  expect(BillReport.safeParse(first).success).toBe(true);
  expect(scoreRaw(raw, rubric, { explain: true })).toEqual(first);
}

async function readAndJudge(bytes: Uint8Array) {
  const raw = await read(bytes);
  if (raw) judgeTwice(raw);
}

type Op =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
// Truncation is rarer and keeps a good part of the text, or most cases would end up empty.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 20 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.nat(200) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 60 }), times: fc.integer({ min: 2, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0.3, max: 1, noNaN: true }) }) },
);

function mutate(text: string, ops: Op[]): string {
  for (const o of ops) {
    const at = Math.floor(o.at * text.length);
    if (o.kind === 'insert') text = text.slice(0, at) + o.text + text.slice(at);
    else if (o.kind === 'delete') text = text.slice(0, at) + text.slice(at + o.length);
    else if (o.kind === 'repeat') text = text.slice(0, at) + text.slice(at, at + o.length).repeat(o.times) + text.slice(at);
    else text = text.slice(0, at);
  }
  return text;
}

/** A window of a real bill (windows keep the runs fast; whole bills are covered elsewhere). */
const excerpt = fc
  .record({ seed: fc.nat(SEEDS.length - 1), start: position, length: fc.integer({ min: 200, max: 3000 }) })
  .map(({ seed, start, length }) => {
    const text = SEEDS[seed]!;
    const from = Math.floor(start * Math.max(0, text.length - length));
    return text.slice(from, from + length);
  });

const encodeAs = (text: string, encoding: string | null): Buffer => {
  if (encoding === null) return Buffer.from(text, 'utf8');
  try {
    return ENCODINGS[encoding]!(text);
  } catch {
    return Buffer.from(text, 'utf8'); // a character Windows-1252 cannot hold
  }
};

describe('fuzz: reader, normaliser and judge', () => {
  it('random bytes', async () => {
    // Without NULs and mostly printable, random bytes get past binary detection into decoding and judging.
    const textish = fc.array(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 32, max: 126 }) }, fc.integer({ min: 1, max: 255 })), { maxLength: 3000 });
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 3000 }), textish.map((b) => Uint8Array.from(b)));
    await fc.assert(fc.asyncProperty(bytes, readAndJudge), { numRuns: 1000 });
  }, 60_000);

  it('random mutations of real bills, in any encoding', async () => {
    const encodings = fc.constantFrom(null, ...Object.keys(ENCODINGS));
    await fc.assert(
      fc.asyncProperty(excerpt, fc.array(op, { maxLength: 8 }), encodings, (text, ops, enc) => readAndJudge(encodeAs(mutate(text, ops), enc))),
      { numRuns: 1200 },
    );
  }, 120_000);

  it('random text straight to the normaliser and judge, split into pages', async () => {
    const piece = fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));
    const page = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
    await fc.assert(
      fc.property(fc.array(page, { minLength: 1, maxLength: 4 }), (pages) => judgeTwice({ source: 'fuzz', format: 'text', pages })),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('corrupted PDFs: a clear PDF error or a scored bill, never anything else', async () => {
    const lines = SEEDS[0]!.split('\n').filter((l) => l.trim()).slice(0, 12).map((l) => l.slice(0, 80));
    const pdf = makePdf({ pages: [lines, lines.slice(3)] });
    // Damage after the "%PDF-1.4" header, so every case is read as a PDF.
    const offset = fc.integer({ min: 9, max: pdf.length - 1 });
    const damage = fc.array(fc.record({ at: offset, byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(damage, offset, fc.boolean(), async (flips, cut, truncate) => {
        const bytes = Buffer.from(pdf);
        for (const f of flips) bytes[f.at] = f.byte;
        await readAndJudge(truncate ? bytes.subarray(0, cut) : bytes);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
