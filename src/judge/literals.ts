// Finds every rubric literal in a bill in one pass (an Aho-Corasick automaton), so each pattern is tried only near
// its literals (see ../rubric/prefilter.ts), and measures the bill's longest runs that bound how far a match reaches.
import { RUN_KINDS, type Prefilter } from '../rubric/prefilter.js';

const finders = new WeakMap<object, LiteralFinder>();

/** The finder for a rubric's literals, built on first use. */
export function finderFor(rubric: { prefilters: Readonly<Record<string, Prefilter>> }): LiteralFinder {
  let finder = finders.get(rubric.prefilters);
  if (!finder) {
    finder = new LiteralFinder(rubric.prefilters);
    finders.set(rubric.prefilters, finder);
  }
  return finder;
}

/** One automaton for all literals of a rubric. */
export class LiteralFinder {
  readonly literals: string[];
  /** Per pattern source: the ids of its literals. */
  private readonly idsOf = new Map<string, number[]>();
  /** Per Latin-1 character: its symbol in the automaton (low byte) and the kinds of run it belongs to (bits 8 up). */
  private readonly classOf = new Uint16Array(256);
  /** Per state (as its index times the number of symbols) and symbol: the next state, likewise multiplied. */
  private readonly next: Int32Array;
  /** The literals ending in a state (multiplied, as in next) are endIds[endFrom[state] .. endFrom[state + 1]). */
  private readonly endFrom: Int32Array;
  private readonly endIds: Int32Array;
  private readonly lengths: Int32Array;

  constructor(prefilters: Readonly<Record<string, Prefilter>>) {
    const ids = new Map<string, number>();
    for (const [source, p] of Object.entries(prefilters)) {
      this.idsOf.set(
        source,
        p.literals.map((l) => {
          if (!ids.has(l)) ids.set(l, ids.size);
          return ids.get(l)!;
        }),
      );
    }
    this.literals = [...ids.keys()];
    const symbols = new Map<number, number>();
    for (const l of this.literals) for (let i = 0; i < l.length; i++) if (!symbols.has(l.charCodeAt(i))) symbols.set(l.charCodeAt(i), symbols.size + 1);
    if (symbols.size > 255) throw new Error('too many distinct characters in rubric literals');
    for (let c = 0; c < 256; c++) {
      // Patterns are case-insensitive without the u flag, where an ASCII letter matches only its ASCII other case.
      const folded = c >= 65 && c <= 90 ? c + 32 : c;
      this.classOf[c] = (symbols.get(folded) ?? 0) | runKinds(c);
    }
    const built = buildAutomaton(this.literals, symbols, symbols.size + 1);
    this.next = built.next;
    this.endFrom = built.endFrom;
    this.endIds = built.endIds;
    this.lengths = Int32Array.from(this.literals, (l) => l.length);
  }

  literalIds(source: string): number[] | undefined {
    return this.idsOf.get(source);
  }

  /** Where each literal starts in text, and the text's longest run of each kind (see RUN_KINDS). */
  find(text: string): LiteralHits {
    // A list only for the literals the bill holds: most bills hold few of a rubric's hundreds.
    const starts = new Array<OffsetList | undefined>(this.literals.length);
    const { classOf, next, endFrom, endIds, lengths } = this;
    let longestWord = 0;
    let longestSpace = 0;
    let longestToken = 0;
    let word = 0;
    let space = 0;
    let token = 0;
    let state = 0; // times the automaton's width, so a step is one add
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Literals are ASCII, and the clean text keeps little beyond Latin-1 (see narrow.ts).
      const c = code < 256 ? classOf[code]! : runKinds(code);
      state = next[state + (c & 0xff)]!;
      for (let e = endFrom[state]!, to = endFrom[state + 1]!; e < to; e++) {
        const id = endIds[e]!;
        (starts[id] ??= new OffsetList()).push(i + 1 - lengths[id]!);
      }
      // The longest run so far is updated when a run ends, not at every character.
      word = c & 0x100 ? word + 1 : word > longestWord ? ((longestWord = word), 0) : 0;
      space = c & 0x200 ? space + 1 : space > longestSpace ? ((longestSpace = space), 0) : 0;
      token = c & 0x400 ? token + 1 : token > longestToken ? ((longestToken = token), 0) : 0;
    }
    return new LiteralHits(starts, [Math.max(longestWord, word), Math.max(longestSpace, space), Math.max(longestToken, token)]);
  }
}

