// Finds where a matcher's patterns meet: in one sentence within N words, or anywhere in one section or the bill.
import type { BillDocument } from '../normalise/normalise.js';
import { sectionAt } from '../normalise/sections.js';
import { sentenceIndexAt } from '../normalise/sentences.js';
import type { CompiledMatcher, CompiledVeto, Rubric } from '../rubric/load.js';
import { boundFor, type Prefilter } from '../rubric/prefilter.js';
import { finderFor, type LiteralHits } from './literals.js';

export interface Span {
  start: number;
  end: number;
}

/** A place where all of a matcher's patterns matched. */
export interface Candidate {
  matches: Span[];
  start: number;
  end: number;
  /** The sentence (sentence scope) or the first sentence (wider scopes) it stands in. */
  sentence: number;
  unit: Span;
  operative: boolean;
}

/** Per document: every match of each pattern, found once however many matchers share the pattern. */
export class MatchIndex {
  private readonly cache = new Map<string, Span[]>();
  /** Per pattern not yet scanned in full: characters it has been run over piecemeal so far. */
  private readonly piecemeal = new Map<string, number>();
  /** A bill stuffed with one keyword must not make judging quadratic. */
  static readonly MAX_MATCHES_PER_PATTERN = 20000;
  /**
   * A pattern's first search in this process is a whole scan when the bill is shorter than this. The guided search
   * runs a pattern more often, and V8 compiles a pattern to machine code on its second run, which costs more than
   * scanning a short bill: judging one 2 KB bill took 58 ms guided and 22 ms scanned whole. In a batch, the patterns
   * are compiled after the first bill, and guided searches pay for every bill after it.
   */
  static readonly GUIDED_FROM = 4096;
  /** Text around a short range that a pattern's look-behind and look-ahead still see when only the range is searched. */
  static readonly LOOK_AROUND = 1000;
  /** Patterns already searched in this process (see GUIDED_FROM). */
  private static readonly searchedBefore = new Set<string>();

  private hits: LiteralHits | null = null;
  private readonly guidedHere = new Map<string, Prefilter | undefined>();

  /**
   * With a rubric, its patterns are tried only near the literals they need (see ../rubric/prefilter.ts): always in
   * bills of at least `guidedFrom` characters, and in shorter ones once this process has searched the pattern before.
   */
  constructor(
    readonly doc: BillDocument,
    private readonly rubric: Pick<Rubric, 'prefilters'> | null = null,
    private readonly guidedFrom = MatchIndex.GUIDED_FROM,
  ) {}

  all(re: RegExp): Span[] {
    const key = re.source;
    let spans = this.cache.get(key);
    if (!spans) {
      const prefilter = this.guided(key);
      spans = prefilter
        ? scanNear(re, this.doc.text, this.literalHits().startsOf(this.literalIds(key)), prefilter, this.literalHits().runs, MatchIndex.MAX_MATCHES_PER_PATTERN)
        : scan(re, this.doc.text, 0, MatchIndex.MAX_MATCHES_PER_PATTERN);
      this.cache.set(key, spans);
    }
    return spans;
  }

  /**
   * False when re cannot match text[start, end) for want of every literal it needs there; true when it might.
   * (A pattern without a prefilter, or not guided here, always might.)
   */
  mayMatchIn(re: RegExp, start: number, end: number): boolean {
    if (!this.guided(re.source)) return true;
    return this.literalHits().anyStartsIn(this.literalIds(re.source), start, end);
  }

  /** The pattern's prefilter when its searches in this bill are guided; decided on the first. */
  private guided(key: string): Prefilter | undefined {
    if (!this.guidedHere.has(key)) {
      const prefilter = this.rubric?.prefilters[key];
      const warm = MatchIndex.searchedBefore.has(key);
      MatchIndex.searchedBefore.add(key);
      this.guidedHere.set(key, prefilter && (warm || this.doc.text.length >= this.guidedFrom) ? prefilter : undefined);
    }
    return this.guidedHere.get(key);
  }

  /** Only for guided patterns, which a rubric is given for. */
  private literalHits(): LiteralHits {
    return (this.hits ??= finderFor(this.rubric!).find(this.doc.text));
  }

  private literalIds(key: string): number[] {
    return finderFor(this.rubric!).literalIds(key)!;
  }

