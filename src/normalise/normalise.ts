// Raw page texts to one BillDocument: clean flowing text whose every character still knows its page and line.
import type { Page, RawBill } from '../read/read.js';
import { linesMarkDeletionsWithBrackets, marksDeletionsWithBrackets, withoutFurniture } from './boilerplate.js';
import { findSections, findEnactingClause, type Section } from './sections.js';
import { splitSentences, type Sentence } from './sentences.js';
import { firstNonSpace } from './space.js';
import { tidy } from './tidy.js';

/** A run of the clean text that comes from one place in the source, unchanged but for whitespace and quote marks. */
export interface Segment {
  start: number;
  end: number;
  page: number;
  line: number;
}

/**
 * The segments of a document, packed four numbers each: a 30 MB bill has hundreds of thousands of them,
 * which as objects cost several times the memory.
 */
export class SegmentMap {
  private data: Int32Array;
  private count = 0;

  /** Room for about as many segments as the source has lines, so a big bill's map is not regrown and copied. */
  constructor(expected = 1024) {
    this.data = new Int32Array(4 * Math.max(expected, 16));
  }

  get length(): number {
    return this.count;
  }

  at(index: number): Segment | undefined {
    if (index < 0 || index >= this.count) return undefined;
    const d = this.data;
    const i = index * 4;
    return { start: d[i]!, end: d[i + 1]!, page: d[i + 2]!, line: d[i + 3]! };
  }

  push(start: number, end: number, page: number, line: number): void {
    if ((this.count + 1) * 4 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const i = this.count++ * 4;
    this.data[i] = start;
    this.data[i + 1] = end;
    this.data[i + 2] = page;
    this.data[i + 3] = line;
  }

  /** Moves the end of the last segment (a line-end hyphen dropped from the text). */
  setLastEnd(end: number): void {
    if (this.count > 0) this.data[(this.count - 1) * 4 + 1] = end;
  }

  /** Index of the segment holding a clean-text offset (or the nearest one after it). */
  indexAt(offset: number): number {
    const d = this.data;
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (offset < d[mid * 4]!) hi = mid - 1;
      else if (offset >= d[mid * 4 + 1]!) lo = mid + 1;
      else return mid;
    }
    return Math.min(lo, this.count - 1);
  }
}

export interface BillDocument {
  source: string;
  format: 'text' | 'pdf';
  pages: number;
  text: string;
  segments: SegmentMap;
  sections: Section[];
  sentences: Sentence[];
  /** Offset where the enacting clause ("Be it enacted …") starts; text before it is the title and preamble. */
  enactedAt: number | null;
}

export function normalise(raw: RawBill): BillDocument {
  // Lines are cleaned and joined one at a time, so a 30 MB bill is never held twice as line objects.
  const assembler = new TextAssembler(new Vocabulary(raw.pages), countLines(raw.pages));
  cleanLines(raw.pages, assembler);
  const { text, segments, lineStarts } = assembler.finish();
  const sections = findSections(text, lineStarts);
  const enactedAt = findEnactingClause(text);
  return {
    source: raw.source,
    format: raw.format,
    pages: raw.pages.length,
    text,
    segments,
    sections,
    sentences: splitSentences(text, sections, enactedAt),
    enactedAt,
  };
}

/** Hands each source line's clean pieces (struck matter removed, tidied) to `out`, furniture and margin numbers dropped. */
function cleanLines(pages: Page[], out: TextAssembler): void {
  const dropBrackets = pages.some((page) => (typeof page === 'string' ? marksDeletionsWithBrackets(page) : linesMarkDeletionsWithBrackets(page)));
  const margin = { last: 0, onPage: 0 };
  let bracketDepth = 0;
  let linesInBracket = 0;
  for (let pageIndex = 0; pageIndex < pages.length; pageIndex++) {
    const page = pages[pageIndex]!;
    const numbered = hasMarginNumbers(linesOf(page), margin.last);
    margin.onPage = 0;
    let lineIndex = -1;
    for (const rawLine of linesOf(page)) {
      lineIndex++;
      let line = withoutFurniture(rawLine);
      if (line === null) continue;
      if (numbered) line = stripMarginNumber(line, margin);
      out.beginLine(pageIndex + 1, lineIndex + 1);
      if (!dropBrackets) {
        out.addPiece(tidy(line));
        continue;
      }
      const cut = removeBracketed(line, bracketDepth);
      linesInBracket = cut.depth > 0 ? linesInBracket + 1 : 0;
      // A stray "[" must not swallow the rest of the bill: struck matter rarely runs past a few lines.
      bracketDepth = linesInBracket > MAX_STRUCK_LINES ? 0 : cut.depth;
      for (const piece of cut.pieces) out.addPiece(tidy(piece));
    }
  }
}

