// A source line as it stands in the clean text: straight quotes, plain spaces, one byte a character where it can be.
import { narrowCode } from './narrow.js';
import { isSpace } from './space.js';

/** Straight quotes, plain spaces, GPO ``quotes''. Keeps length-independent meaning; evidence is compared word-wise. */
export function tidy(line: string): string {
  return NON_ASCII.test(line) ? tidyWide(line) : tidyAscii(line);
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * An ASCII line, which most are: of tidy's passes only GPO quotes, tabs, runs of spaces and the ends can change it
 * (and narrowing nothing), so each pass runs only when its characters are there.
 */
function tidyAscii(line: string): string {
  let tidied = line;
  if (tidied.includes('``') || tidied.includes("''")) tidied = tidied.replace(/``|''/g, '"');
  if (tidied.includes('\t')) tidied = tidied.replace(/\t/g, ' ');
  if (tidied.includes('  ')) tidied = tidied.replace(/ {2,}/g, ' ');
  return tidied.trim();
}

/**
 * A line with other characters, in one walk instead of a pass each (those lines are few but long), doing in order what
 * these would: ``, '', ‘‘, ’’ and “”„‟ to "; the other ‘’‛ to '; odd spaces and tabs to a space; soft hyphens dropped;
 * runs of spaces made one; the ends trimmed; then narrowText. Built from character codes, the result is a one-byte
 * string whenever it can be, however V8 stored the line.
 */
function tidyWide(line: string): string {
  const codes = scratchFor(line.length);
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i);
    if (c === 0x60 || c === 0x27 || c === 0x2018 || c === 0x2019) {
      if (line.charCodeAt(i + 1) === c) {
        c = 0x22;
        i++;
      } else if (c >= 0x2018) c = 0x27;
    } else if (c >= 0x201c && c <= 0x201f) c = 0x22;
    else if (c === 0x201b) c = 0x27;
    else if (c === 0x09 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000) c = 0x20;
    else if (c === 0xad) continue;
    if (c === 0x20 && n > 0 && codes[n - 1] === 0x20) continue;
    if (n === 0 && isSpace(c)) continue;
    codes[n++] = narrowCode(c); // never a space, nor made one: trimming before narrowing or after is alike
  }
  while (n > 0 && isSpace(codes[n - 1]!)) n--;
  return stringOf(codes, n);
}

let scratch = new Uint16Array(1024);

/** Room for a line's codes; kept for the next line unless the line was unusually long. */
function scratchFor(length: number): Uint16Array {
  if (length <= scratch.length) return scratch;
  const codes = new Uint16Array(length);
  if (length <= 65536) scratch = codes;
  return codes;
}

/** The string of the first `length` codes, in pieces: a call takes only so many arguments. */
function stringOf(codes: Uint16Array, length: number): string {
  let text = '';
  for (let at = 0; at < length; at += 8192) text += String.fromCharCode.apply(null, codes.subarray(at, Math.min(length, at + 8192)) as unknown as number[]);
  return text;
}