  /**
   * Matches of re lying wholly inside [start, end). Patterns asked about only near a few candidates (the others of a
   * sentence-scope matcher, vetoes, context rules) are searched there alone: once they have cost half a bill's
   * length that way, the whole bill is scanned once instead.
   */
  within(re: RegExp, start: number, end: number): Span[] {
    const key = re.source;
    const { text } = this.doc;
    if (!this.cache.has(key)) {
      if (!this.mayMatchIn(re, start, end)) return [];
      // A guided pattern's bounds say how far around the range it reads; others get a generous margin.
      const prefilter = this.guided(key);
      const runs = prefilter && this.literalHits().runs;
      const from = Math.max(0, start - (prefilter ? boundFor(prefilter.behind, runs!) + 1 : MatchIndex.LOOK_AROUND));
      const to = Math.min(text.length, end + (prefilter ? boundFor(prefilter.ahead, runs!) + 1 : MatchIndex.LOOK_AROUND));
      const spent = (this.piecemeal.get(key) ?? 0) + (to - start);
      if (spent <= text.length / 2) {
        this.piecemeal.set(key, spent);
        const local = text.slice(from, to);
        return scan(re, local, start - from, MatchIndex.MAX_MATCHES_PER_PATTERN)
          .map((m) => ({ start: m.start + from, end: m.end + from }))
          .filter((m) => m.end <= end);
      }
    }
    const spans = this.all(re);
    const out: Span[] = [];
    for (let i = firstAtOrAfter(spans, start); i < spans.length && spans[i]!.start < end; i++) {
      if (spans[i]!.end <= end) out.push(spans[i]!);
    }
    return out;
  }
}

