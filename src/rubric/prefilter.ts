// What a pattern needs before it can match, so the judge can look for it only where it might: the literal prefilter
// of RE2 and ripgrep, made exact for JavaScript's backtracking patterns.
//
// For a pattern it finds a set of literal words, one of which every match must contain, and bounds, as sums over a
// bill's longest runs of word characters, of spaces and hyphens, and of non-spaces, on where a match can start
// relative to that word and how far the pattern reads around a start. A bill's runs are measured when its literals
// are found, so the bounds hold for that bill: searching only near the literals finds exactly what a scan of the
// whole bill finds. A pattern it cannot bound this way gets no prefilter and is scanned whole.
import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** Coefficients of a length: constant, then per character of the bill's longest run of each kind of character. */
export type Bound = [constant: number, wordRun: number, spaceRun: number, tokenRun: number];

export interface Prefilter {
  /** Lower-case ASCII literals; every match holds at least one of them (matched case-insensitively). */
  literals: string[];
  /** How far before a literal's start a match may start. */
  reach: Bound;
  /** How far past a match's start the pattern may read (look-aheads and failed tries included). */
  ahead: Bound;
  /** How far before a match's start the pattern may read (look-behinds, \b). */
  behind: Bound;
}

/** The kinds of run a bill's text is measured for: \w, [\s-], \S. */
export const RUN_KINDS = [/\w/, /[\s-]/, /\S/] as const;

interface Factor {
  literals: string[];
  reach: Bound;
}

interface Info {
  /** Most characters consumed; null when unbounded. */
  max: Bound | null;
  /** Most characters read from the start on; null when unbounded. */
  ahead: Bound | null;
  behind: Bound | null;
  /** Every string it can match (lower case), when few and all ASCII. */
  exact: string[] | null;
  factor: Factor | null;
}

const ZERO: Bound = [0, 0, 0, 0];
const MAX_EXACT = 64;
/** A literal set costlier than this (one with a two-letter word, say) is no help: such words are everywhere. */
const MAX_COST = 1000;

const add = (a: Bound, b: Bound): Bound => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
const scale = (a: Bound, k: number): Bound => [a[0] * k, a[1] * k, a[2] * k, a[3] * k];
const most = (a: Bound, b: Bound): Bound => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
const addOrNull = (a: Bound | null, b: Bound | null) => (a && b ? add(a, b) : null);
const mostOrNull = (a: Bound | null, b: Bound | null) => (a && b ? most(a, b) : null);

/** Evaluates a bound for a bill's measured runs. */
export function boundFor(b: Bound, runs: readonly number[]): number {
  return b[0] + b[1] * runs[0]! + b[2] * runs[1]! + b[3] * runs[2]!;
}

export function prefilterOf(source: string, flags: string): Prefilter | null {
  // Under the u or v flag, case-insensitive ASCII letters also match a few other characters (the Kelvin sign).
  if (flags.includes('u') || flags.includes('v')) return null;
  let pattern: AST.Pattern;
  try {
    pattern = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: false });
  } catch {
    return null;
  }
  const info = new Analysis().alternatives(pattern.alternatives);
  const factor = info.factor ?? (info.exact && asFactor(info.exact, ZERO));
  if (!factor || !info.ahead || !info.behind || cost(factor.literals) > MAX_COST) return null;
  return { literals: factor.literals, reach: factor.reach, ahead: info.ahead, behind: info.behind };
}

class Analysis {

  alternatives(alts: AST.Alternative[]): Info {
    const infos = alts.map((a) => this.sequence(a.elements));
    return infos.reduce((a, b) => ({
      max: mostOrNull(a.max, b.max),
      ahead: mostOrNull(a.ahead, b.ahead),
      behind: mostOrNull(a.behind, b.behind),
      exact: a.exact && b.exact ? union(a.exact, b.exact) : null,
      factor: unionFactor(a, b),
    }));
  }

