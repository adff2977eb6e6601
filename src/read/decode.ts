// Bytes to text: BOMs, UTF-16, and a Windows-1252 fallback for bytes that are not valid UTF-8.
import { BillscoreError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array, source: string): string {
  const text = decodeBytes(bytes);
  if (looksBinary(text)) {
    throw new BillscoreError('not-text', `${source} is not a text or PDF file (it holds binary data); give billscore a .txt, .md or .pdf bill`, source);
  }
  if (text.trim() === '') throw emptyError(source);
  return text.replace(/\r\n?/g, '\n');
}

export function emptyError(source: string): BillscoreError {
  return new BillscoreError('empty', `${source} is empty or only blank space; nothing to score (was it saved or downloaded completely?)`, source);
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return lenientUtf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const bomless16 = guessBomlessUtf16(bytes);
  if (bomless16) return new TextDecoder(bomless16).decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    // Word and older state sites export Windows-1252; it is a superset of Latin-1 for printable text.
    return decodeWindows1252(bytes);
  }
}

// Bytes 0x80-0x9f: curly quotes, dashes, the euro sign. Node 20's TextDecoder('windows-1252') drops them, so they are mapped here.
// The five bytes Windows-1252 leaves undefined keep their Latin-1 (control) meaning.
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
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
