// The literal prefilter lets the judge try a pattern only near the literals it needs. It must never change what is
// found: every guided scan is compared with a scan of the whole text, on real bills and on made-up text built to break
// the bounds (long words, runs of spaces and hyphens, stuffed literals).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralFinder } from '../src/judge/literals.js';
import { MatchIndex } from '../src/judge/match.js';
import { normalise, type BillDocument } from '../src/normalise/normalise.js';
import { readBill } from '../src/read/read.js';
import { BUILTIN_RUBRIC, loadRubric } from '../src/rubric/load.js';
import { prefilterOf } from '../src/rubric/prefilter.js';
import { CORPUS } from './helpers/run-cli.js';

const rubric = loadRubric();
const patterns = [
  ...new Map(
    [
      ...rubric.practices.flatMap((p) => [...p.matchers.flatMap((m) => [...m.all, ...m.unless, ...m.context]), ...p.vetoes]),
      ...rubric.nonOperative.sentences,
    ].map(({ re }) => [re.source, re]),
  ).values(),
];
const guided = patterns.filter((re) => rubric.prefilters[re.source]);

describe('prefilterOf', () => {
  it('takes a literal at the start of a pattern, with no reach', () => {
    expect(prefilterOf(String.raw`\bqualified\s+immunity\b`, 'gi')).toMatchObject({ literals: ['qualified'], reach: [0, 0, 0, 0] });
  });

  it('prefers a rarer literal further in, and bounds how far before it a match starts by the runs it crosses', () => {
    // "officer" beats {peace, police}; before it come at most six letters and one run of spaces and hyphens.
    expect(prefilterOf(String.raw`(?:police|peace)[\s-]+officers?`, 'gi')).toMatchObject({ literals: ['officer'], reach: [6, 0, 1, 0] });
  });

  it('folds case and joins the branches of an alternation', () => {
    expect(prefilterOf('Sheriffs?|CONSTABLES?', 'gi')?.literals.sort()).toEqual(['constable', 'sheriff']);
  });

  it('counts what a pattern reads around a match: look-aheads, look-behinds and word boundaries', () => {
    const p = prefilterOf(String.raw`(?<!not\s)\bimmune(?=\s+from)`, 'gi');
    expect(p).toMatchObject({ literals: ['immune'], reach: [0, 0, 0, 0], behind: [4, 0, 0, 0], ahead: [10, 0, 1, 0] });
  });

  it('gives none when a branch needs no literal, or only short common words', () => {
    expect(prefilterOf(String.raw`immunity|\w+ed`, 'gi')).toBeNull();
    expect(prefilterOf(String.raw`\b(?:an|to|of)\b`, 'gi')).toBeNull();
  });

  it('gives none when how far a match reaches cannot be bounded', () => {
    expect(prefilterOf(String.raw`[^.]*immunity`, 'gi')).toBeNull(); // a negated class repeats without bound
    expect(prefilterOf(String.raw`(immunity)\s+\1`, 'gi')).toBeNull(); // a back-reference
    expect(prefilterOf('immunity', 'giu')).toBeNull(); // under u, "k" also matches the Kelvin sign
  });

  it('finds one for every anchor pattern of the built-in rubric', () => {
    const anchors = rubric.practices.flatMap((p) => p.matchers.map((m) => m.all[0]!.re.source));
    expect(anchors.filter((a) => !rubric.prefilters[a])).toEqual([]);
    expect(rubric.file).toBe(BUILTIN_RUBRIC);
  });
});