  private sequence(elements: AST.Element[]): Info {
    let offset: Bound | null = ZERO;
    let ahead: Bound | null = ZERO;
    let behind: Bound | null = ZERO;
    let exact: string[] | null = [''];
    let run: { strings: string[]; start: Bound } | null = null;
    const candidates: Factor[] = [];
    const flush = () => {
      if (run) {
        const f = asFactor(run.strings, run.start);
        if (f) candidates.push(f);
      }
      run = null;
    };
    for (const element of elements) {
      const e = this.element(element);
      ahead = offset && e.ahead && ahead ? most(ahead, add(offset, e.ahead)) : null;
      behind = mostOrNull(behind, e.behind);
      exact = exact && e.exact ? product(exact, e.exact) : null;
      if (e.exact && offset) {
        const joined: string[] | null = run ? product(run.strings, e.exact) : null;
        if (run && joined) run.strings = joined;
        else {
          flush();
          run = { strings: e.exact, start: offset };
        }
      } else flush();
      if (e.factor && offset) candidates.push({ literals: e.factor.literals, reach: add(offset, e.factor.reach) });
      offset = addOrNull(offset, e.max);
    }
    flush();
    return { max: offset, ahead, behind, exact, factor: cheapest(candidates) };
  }

  private element(node: AST.Element): Info {
    switch (node.type) {
      case 'Character':
        return single(node.value < 128 ? [String.fromCharCode(node.value).toLowerCase()] : null);
      case 'CharacterSet':
        return single(null);
      case 'CharacterClass':
        return single(classStrings(node));
      case 'Group':
      case 'CapturingGroup':
        return this.alternatives(node.alternatives);
      case 'Assertion':
        return this.assertion(node);
      case 'Quantifier':
        return this.quantifier(node);
      default:
        // Back-references and anything newer than this analysis: no bound, so no prefilter.
        return { max: null, ahead: null, behind: null, exact: null, factor: null };
    }
  }

  private assertion(node: AST.Assertion): Info {
    const zero = { max: ZERO, exact: [''], factor: null };
    switch (node.kind) {
      case 'word':
      case 'start':
      case 'end':
        // Each looks at the character before and the one at its place.
        return { ...zero, ahead: [1, 0, 0, 0], behind: [1, 0, 0, 0] };
      case 'lookahead': {
        const inner = this.alternatives(node.alternatives);
        return { ...zero, ahead: inner.ahead, behind: inner.behind };
      }
      case 'lookbehind': {
        const inner = this.alternatives(node.alternatives);
        // A look-behind reads back at most as far as what it matches, and its own look-arounds from there.
        return { ...zero, ahead: ZERO, behind: inner.ahead && inner.behind ? add(inner.ahead, inner.behind) : null };
      }
    }
  }

  private quantifier(node: AST.Quantifier): Info {
    const e = this.element(node.element);
    const times = node.max;
    let max: Bound | null;
    if (times !== Infinity) max = e.max && scale(e.max, times);
    else max = this.runOf(node.element);
    const ahead = max && e.ahead && e.max ? add(max, e.ahead) : null;
    const exact = e.exact && times <= 3 ? repeat(e.exact, node.min, times) : null;
    return { max, ahead, behind: e.behind, exact, factor: node.min >= 1 ? e.factor : null };
  }

  /** An unbounded repeat of one character class is no longer than the bill's longest run of a kind that holds the class. */
  private runOf(node: AST.QuantifiableElement): Bound | null {
    if (!runOfClass.has(node.raw)) {
      const members = membersOf(node);
      const k = members ? RUN_KINDS.findIndex((kind) => members.every((ch) => kind.test(ch))) : -1;
      runOfClass.set(node.raw, k < 0 ? null : [0, k === 0 ? 1 : 0, k === 1 ? 1 : 0, k === 2 ? 1 : 0]);
    }
    return runOfClass.get(node.raw)!;
  }
}

/**
 * The characters one class stands for (a case-insensitive pattern also matches their other case, which is of the same
 * run kind), or null for a negated or unknown class, which holds too much to bound.
 */
function membersOf(node: AST.Node): string[] | null {
  switch (node.type) {
    case 'Character':
      return [String.fromCharCode(node.value)];
    case 'CharacterClassRange':
      return node.max.value - node.min.value > 0x3000 ? null : Array.from({ length: node.max.value - node.min.value + 1 }, (_, i) => String.fromCharCode(node.min.value + i));
    case 'CharacterSet':
      return node.kind === 'any' || node.kind === 'property' || node.negate ? null : membersOfSet(node.raw);
    case 'CharacterClass': {
      if (node.negate) return null;
      const all: string[] = [];
      for (const e of node.elements) {
        const m = membersOf(e);
        if (!m) return null;
        all.push(...m);
      }
      return all;
    }
    default:
      return null;
  }
}

