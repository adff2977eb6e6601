// Text files are decoded line by line to save memory; every split must equal decoding the whole text, then splitting it.
import { describe, expect, it } from 'vitest';
import { linesMarkDeletionsWithBrackets, marksDeletionsWithBrackets } from '../src/normalise/boilerplate.js';
import { decodeText, decodeTextPages } from '../src/read/decode.js';

const wholeThenSplit = (bytes: Uint8Array) => decodeText(bytes, 'x.txt').split('\f').map((page) => page.split('\n'));
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

describe('decodeTextPages', () => {
  it.each([
    ['plain lines', 'Sec. 1. A bill\nto end it.\n'],
    ['CRLF, lone CR and LF mixed', 'a\r\nb\rc\n\r\nd\r'],
    ['form feeds next to line ends', 'page one\r\fpage two\n\fthree\f'],
    ['curly quotes and dashes', 'the officer’s defence — “qualified immunity”\n§ 13-21-131'],
    ['a line of only a non-Latin-1 character', '—\n\n—\n'],
    ['astral characters', 'a 𝒜 b\n𝒜'],
  ])('%s', (_name, text) => {
    for (const bytes of [Buffer.from(text), Buffer.concat([bom, Buffer.from(text)]), Buffer.concat([bom, bom, Buffer.from(text)])]) {
      expect(decodeTextPages(bytes, 'x.txt')).toEqual(wholeThenSplit(bytes));
    }
  });

  it('falls back to the whole text for Windows-1252 and UTF-16', () => {
    const cp1252 = Buffer.from([0x93, 0x61, 0x94, 0x0d, 0x0a, 0x62]);
    expect(decodeTextPages(cp1252, 'x.txt')).toEqual([['“a”', 'b']]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a’\r\nb', 'utf16le')]);
    expect(decodeTextPages(utf16, 'x.txt')).toEqual([['a’', 'b']]);
  });

  it.each([
    ['a few control characters', 'Sec. 1.\u0001 A bill\u001b to end it.\n'.repeat(4)],
    ['many control characters', 'a\u0001b\u0002\n'.repeat(20)],
    ['many replacement characters', 'the officer\ufffds defence\ufffd\n'.repeat(20)],
    ['controls only past the sample', 'x'.repeat(4 * 65536) + '\u0001\u0002'.repeat(100)],
  ])('calls %s binary or not as decodeText does', (_name, text) => {
    const verdict = (decode: () => unknown) => {
      try {
        decode();
        return 'text';
      } catch (err) {
        return (err as Error).message;
      }
    };
    const bytes = Buffer.from(text);
    expect(verdict(() => decodeTextPages(bytes, 'x.txt'))).toBe(verdict(() => decodeText(bytes, 'x.txt')));
  });

  it('refuses blank and binary text as decodeText does', () => {
    expect(() => decodeTextPages(Buffer.from(' \r\n\f\t\n'), 'x.txt')).toThrow(/empty or only blank/);
    expect(() => decodeTextPages(Buffer.concat([bom, Buffer.from('\n')]), 'x.txt')).toThrow(/empty or only blank/);
    expect(() => decodeTextPages(Buffer.from('ab\u0000cd'), 'x.txt')).toThrow(/not a text or PDF file/);
  });
});

describe('linesMarkDeletionsWithBrackets', () => {
  it.each([
    'EXPLANATION--Matter in italics is new; matter in brackets [ ] is old law to be omitted.',
    'matter in brackets\n\n[ ]\nis old law\nto be omitted',
    'MATTER IN BRACKETS (like this) deleted',
    '[bracketed material] = delete',
    '[Bracketed material]\n\n\n=\n\n\ndelete',
    '[bracketed material] =\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\ndelete',
    '[bracketed material]\n=\nkeep\ndelete',
    'matter in brackets' + ' x'.repeat(30) + ' omitted',
    'matter in brackets\n' + 'x\n'.repeat(19) + 'omitted',
    'matter in brackets\n' + 'x\n'.repeat(21) + 'omitted',
    'nothing to see here',
  ])('%j', (page) => {
    expect(linesMarkDeletionsWithBrackets(page.split('\n'))).toBe(marksDeletionsWithBrackets(page));
  });

  it('finds a notice on any line, across the batches of lines it tries at once', () => {
    for (const n of [999, 1000, 1001, 2999]) {
      const page = 'x\n'.repeat(n) + 'matter in brackets [ ] is old law to be omitted';
      expect(linesMarkDeletionsWithBrackets(page.split('\n')), `after ${n} lines`).toBe(true);
    }
  });
});