/** The kinds of run (RUN_KINDS) a character belongs to, as bits 8 up. */
function runKinds(code: number): number {
  const ch = String.fromCharCode(code);
  let kinds = 0;
  for (let k = 0; k < RUN_KINDS.length; k++) if (RUN_KINDS[k]!.test(ch)) kinds |= 1 << (8 + k);
  return kinds;
}

/** A growing list of offsets, four bytes each: a 30 MB bill holds nearly a million literals. */
class OffsetList {
  data = new Int32Array(8);
  length = 0;

  push(offset: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = offset;
  }
}

export class LiteralHits {
  constructor(
    /** Per literal, where it starts in the bill; none for a literal the bill does not hold. */
    private readonly starts: Array<OffsetList | undefined>,
    readonly runs: readonly number[],
  ) {}

  /** Start offsets of any of these literals, ascending; a fresh list each time, as a big bill's lists are large. */
  startsOf(ids: readonly number[]): Int32Array {
    let count = 0;
    for (const id of ids) count += this.starts[id]?.length ?? 0;
    const all = new Int32Array(count);
    let at = 0;
    for (const id of ids) {
      const list = this.starts[id];
      if (!list) continue;
      all.set(list.data.subarray(0, list.length), at);
      at += list.length;
    }
    // One literal's list is in order already; a typed array sorts numerically, and faster than a list with a comparator.
    return ids.length > 1 ? all.sort() : all;
  }

  /** Whether any of these literals starts in [start, end). */
  anyStartsIn(ids: readonly number[], start: number, end: number): boolean {
    for (const id of ids) {
      const list = this.starts[id];
      if (!list) continue;
      const { data, length } = list;
      let lo = 0;
      let hi = length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (data[mid]! < start) lo = mid + 1;
        else hi = mid;
      }
      if (lo < length && data[lo]! < end) return true;
    }
    return false;
  }
}

/** A complete automaton: from every state, one next state per symbol (symbol 0 is any other character). */
function buildAutomaton(literals: string[], symbols: Map<number, number>, width: number) {
  const goto: Array<Map<number, number>> = [new Map()];
  const ends: number[][] = [[]];
  literals.forEach((literal, id) => {
    let state = 0;
    for (let i = 0; i < literal.length; i++) {
      const sym = symbols.get(literal.charCodeAt(i))!;
      let to = goto[state]!.get(sym);
      if (to === undefined) {
        to = goto.length;
        goto.push(new Map());
        ends.push([]);
        goto[state]!.set(sym, to);
      }
      state = to;
    }
    ends[state]!.push(id);
  });
  const next = new Int32Array(goto.length * width);
  const fail = new Int32Array(goto.length);
  const ending: number[][] = goto.map(() => []);
  // Breadth first, so a state's fallback is complete before the states below it are.
  const queue: number[] = [];
  for (let sym = 0; sym < width; sym++) {
    const to = goto[0]!.get(sym) ?? 0;
    next[sym] = to;
    if (to !== 0) queue.push(to);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    ending[state] = [...ends[state]!, ...ending[fail[state]!]!];
    for (let sym = 0; sym < width; sym++) {
      const to = goto[state]!.get(sym);
      if (to === undefined) next[state * width + sym] = next[fail[state]! * width + sym]!;
      else {
        fail[to] = next[fail[state]! * width + sym]!;
        next[state * width + sym] = to;
        queue.push(to);
      }
    }
  }
  // States as index times width, so the scan steps with one add; the end lists packed into one array.
  for (let i = 0; i < next.length; i++) next[i] = next[i]! * width;
  const endFrom = new Int32Array(goto.length * width + 1);
  const endIds: number[] = [];
  for (let state = 0; state < goto.length; state++) {
    endFrom[state * width] = endIds.length;
    endIds.push(...ending[state]!);
    endFrom.fill(endIds.length, state * width + 1, (state + 1) * width + 1);
  }
  return { next, endFrom, endIds: Int32Array.from(endIds) };
}
