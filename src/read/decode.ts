// Bytes to text: BOMs, UTF-16, and a Windows-1252 fallback for bytes that are not valid UTF-8.
import { isAscii, isUtf8 } from 'node:buffer';
import { BillscoreError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array, source: string): string {
  const text = decodeBytes(bytes);
  if (looksBinary(text)) throw notTextError(source);
  if (text.trim() === '') throw emptyError(source);
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The text's pages (split at form feeds) as lines (split at \n, \r\n or \r), as decodeText would give them.
 * Valid UTF-8 is decoded line by line: one non-Latin-1 character (’, —) makes V8 store a whole string at two bytes
 * a character, so a big bill as one string costs twice its lines, most of which stay one byte a character.
 */
export function decodeTextPages(bytes: Uint8Array, source: string): string[][] {
  const start = utf8BodyStart(bytes);
  if (start === null) return decodeText(bytes, source).split('\f').map((page) => page.split('\n'));
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start);
  if (utf8LooksBinary(body)) throw notTextError(source);
  const pages = splitLines(body);
  if (pages.every((lines) => lines.every((line) => line.trim() === ''))) throw emptyError(source);
  return pages;
}

/** Where the text of valid UTF-8 starts (after the BOMs decodeBytes and TextDecoder skip), or null for any other encoding. */
function utf8BodyStart(bytes: Uint8Array): number | null {
  let start = 0;
  if (hasUtf8Bom(bytes, 0)) start = hasUtf8Bom(bytes, 3) ? 6 : 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || guessBomlessUtf16(bytes)) return null;
  return isUtf8(bytes.subarray(start)) ? start : null;
}

function hasUtf8Bom(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}

// At most 3 bytes a UTF-16 unit: this prefix holds the 64 Ki units looksBinary samples, a cut sequence only after them.
const BINARY_SAMPLE_BYTES = 4 * 65536;
/** The characters looksBinary counts, as bytes: control characters and U+FFFD. */
const CONTROL_BYTE = /[\x00-\x08\x0e-\x1f]/;
const REPLACEMENT_BYTES = '\xef\xbf\xbd';

/** looksBinary of valid UTF-8: text with none of the characters it counts is text, found without decoding. */
function utf8LooksBinary(body: Buffer): boolean {
  const sample = body.toString('latin1', 0, Math.min(body.length, BINARY_SAMPLE_BYTES));
  if (!CONTROL_BYTE.test(sample) && !sample.includes(REPLACEMENT_BYTES)) return false;
  return looksBinary(body.toString('utf8', 0, Math.min(body.length, BINARY_SAMPLE_BYTES)));
}

/** Valid UTF-8 into pages of lines; \n, \r and \f never occur inside a multi-byte sequence. */
function splitLines(body: Buffer): string[][] {
  // Most files break lines at \n alone, which the native search finds far faster than a loop over the bytes.
  const nextBreak = body.includes(13) || body.includes(12) ? nextAnyBreak : nextLineFeed;
  // Counted first, so each page's array is allocated once: a page can have hundreds of thousands of lines.
  const lineCounts = [1];
  for (let i = nextBreak(body, 0); i >= 0; i = nextBreak(body, i + 1)) {
    if (body[i] === 13 && body[i + 1] === 10) i++;
    if (body[i] === 12) lineCounts.push(1);
    else lineCounts[lineCounts.length - 1]!++;
  }
  const pages = lineCounts.map((n) => new Array<string>(n));
  // ASCII, as most bills are, is its own Latin-1: copied, not decoded.
  const encoding = isAscii(body) ? 'latin1' : 'utf8';
  let page = 0;
  let line = 0;
  let lineStart = 0;
  // Each line a string of its own, not a slice of a whole-text string: slices cost a 30 MB bill 15 MB more at its peak.
  for (let i = nextBreak(body, 0); i >= 0; i = nextBreak(body, i + 1)) {
    const b = body[i];
    pages[page]![line++] = body.toString(encoding, lineStart, i);
    if (b === 13 && body[i + 1] === 10) i++;
    lineStart = i + 1;
    if (b === 12) {
      page++;
      line = 0;
    }
  }
  pages[page]![line] = body.toString(encoding, lineStart, body.length);
  return pages;
}

function nextLineFeed(body: Buffer, from: number): number {
  return body.indexOf(10, from);
}

/** The next line or page break (\n, \r or \f) at or after from, or -1. */
function nextAnyBreak(body: Buffer, from: number): number {
  for (let i = from; i < body.length; i++) {
    const b = body[i]!;
    if (b === 10 || b === 12 || b === 13) return i;
  }
  return -1;
}

function notTextError(source: string): BillscoreError {
  return new BillscoreError('not-text', `${source} is not a text or PDF file (it holds binary data); give billscore a .txt, .md or .pdf bill`, source);
}

export function emptyError(source: string): BillscoreError {
  return new BillscoreError('empty', `${source} is empty or only blank space; nothing to score (was it saved or downloaded completely?)`, source);
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const bomless16 = guessBomlessUtf16(bytes);
  if (bomless16) return new TextDecoder(bomless16).decode(bytes);
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Word and older state sites export Windows-1252, and pasted-together files mix it into UTF-8.
    return decodeUtf8OrWindows1252(bytes);
  }
}

// Bytes 0x80-0x9f: curly quotes, dashes, the euro sign. Node 20's TextDecoder('windows-1252') drops them, so they are mapped here.
// The five bytes Windows-1252 leaves undefined keep their Latin-1 (control) meaning.
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

/**
 * Each valid UTF-8 sequence as UTF-8, every other byte as Windows-1252. A whole Windows-1252 file decodes as
 * Windows-1252 (its high bytes rarely form valid UTF-8), and one stray byte in a UTF-8 file does not garble the rest.
 */
export function decodeUtf8OrWindows1252(bytes: Uint8Array): string {
  if (!hasUtf8Sequence(bytes)) return decodeWindows1252(bytes); // the common case, and fast: no per-byte strings
  const parts: string[] = [];
  let run = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : utf8SequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > run) parts.push(lenientUtf8(bytes.subarray(run, i)));
    parts.push(b < 0xa0 ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b));
    run = ++i;
  }
  if (bytes.length > run) parts.push(lenientUtf8(bytes.subarray(run)));
  return parts.join('');
}

function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0xc2 && utf8SequenceLength(bytes, i) > 0) return true;
  return false;
}

function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Length of the well-formed UTF-8 sequence at i (no overlongs or surrogates), or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const c = bytes[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const ok2 = b === 0xe0 ? cont(1, 0xa0) : b === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok2 && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const ok2 = b === 0xf0 ? cont(1, 0x90) : b === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok2 && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function lenientUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** UTF-16 without a BOM shows as a NUL in every other byte of ASCII text. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Text has no NULs and few control characters; anything else is a binary file with a text name. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 9 || (c > 13 && c < 32) || c === 0xfffd) && c !== 12) control++;
  }
  return control > Math.max(8, sample.length * 0.02);
}
