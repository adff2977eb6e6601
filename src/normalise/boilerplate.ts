// What real bill texts carry that is not the bill: running headers, footers, printer codes and the markup of amendments.
import { firstNonSpace } from './space.js';

/** Whole lines that are page furniture, not bill text, each with the characters it can start with after leading space. */
const FURNITURE_LINES: Array<{ starts: string; re: RegExp }> = [
  { starts: 'V', re: /^\s*VerDate\b.*\bJkt\b/ }, // GPO print header: "VerDate Sep 11 2014 01:11 Jun 02, 2025 Jkt 059200 PO 00000 Frm 00001 ..."
  {
    starts: '•●HS',
    re: /^\s*[•●]?\s*(?:H\.?\s?R\.?|S\.?|H\.?\s?RES\.?|S\.?\s?RES\.?|H\.?\s?J\.?\s?RES\.?|S\.?\s?J\.?\s?RES\.?|H\.?\s?CON\.?\s?RES\.?|S\.?\s?CON\.?\s?RES\.?)\s*\d+\s+[A-Z]{2,4}\s*$/, // "•HR 3602 IH"
  },
  { starts: 'P', re: /^\s*Page \d+ - \d+LR\d+\(\d+\)\s*$/ }, // Maine: "Page 1 - 130LR0198(01)"
  { starts: '0123456789', re: /^\s*\d{1,4}\s*$/ }, // a bare page or line number
  { starts: '_', re: /^\s*_{5,}\s*$/ }, // rules
  { starts: 'Ee', re: /^\s*EXPLANATION--Matter in/i }, // New York footer explaining its markup
  { starts: '[', re: /^\s*\[\s*\]\s*is old law to be omitted\.?\s*$/i },
  { starts: 'L', re: /^\s*LBD\d{5}-\d{2}-\d\s*$/ }, // New York drafting code
  { starts: '*', re: /^\s*\*\s*[A-Z]{1,3}\d{2,}\s*\*\s*$/ }, // barcodes
  { starts: 'E', re: /^\s*E:\\BILLS\\/ },
];

/** The furniture patterns by the character a line starts with after its leading space: most lines need none tried. */
const FURNITURE_BY_START = new Map<string, RegExp[]>();
for (const { starts, re } of FURNITURE_LINES) for (const c of starts) FURNITURE_BY_START.set(c, [...(FURNITURE_BY_START.get(c) ?? []), re]);

/** Furniture fused to the start of a line by text extraction: "Page 1 - 130LR0198(01)1Be it enacted". */
const FURNITURE_PREFIXES: RegExp[] = [/^\s*Page \d+ - \d+LR\d+\(\d+\)/];

/** A line without page furniture: null when the whole line is furniture, else the line less any furniture prefix. */
export function withoutFurniture(line: string): string | null {
  // Patterns are tried only for the character the line starts with: most lines need none.
  const first = line.charAt(firstNonSpace(line));
  const patterns = FURNITURE_BY_START.get(first);
  if (patterns !== undefined && patterns.some((re) => re.test(line))) return null;
  if (first !== 'P') return line; // what every prefix starts with
  for (const re of FURNITURE_PREFIXES) {
    const m = re.exec(line);
    if (m) return line.slice(m[0].length);
  }
  return line;
}

/**
 * Bills that mark deletions with brackets say so ("matter in brackets [ ] is old law to be omitted",
 * "[bracketed material] = delete"); only then is bracketed text removed.
 */
export function marksDeletionsWithBrackets(text: string): boolean {
  return BRACKETS_NOTICE.test(text);
}

const BRACKETS_NOTICE = /matter in brackets[\s\S]{0,40}(?:omitted|deleted|old law)|\[bracketed material\]\s*=\s*delete/i;
const BRACKETS_NOTICE_START = /matter in brackets|\[bracketed material\]/i;
const NOTICE_REACH = 66; // "matter in brackets" + 40 + "omitted"
const NOTICE_BATCH_LINES = 1000;

/**
 * The same test on a page given as lines, without joining them all: a notice starts on a line with its opening words
 * and ends within NOTICE_REACH characters, or (after "[bracketed material]") by the second non-blank line that follows.
 */
export function linesMarkDeletionsWithBrackets(lines: readonly string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    // Lines are first tried a batch at a time, joined (the opening words never span a line): a test per line cost more.
    if (i % NOTICE_BATCH_LINES === 0 && !BRACKETS_NOTICE_START.test(lines.slice(i, i + NOTICE_BATCH_LINES).join('\n'))) {
      i += NOTICE_BATCH_LINES - 1;
      continue;
    }
    if (!BRACKETS_NOTICE_START.test(lines[i]!)) continue;
    let window = lines[i]!;
    let nonBlank = 0;
    for (let j = i + 1; j < lines.length && (nonBlank < 2 || window.length < lines[i]!.length + NOTICE_REACH); j++) {
      window += `\n${lines[j]}`;
      if (lines[j]!.trim() !== '') nonBlank++;
    }
    if (BRACKETS_NOTICE.test(window)) return true;
  }
  return false;
}