/** Source lines in all pages: no more lines than this reach the clean text. */
function countLines(pages: Page[]): number {
  let count = 0;
  for (const page of pages) {
    if (typeof page !== 'string') {
      count += page.length;
      continue;
    }
    count++;
    for (let at = page.indexOf('\n'); at >= 0; at = page.indexOf('\n', at + 1)) count++;
  }
  return count;
}

/** A page's lines, as split('\n') would give them; from a page text one at a time, as an array of them all is large. */
function linesOf(page: Page): Iterable<string> {
  return typeof page === 'string' ? linesOfText(page) : page;
}

function* linesOfText(page: string): Generator<string> {
  let start = 0;
  for (let end = page.indexOf('\n'); end >= 0; end = page.indexOf('\n', start)) {
    yield page.slice(start, end);
    start = end + 1;
  }
  yield page.slice(start);
}

const MAX_STRUCK_LINES = 40;

/** What may follow a margin number that stands alone: space, a letter, or what opens a heading or a quotation. */
const AFTER_MARGIN = /[\sA-Za-z(§"'“‘`[]/y;
/** What follows a margin number fused to a subsection number: the rest of the enumerator ("6.") and a space. */
const ENUMERATOR_END = /[.)]\s/y;

/**
 * A margin number is the next in a running sequence (or a restart at 1). It may be fused to the text
 * ("2Sec. 1.", "12SUMMARY", or "36. Qualified" = margin 3 + subsection 6.), but never followed by "." or ")"
 * itself: "1. Short title" is a numbered heading, not line 1.
 */
function marginCandidate(line: string, last: number, mayRestart: boolean): number | null {
  // One to four digits after any leading space, and no more: "12345" is no margin number.
  const start = firstNonSpace(line);
  let end = start;
  while (end < line.length && end - start <= 4 && isDigit(line.charCodeAt(end))) end++;
  if (end === start || end - start > 4) return null;
  const digits = line.slice(start, end);
  for (const expected of mayRestart ? [last + 1, 1] : [last + 1]) {
    const want = String(expected);
    if (digits === want) {
      if (end < line.length && !matchesAt(AFTER_MARGIN, line, end)) continue;
      return expected;
    }
    // Fused to a subsection number: the digits left over must themselves be an enumerator ("6.").
    if (digits.startsWith(want) && matchesAt(ENUMERATOR_END, line, end)) return expected;
  }
  return null;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether a sticky pattern matches at `index`. */
function matchesAt(sticky: RegExp, text: string, index: number): boolean {
  sticky.lastIndex = index;
  return sticky.test(text);
}

function hasMarginNumbers(lines: Iterable<string>, last: number): boolean {
  let hits = 0;
  let nonBlank = 0;
  let seq = last;
  for (const line of lines) {
    if (firstNonSpace(line) === line.length) continue;
    const text = withoutFurniture(line);
    if (text === null) continue;
    nonBlank++;
    const n = marginCandidate(text, seq, hits === 0);
    if (n !== null) {
      hits++;
      seq = n;
    }
  }
  // A cover page can outnumber the numbered lines, so a long run counts even when it is a minority.
  return hits >= 5 || (hits >= 3 && hits >= nonBlank * 0.4);
}

/** Numbering restarts at 1 only before the first numbered line of a page (GPO restarts per page; Maine runs on). */
function stripMarginNumber(line: string, margin: { last: number; onPage: number }): string {
  const n = marginCandidate(line, margin.last, margin.onPage === 0);
  if (n === null) return line;
  margin.last = n;
  margin.onPage++;
  const at = line.indexOf(String(n));
  return line.slice(at + String(n).length);
}

/** Removes [struck matter], which may run across lines; returns what is left as separate pieces. */
function removeBracketed(line: string, depth: number): { pieces: string[]; depth: number } {
  // Most lines hold no bracket: keep the line itself rather than build a char-by-char copy of every line.
  if (depth === 0 && !line.includes('[')) return { pieces: line ? [line] : [], depth };
  const pieces: string[] = [];
  let current = '';
  for (const ch of line) {
    if (ch === '[') {
      if (depth === 0 && current) {
        pieces.push(current);
        current = '';
      }
      depth++;
    } else if (ch === ']' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      current += ch;
    }
  }
  if (current) pieces.push(current);
  return { pieces, depth };
}

/**
 * The bill's words (runs of letters, joined by single hyphens), asked about only when a line ends in a hyphen: its
 * hyphenated words are gathered on the first question, and a plain word is looked up on its own.
 */
class Vocabulary {
  private hyphenated: Set<string> | null = null;
  private readonly plain = new Map<string, boolean>();
  private pageTexts: string[] | null = null;
  constructor(private readonly pages: Page[]) {}

  /** Whether the bill spells `word` ("self-executing") with its hyphen somewhere. */
  hasHyphenated(word: string): boolean {
    if (!this.hyphenated) {
      this.hyphenated = new Set();
      // Tried only at the start of a word: elsewhere a long run of letters with no hyphen would be retried from
      // every position in it, which is quadratic.
      const re = /(?<![a-z])[a-z]+(?:-[a-z]+)+/gi;
      // Words never span a line break, so a page's lines hold the same words as its text.
      for (const text of this.texts()) for (let m = re.exec(text); m; m = re.exec(text)) this.hyphenated.add(m[0].toLowerCase());
    }
    return this.hyphenated.has(word);
  }

  /** Whether `letters` stands in the bill as a word of its own, not inside a longer or hyphenated one. */
  hasWord(letters: string): boolean {
    let found = this.plain.get(letters);
    if (found === undefined) {
      const re = new RegExp(`(?<![a-z])(?<![a-z]-)${letters}(?![a-z])(?!-[a-z])`, 'i');
      found = this.texts().some((text) => re.test(text));
      this.plain.set(letters, found);
    }
    return found;
  }

  private texts(): string[] {
    return (this.pageTexts ??= this.pages.flatMap((page) => (typeof page === 'string' ? [page] : page)));
  }
}

/** Joins clean lines into one text. A word broken across lines ("defe-" / "ndant") is rejoined unless the bill spells it hyphenated. */
class TextAssembler {
  // Built as parts and joined once: reading the tail of a growing string flattens it on every line, which is quadratic.
  // Sized for a separator and a piece per source line: growing a list of a million parts copies it over and over.
  private readonly parts: string[];
  private partCount = 0;
  private length = 0;
  private readonly segments: SegmentMap;
  private readonly lineStarts: Int32Array;
  private lineCount = 0;
  private page = 0;
  private line = 0;
  private piecesOnLine = 0;

  constructor(
    private readonly vocabulary: Vocabulary,
    sourceLines: number,
  ) {
    this.parts = new Array<string>(2 * sourceLines);
    this.segments = new SegmentMap(sourceLines);
    this.lineStarts = new Int32Array(sourceLines);
  }

  /** The source line the next pieces come from. */
  beginLine(page: number, line: number): void {
    this.page = page;
    this.line = line;
    this.piecesOnLine = 0;
  }

  /** A piece of the current line: the first joins the text so far, the others follow it after a space. Empty ones are dropped. */
  addPiece(piece: string): void {
    if (piece === '') return;
    if (this.piecesOnLine++ === 0) {
      const join = this.endsWithHyphen() ? joinsPrevious(this.tail(), piece, this.vocabulary) : 'none';
      if (join === 'drop-hyphen') {
        this.parts[this.partCount - 1] = this.parts[this.partCount - 1]!.slice(0, -1);
        this.length--;
        this.segments.setLastEnd(this.length);
      } else if (join === 'none' && this.length > 0) {
        this.append('\n');
      }
      this.lineStarts[this.lineCount++] = this.length;
    } else {
      this.append(' ');
    }
    this.segments.push(this.length, this.length + piece.length, this.page, this.line);
    this.append(piece);
  }

  finish() {
    this.parts.length = this.partCount;
    return { text: this.parts.join(''), segments: this.segments, lineStarts: this.lineStarts.subarray(0, this.lineCount) };
  }

  private append(s: string): void {
    this.parts[this.partCount++] = s;
    this.length += s.length;
  }

  private tail(): string {
    let t = '';
    for (let i = this.partCount - 1; i >= 0 && t.length < 60; i--) t = this.parts[i]! + t;
    return t;
  }

  // Only a text ending in a hyphen can join the next line; checking that first spares building a tail per line.
  private endsWithHyphen(): boolean {
    for (let i = this.partCount - 1; i >= 0; i--) if (this.parts[i]!.length > 0) return this.parts[i]!.endsWith('-');
    return false;
  }
}

function joinsPrevious(textTail: string, next: string, vocabulary: Vocabulary): 'none' | 'drop-hyphen' | 'keep-hyphen' {
  const tail = /([A-Za-z]+)-$/.exec(textTail.slice(-60));
  if (!tail) return 'none';
  const head = /^([A-Za-z]+)/.exec(next);
  if (!head) return 'none';
  const stem = tail[1]!;
  const rest = head[1]!;
  const lowerContinues = /^[a-z]/.test(rest);
  const capsContinue = /^[A-Z]+$/.test(stem) && /^[A-Z]{2,}/.test(rest);
  if (!lowerContinues && !capsContinue) return 'none';
  const joined = (stem + rest).toLowerCase();
  const hyphenated = `${stem}-${rest}`.toLowerCase();
  if (vocabulary.hasHyphenated(hyphenated) && !vocabulary.hasWord(joined)) return 'keep-hyphen';
  return 'drop-hyphen';
}

/** Index of the segment holding a clean-text offset (or the nearest one after it). */
export function segmentIndexAt(doc: BillDocument, offset: number): number {
  return doc.segments.indexAt(offset);
}