/** Per class as written (\s, [\s-], …): the run kind that bounds its repeats. Rubrics use a handful, hundreds of times. */
const runOfClass = new Map<string, Bound | null>();

const setMembers = new Map<string, string[]>();
let everyCodeUnit: string | null = null;
/** What \s, \w or \d stand for, read off the regex engine over all 65,536 code units rather than a table of our own. */
function membersOfSet(raw: string): string[] {
  let members = setMembers.get(raw);
  if (!members) {
    if (!everyCodeUnit) {
      const parts: string[] = [];
      for (let c = 0; c < 0x10000; c += 0x1000) parts.push(String.fromCharCode(...Array.from({ length: 0x1000 }, (_, i) => c + i)));
      everyCodeUnit = parts.join('');
    }
    members = everyCodeUnit.match(new RegExp(raw, 'g')) ?? [];
    setMembers.set(raw, members);
  }
  return members;
}

function single(exact: string[] | null): Info {
  return { max: [1, 0, 0, 0], ahead: [1, 0, 0, 0], behind: ZERO, exact, factor: null };
}

/** The few ASCII characters a class stands for, folded to lower case; null for a negated, wide or non-ASCII class. */
function classStrings(node: AST.CharacterClass): string[] | null {
  if (node.negate) return null;
  const out = new Set<string>();
  for (const e of node.elements) {
    if (e.type === 'Character' && e.value < 128) out.add(String.fromCharCode(e.value).toLowerCase());
    else if (e.type === 'CharacterClassRange' && e.max.value < 128 && e.max.value - e.min.value < 8) {
      for (let c = e.min.value; c <= e.max.value; c++) out.add(String.fromCharCode(c).toLowerCase());
    } else return null;
  }
  return out.size <= 8 ? [...out] : null;
}

function union(a: string[], b: string[]): string[] | null {
  const u = [...new Set([...a, ...b])];
  return u.length <= MAX_EXACT ? u : null;
}

function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > MAX_EXACT) return null;
  // One side a single string (a literal grows a character at a time): the products are as distinct as the other side.
  if (b.length === 1) return a.map((x) => x + b[0]);
  if (a.length === 1) return b.map((y) => a[0] + y);
  return [...new Set(a.flatMap((x) => b.map((y) => x + y)))];
}

function repeat(strings: string[], min: number, max: number): string[] | null {
  let out: string[] | null = min === 0 ? [''] : [];
  let power: string[] | null = [''];
  for (let n = 1; n <= max && power && out; n++) {
    power = product(power, strings);
    if (power && n >= min) out = union(out, power);
    else if (!power) out = null;
  }
  return out;
}

/** The literals of a set of strings, where some string always occurs: drops those holding another, refuses the empty one. */
function asFactor(strings: string[], reach: Bound): Factor | null {
  if (strings.some((s) => s === '')) return null;
  const sorted = [...new Set(strings)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const literals = sorted.filter((s, i) => !sorted.slice(0, i).some((shorter) => s.includes(shorter)));
  return { literals, reach };
}

function unionFactor(a: Info, b: Info): Factor | null {
  const fa = a.factor ?? (a.exact && asFactor(a.exact, ZERO));
  const fb = b.factor ?? (b.exact && asFactor(b.exact, ZERO));
  if (!fa || !fb) return null;
  return asFactor([...fa.literals, ...fb.literals], most(fa.reach, fb.reach));
}

function cheapest(candidates: Factor[]): Factor | null {
  let best: Factor | null = null;
  for (const c of candidates) if (!best || cost(c.literals) < cost(best.literals)) best = c;
  return best;
}

/** Roughly how often a literal set turns up in a bill: short words are everywhere, long ones rare. */
function cost(literals: string[]): number {
  const of = (n: number) => (n <= 1 ? 1e6 : n === 2 ? 1e4 : n === 3 ? 300 : n === 4 ? 40 : n === 5 ? 10 : n === 6 ? 4 : 1);
  return literals.reduce((sum, s) => sum + of(s.length), 0);
}