/** Every match of a global pattern in text from offset `from` on, left to right, at most `max`. */
function scan(re: RegExp, text: string, from: number, max: number): Span[] {
  const spans: Span[] = [];
  re.lastIndex = from;
  for (let m = re.exec(text); m && spans.length < max; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  // The rubric's patterns are shared, and cached on disk by value: leave them as found.
  re.lastIndex = 0;
  return spans;
}

/**
 * The matches a scan of the whole text would find (see scan), found by searching only where a match could start: at
 * most `reach` characters before one of the pattern's literals. Each such window is searched in a slice of the text
 * wide enough for everything the pattern reads from there, and a find is confirmed, and taken, from the whole text.
 * When the windows add up to the text's length, the rest is scanned whole instead.
 */
function scanNear(re: RegExp, text: string, literalStarts: Int32Array, prefilter: Prefilter, runs: readonly number[], max: number): Span[] {
  const reach = boundFor(prefilter.reach, runs);
  // One more character each way than the pattern consumes or looks at: where a failed try stops.
  const ahead = boundFor(prefilter.ahead, runs) + 1;
  const behind = boundFor(prefilter.behind, runs) + 1;
  const spans: Span[] = [];
  let resume = 0; // where the whole-text scan would go on from
  let searched = 0;
  windows: for (let i = 0; i < literalStarts.length && spans.length < max; ) {
    const first = Math.max(literalStarts[i]! - reach, resume);
    let last = literalStarts[i++]!;
    // Windows whose slices would overlap are searched as one.
    while (i < literalStarts.length && literalStarts[i]! - reach <= last + ahead) last = literalStarts[i++]!;
    for (let from = first; from <= last && spans.length < max; ) {
      const sliceStart = Math.max(0, from - behind);
      const sliceEnd = Math.min(text.length, last + ahead);
      searched += sliceEnd - sliceStart;
      if (searched > text.length) return spans.concat(scan(re, text, from, max - spans.length));
      re.lastIndex = from - sliceStart;
      const near = re.exec(text.slice(sliceStart, sliceEnd));
      if (!near || near.index + sliceStart > last) break;
      re.lastIndex = near.index + sliceStart;
      const m = re.exec(text);
      if (!m) break windows;
      if (m[0] !== '') spans.push({ start: m.index, end: m.index + m[0].length });
      resume = m[0] === '' ? m.index + 1 : m.index + m[0].length;
      from = resume;
    }
  }
  re.lastIndex = 0;
  return spans;
}

function firstAtOrAfter(spans: Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function wordsBetween(text: string, a: number, b: number): number {
  let n = 0;
  let inSpace = false;
  for (let i = a; i < b; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (space && !inSpace) n++;
    inSpace = space;
  }
  return n;
}

/** How many candidate places one matcher may examine in one bill; keeps pathological input linear. */
const MAX_CANDIDATES = 400;

export function findCandidates(index: MatchIndex, matcher: CompiledMatcher, operative: Array<string | null>): Candidate[] {
  const { doc } = index;
  const [anchor, ...others] = matcher.all;
  const out: Candidate[] = [];
  const seenUnits = new Set<number>();
  for (const a of index.all(anchor!.re)) {
    if (out.length >= MAX_CANDIDATES) break;
    const sentence = sentenceIndexAt(doc.sentences, a.start);
    if (sentence < 0) continue;
    if (matcher.scope !== 'sentence' && operative[sentence] !== null) continue;
    const unit = unitOf(doc, matcher.scope, sentence);
    const unitKey = matcher.scope === 'sentence' ? sentence : unit.start;
    if (matcher.scope !== 'sentence' && seenUnits.has(unitKey)) continue;
    const matches = [a];
    let complete = true;
    for (const p of others) {
      const near = nearest(index.within(p.re, unit.start, unit.end), a, matcher.scope === 'sentence' ? null : operative, doc);
      if (!near) {
        complete = false;
        break;
      }
      matches.push(near);
    }
    if (!complete) {
      // In a wider scope, whether the other patterns occur does not depend on the anchor: one failed try settles the unit.
      // Without this, every anchor in a keyword-stuffed bill rescans the unit, which is quadratic.
      if (matcher.scope !== 'sentence') seenUnits.add(unitKey);
      continue;
    }
    const start = Math.min(...matches.map((m) => m.start));
    const end = Math.max(...matches.map((m) => m.end));
    if (matcher.scope === 'sentence') {
      const gap = wordsBetween(doc.text, Math.min(...matches.map((m) => m.end)), Math.max(...matches.map((m) => m.start)));
      if (gap > matcher.within) continue;
    }
    seenUnits.add(unitKey);
    const sentencesHit = matches.map((m) => sentenceIndexAt(doc.sentences, m.start));
    out.push({
      matches,
      start,
      end,
      sentence,
      unit,
      operative: sentencesHit.every((s) => s >= 0 && operative[s] === null),
    });
  }
  return out;
}

function unitOf(doc: BillDocument, scope: CompiledMatcher['scope'], sentence: number): Span {
  const s = doc.sentences[sentence]!;
  if (scope === 'sentence') return s;
  if (scope === 'section') {
    const section = sectionAt(doc.sections, s.start);
    if (section) return section;
  }
  return { start: 0, end: doc.text.length };
}

/** The match closest to the anchor; in wider scopes only matches in operative sentences count. */
function nearest(spans: Span[], anchor: Span, operative: Array<string | null> | null, doc: BillDocument): Span | undefined {
  let best: Span | undefined;
  let bestDistance = Infinity;
  for (const s of spans) {
    if (operative && !isOperative(doc, operative, s.start)) continue;
    const d = s.start >= anchor.end ? s.start - anchor.end : anchor.start >= s.end ? anchor.start - s.end : 0;
    if (d < bestDistance) {
      best = s;
      bestDistance = d;
    }
  }
  return best;
}

/** The first veto that applies to a candidate, with the words that triggered it. */
export function findVeto(index: MatchIndex, vetoes: CompiledVeto[], candidate: Span, operative: Array<string | null>): { veto: CompiledVeto; at: Span } | null {
  const { doc } = index;
  for (const veto of vetoes) {
    const range = vetoRange(doc, veto, candidate);
    const hits = index.within(veto.re, range.start, range.end);
    const hit = veto.scope === 'near' || veto.scope === 'sentence' ? hits[0] : hits.find((h) => isOperative(doc, operative, h.start));
    if (hit) return { veto, at: hit };
  }
  return null;
}

/** The first context rule with no operative match around the candidate: the clause stands where the practice is not at issue. */
export function findMissingContext(index: MatchIndex, rules: CompiledVeto[], candidate: Span, operative: Array<string | null>): CompiledVeto | null {
  const { doc } = index;
  for (const rule of rules) {
    const range = vetoRange(doc, rule, candidate);
    if (!index.within(rule.re, range.start, range.end).some((h) => isOperative(doc, operative, h.start))) return rule;
  }
  return null;
}

function isOperative(doc: BillDocument, operative: Array<string | null>, offset: number): boolean {
  const si = sentenceIndexAt(doc.sentences, offset);
  return si >= 0 && operative[si] === null;
}

function vetoRange(doc: BillDocument, veto: CompiledVeto, at: Span): Span {
  const si = sentenceIndexAt(doc.sentences, at.start);
  const sentence = doc.sentences[Math.max(si, 0)] ?? { start: 0, end: doc.text.length };
  switch (veto.scope) {
    case 'near': {
      // A match may span sentences (section-scope matchers): look near its end within the sentence where it ends.
      const last = doc.sentences[Math.max(sentenceIndexAt(doc.sentences, Math.max(at.end - 1, at.start)), 0)] ?? sentence;
      return {
        start: Math.max(sentence.start, stepWords(doc.text, at.start, -veto.within)),
        end: Math.min(Math.max(last.end, at.end), stepWords(doc.text, at.end, veto.within)),
      };
    }
    case 'sentence':
      return { start: Math.min(sentence.start, at.start), end: Math.max(sentence.end, at.end) };
    case 'section':
      return sectionAt(doc.sections, at.start) ?? { start: 0, end: doc.text.length };
    case 'document':
      return { start: 0, end: doc.text.length };
  }
}

/** The offset n words away from i (negative n goes back). */
function stepWords(text: string, i: number, n: number): number {
  const dir = n < 0 ? -1 : 1;
  let words = 0;
  let j = i;
  let inSpace = false;
  while (j > 0 && j < text.length) {
    const space = text.charCodeAt(dir < 0 ? j - 1 : j) <= 32;
    if (space && !inSpace && ++words > Math.abs(n)) break;
    inSpace = space;
    j += dir;
  }
  return j;
}
