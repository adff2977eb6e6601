// What real bill texts carry that is not the bill: running headers, footers, printer codes and the markup of amendments.

/** Whole lines that are page furniture, not bill text. */
const FURNITURE_LINES: RegExp[] = [
  /^\s*VerDate\b.*\bJkt\b/, // GPO print header: "VerDate Sep 11 2014 01:11 Jun 02, 2025 Jkt 059200 PO 00000 Frm 00001 ..."
  /^\s*[•●]?\s*(?:H\.?\s?R\.?|S\.?|H\.?\s?RES\.?|S\.?\s?RES\.?|H\.?\s?J\.?\s?RES\.?|S\.?\s?J\.?\s?RES\.?|H\.?\s?CON\.?\s?RES\.?|S\.?\s?CON\.?\s?RES\.?)\s*\d+\s+[A-Z]{2,4}\s*$/, // "•HR 3602 IH"
  /^\s*Page \d+ - \d+LR\d+\(\d+\)\s*$/, // Maine: "Page 1 - 130LR0198(01)"
  /^\s*\d{1,4}\s*$/, // a bare page or line number
  /^\s*_{5,}\s*$/, // rules
  /^\s*EXPLANATION--Matter in/i, // New York footer explaining its markup
  /^\s*\[\s*\]\s*is old law to be omitted\.?\s*$/i,
  /^\s*LBD\d{5}-\d{2}-\d\s*$/, // New York drafting code
  /^\s*\*\s*[A-Z]{1,3}\d{2,}\s*\*\s*$/, // barcodes
  /^\s*E:\\BILLS\\/,
];

/** What every furniture line starts with after its leading space: a line starting with anything else is not furniture. */
const FURNITURE_START = /^[\s•●VHSP\d_Ee[L*]/;

/** Furniture fused to the start of a line by text extraction: "Page 1 - 130LR0198(01)1Be it enacted". */
const FURNITURE_PREFIXES: RegExp[] = [/^\s*Page \d+ - \d+LR\d+\(\d+\)/];

export function isFurniture(line: string): boolean {
  // One test rules out most lines, instead of a test of each pattern.
  return FURNITURE_START.test(line) && FURNITURE_LINES.some((re) => re.test(line));
}

export function stripFurniturePrefix(line: string): string {
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

/**
 * The same test on a page given as lines, without joining them all: a notice starts on a line with its opening words
 * and ends within NOTICE_REACH characters, or (after "[bracketed material]") by the second non-blank line that follows.
 */
export function linesMarkDeletionsWithBrackets(lines: readonly string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
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