describe('LiteralFinder', () => {
  const finder = new LiteralFinder({ a: { literals: ['officer', 'ice', 'fice'], reach: [0, 0, 0, 0], ahead: [0, 0, 0, 0], behind: [0, 0, 0, 0] } });

  it('finds every occurrence of every literal, overlapping ones too, in any case', () => {
    const hits = finder.find('OffICERS officer Police');
    const at = (l: string) => [...hits.startsOf([finder.literals.indexOf(l)])];
    expect(at('officer')).toEqual([0, 9]);
    expect(at('fice')).toEqual([2, 11]);
    expect(at('ice')).toEqual([3, 12, 20]);
  });

  it('measures the longest runs of word characters, of spaces and hyphens, and of non-spaces', () => {
    expect(finder.find('ab  cde - x,yz,w\n\fq').runs).toEqual([3, 3, 6]);
  });

  it('agrees with a plain search on any text', () => {
    const literals = finder.literals;
    const text = fc.stringMatching(/^[offICEr sx\-,\u2028é’]{0,60}$/);
    fc.assert(
      fc.property(text, (t) => {
        const hits = finder.find(t);
        const lower = t.replace(/[A-Z]/g, (c) => c.toLowerCase());
        literals.forEach((l, id) => {
          const naive = [];
          for (let i = lower.indexOf(l); i >= 0; i = lower.indexOf(l, i + 1)) naive.push(i);
          expect([...hits.startsOf([id])]).toEqual(naive);
        });
        const longest = (re: RegExp) => Math.max(0, ...(t.match(re) ?? []).map((m) => m.length));
        expect(hits.runs).toEqual([longest(/\w+/g), longest(/[\s-]+/g), longest(/\S+/g)]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a guided scan finds what a whole-text scan finds', () => {
  const docOf = (text: string) => ({ text }) as BillDocument;
  const compare = (doc: BillDocument) => {
    const plain = new MatchIndex(doc);
    const near = new MatchIndex(doc, rubric, 0);
    for (const re of guided) expect(near.all(re), re.source.slice(0, 80)).toEqual(plain.all(re));
  };

  it('is used in a short bill only once the process has searched the pattern before, in a long one at once', () => {
    // Only a guided index can rule a range out for want of a literal: "ualified immunity" holds no "qualified".
    const [first, second] = guided.filter((re) => rubric.prefilters[re.source]!.literals.includes('qualified'));
    const short = () => new MatchIndex(docOf('qualified immunity '.repeat(10)), rubric);
    expect(short().mayMatchIn(first!, 1, 18)).toBe(true);
    expect(short().mayMatchIn(first!, 1, 18)).toBe(false);
    expect(new MatchIndex(docOf('qualified immunity '.repeat(1000)), rubric).mayMatchIn(second!, 1, 18)).toBe(false);
  });

  it.each(readdirSync(CORPUS).filter((f) => f.endsWith('.txt')))('%s', async (name) => {
    const doc = normalise(await readBill(join(CORPUS, name)));
    compare(doc);
    // A sentence a pattern matches always holds one of its literals, and a guided search of one sentence finds what
    // the whole scan finds there.
    const near = new MatchIndex(doc, rubric, 0);
    const whole = new MatchIndex(doc);
    for (const re of guided) {
      const all = whole.all(re);
      // One index sentence after sentence: it searches them one by one, then (past half the bill) the bill once.
      const ranges = new MatchIndex(doc, rubric, 0);
      for (const s of doc.sentences) {
        re.lastIndex = 0;
        if (re.test(doc.text.slice(s.start, s.end))) expect(near.mayMatchIn(re, s.start, s.end)).toBe(true);
        re.lastIndex = 0;
        const inSentence = all.filter((m) => m.start >= s.start && m.end <= s.end);
        expect(ranges.within(re, s.start, s.end), `${re.source.slice(0, 60)} at ${s.start}`).toEqual(inSentence);
      }
    }
  });

  it('on text made of fixture sentences, literals, long words and runs of spaces and hyphens', () => {
    const fixtures = readdirSync(join(dirname(BUILTIN_RUBRIC), 'practices'))
      .filter((f) => f.endsWith('.fixtures.txt'))
      .flatMap((f) => readFileSync(join(dirname(BUILTIN_RUBRIC), 'practices', f), 'utf8').split('\n'))
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('---'));
    const literals = [...new Set(Object.values(rubric.prefilters).flatMap((p) => p.literals))];
    const piece = fc.oneof(
      fc.constantFrom(...fixtures),
      fc.constantFrom(...literals).map((l) => l.toUpperCase()),
      fc.constantFrom(...literals),
      fc.integer({ min: 1, max: 400 }).map((n) => 'w'.repeat(n)),
      fc.stringMatching(/^[ \-\n\f\t]{1,30}$/),
      fc.constantFrom('. ', '; ', ', ', ' shall ', ' not ', ' officer ', ' damages '),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => compare(docOf(pieces.join(' ')))),
      { numRuns: 150 },
    );
  });
});

describe('a guided scan with any pattern a rubric author might write', () => {
  // Patterns from a small grammar of what rubrics use, over text from the same few words, so that they match often.
  const words = ['officer', 'Immunity', 'shall', 'x-ray'];
  const atom = fc.constantFrom(
    ...words,
    ...['OFFICERS?', 'immun\\w*', 'def(?:ense|ence)', 'sh[ae]ll', 'de[a-f]ense', 'state'],
    ...['\\s+', '\\s*', '\\w+', '[\\s-]+', '[\\w,]+', '[^.]{0,20}', '.{0,5}', '\\b', '\\B', '\\d+', ',?'],
    ...['(?=\\s)', '(?!\\s+not)', '(?<!not\\s)', '(?<=\\bthe\\s)', '[ab]', '[^a]', '\\x41', '\\u0053'],
  );
  const separator = fc.constantFrom('\\s+', '\\s*', '[\\s-]+', '\\s+(?:\\w+\\s+){0,2}?', '[^.]{0,20}?', '\\W+');
  const phrase = fc.tuple(fc.constantFrom(...words), separator, fc.constantFrom(...words)).map((p) => p.join(''));
  const sequence = fc.array(fc.oneof(atom, phrase, phrase, phrase), { minLength: 1, maxLength: 2 }).map((parts) => parts.join(''));
  const quantified = fc.tuple(sequence, fc.constantFrom('', '?', '{0,2}', '{1,3}', '+', '*')).map(([s, q]) => `(?:${s})${q}`);
  const pattern = fc.array(fc.oneof(sequence, quantified), { minLength: 1, maxLength: 3 }).map((branches) => branches.join('|'));
  const text = fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom(...words), weight: 4 },
        { arbitrary: fc.constantFrom(' ', '   ', ' - ', ' -- ', '. ', ',', '\n \n', ' \t ', 'the ', '12 ', 'defense'), weight: 2 },
        { arbitrary: fc.integer({ min: 1, max: 60 }).map((n) => 'w'.repeat(n)), weight: 1 },
      ),
      { minLength: 20, maxLength: 120 },
    )
    .map((parts) => parts.join(' '));

  it('finds what a whole-text scan finds', () => {
    let guidedPatterns = 0;
    let matches = 0;
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 4 }), (source, texts) => {
        let re: RegExp;
        try {
          re = new RegExp(source, 'gi');
        } catch {
          return; // the grammar can write an invalid pattern ("\b+"); the loader refuses those
        }
        const prefilter = prefilterOf(source, 'gi');
        if (!prefilter) return;
        guidedPatterns++;
        const rubricOf = { prefilters: { [source]: prefilter } };
        for (const t of texts) {
          const doc = { text: t } as BillDocument;
          const whole = new MatchIndex(doc).all(re);
          matches += whole.length;
          expect(new MatchIndex(doc, rubricOf, 0).all(re), source).toEqual(whole);
        }
      }),
      { numRuns: 3000 },
    );
    // Enough patterns guided, and enough matches found, for the comparison to mean something.
    expect(guidedPatterns).toBeGreaterThan(600);
    expect(matches).toBeGreaterThan(1200);
  });
});
