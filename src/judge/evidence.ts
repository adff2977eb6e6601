// Turns a span of clean text into quotes of the bill's own words, one per source line, each with page, line and section.
import { widenText } from '../normalise/narrow.js';
import type { Evidence } from '../model.js';
import { segmentIndexAt, type BillDocument } from '../normalise/normalise.js';
import { describeSection, sectionAt } from '../normalise/sections.js';

const CONTEXT_WORDS = 6;
const MAX_QUOTE_CHARS = 600;

/** Widens a match to whole words and a little context, never past its sentence. */
export function widen(doc: BillDocument, start: number, end: number, bounds: { start: number; end: number }): { start: number; end: number } {
  const { text } = doc;
  let a = start;
  let b = end;
  while (a > bounds.start && !/\s/.test(text[a - 1]!)) a--;
  while (b < bounds.end && !/\s/.test(text[b]!)) b++;
  for (let words = 0; a > bounds.start && words < CONTEXT_WORDS; ) {
    a--;
    if (/\s/.test(text[a]!) && !/\s/.test(text[a + 1] ?? ' ')) words++;
  }
  while (a < start && /\s/.test(text[a]!)) a++;
  if (a > bounds.start) a = nextWordStart(text, a);
  for (let words = 0; b < bounds.end && words < CONTEXT_WORDS; b++) {
    if (/\s/.test(text[b]!) && !/\s/.test(text[b - 1] ?? ' ')) words++;
  }
  if (b - a > MAX_QUOTE_CHARS) return { start, end: Math.min(end, start + MAX_QUOTE_CHARS) };
  return { start: a, end: b };
}

function nextWordStart(text: string, i: number): number {
  if (i === 0 || /\s/.test(text[i - 1]!)) return i;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** With contextWords (--context N), each quote also carries N words of the bill before and after it. */
export function quote(doc: BillDocument, start: number, end: number, matcher: string, contextWords = 0): Evidence[] {
  const { text } = doc;
  const out: Evidence[] = [];
  let segIndex = segmentIndexAt(doc, start);
  let seg = doc.segments.at(segIndex);
  while (seg && seg.start < end) {
    let a = Math.max(start, seg.start);
    let b = Math.min(end, seg.end);
    // A word rejoined across a line break belongs to the line where it starts.
    if (a === seg.start && a > start && !/\s/.test(text[a - 1] ?? ' ')) while (a < b && !/\s/.test(text[a]!)) a++;
    if (b === seg.end && b < end && !/\s/.test(text[b] ?? ' ')) while (b < text.length && !/\s/.test(text[b]!)) b++;
    const words = widenText(text.slice(a, b)).replace(/\s+/g, ' ').trim();
    if (/[A-Za-z0-9]/.test(words)) {
      const ev: Evidence = { quote: words, page: seg.page, line: seg.line, section: describeSection(sectionAt(doc.sections, a)), matcher };
      if (contextWords > 0) ev.context = contextAround(text, a, b, contextWords);
      out.push(ev);
    }
    segIndex++;
    seg = doc.segments.at(segIndex);
  }
  return out;
}

/** The n words of clean text either side of [a, b), whatever sentence or line they stand in. */
export function contextAround(text: string, a: number, b: number, n: number): { before: string; after: string } {
  const reach = n * 40; // generous for n long words, without splitting the whole bill
  const before = text.slice(Math.max(0, a - reach), a).split(/\s+/).filter(Boolean);
  const after = text.slice(b, b + reach).split(/\s+/).filter(Boolean);
  return { before: widenText(before.slice(-n).join(' ')), after: widenText(after.slice(0, n).join(' ')) };
}
