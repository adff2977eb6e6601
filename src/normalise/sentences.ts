// A sentence splitter that knows legal abbreviations ("42 U.S.C. 1983", "Sec. 2.", "Stat.") and section starts.
import type { Section } from './sections.js';
import { isSpace } from './space.js';

export interface Sentence {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(
  ('u.s.c u.s sec secs no nos stat v vs mr mrs ms dr st inc co corp ltd et al etc e.g i.e seq subsec subsecs par para paras ' +
    'cl ch art arts rev ann jr sr gen h.r s app supp ct pub cong amend res h.res s.res u.s.a approx jan feb mar apr jun jul aug sub ' +
    'sep sept oct nov dec p pp vol ed cf id fig mrsa c.r.s r.s.a n.y l stats subch subpar subd div pt chap cir ff f.2d f.3d f.4th')
    .split(' '),
);

const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

/** Very long "sentences" (an amended statute run together) are cut at semicolons so proximity stays local. */
const MAX_SENTENCE_CHARS = 2400;

const BOUNDARY = /[.?!]["')\]]*\s+(?=["(§\[]?[A-Z0-9§(])/g;

/**
 * Sentences end at a full stop (not an abbreviation's), at a section start and at the enacting clause: a preamble often
 * runs into it with no full stop ("WHEREAS, ...; now, therefore, Be it enacted"), and what stands before it makes no law.
 */
export function splitSentences(text: string, sections: Section[], enactedAt: number | null = null): Sentence[] {
  // Cut points sorted in a typed array (numeric, no comparator), duplicates skipped below: a long bill has ~1 per 200 characters.
  const boundaries: number[] = [];
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    if (!isAbbreviation(text, m.index)) boundaries.push(m.index + m[0].length);
  }
  const cuts = new Float64Array(3 + sections.length + boundaries.length);
  cuts[1] = text.length;
  cuts[2] = enactedAt ?? 0;
  sections.forEach((s, i) => (cuts[3 + i] = s.start));
  cuts.set(boundaries, 3 + sections.length);
  cuts.sort();
  const out: Sentence[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    if (cuts[i] !== cuts[i + 1]) pushLimited(out, text, cuts[i]!, cuts[i + 1]!);
  }
  return out;
}

/** What may open a token before its letters, and is not part of it: "(a).", "'Stat.". */
const TOKEN_OPENERS = new Set('("\'[');

function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && !isSpace(text.charCodeAt(s - 1)) && dot - s < 20) s--;
  while (s < dot && TOKEN_OPENERS.has(text.charAt(s))) s++;
  if (s === dot || dot - s > LONGEST_ABBREVIATION) return false; // most words are longer: spared a copy (lower case is never shorter)
  const token = text.slice(s, dot).toLowerCase();
  if (token.length === 1 && token >= 'a' && token <= 'z') return true; // initials and enumerators: "(a)." is rare, "John Q. Public" is not
  return ABBREVIATIONS.has(token);
}

function pushLimited(out: Sentence[], text: string, start: number, end: number): void {
  while (end - start > MAX_SENTENCE_CHARS) {
    const window = text.slice(start + MAX_SENTENCE_CHARS / 2, start + MAX_SENTENCE_CHARS);
    const semi = window.lastIndexOf('; ');
    const cut = semi >= 0 ? start + MAX_SENTENCE_CHARS / 2 + semi + 2 : start + MAX_SENTENCE_CHARS;
    pushTrimmed(out, text, start, cut);
    start = cut;
  }
  pushTrimmed(out, text, start, end);
}

function pushTrimmed(out: Sentence[], text: string, start: number, end: number): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

export function sentenceIndexAt(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
