// The clean text stores typographic characters as one-byte stand-ins (src/normalise/narrow.ts); nothing a user sees
// may show a stand-in, and patterns must match as if the characters were there.
import { describe, expect, it } from 'vitest';
import { mapOperative } from '../src/judge/context.js';
import { MatchIndex } from '../src/judge/match.js';
import { narrowText, widenText } from '../src/normalise/narrow.js';
import { normalise } from '../src/normalise/normalise.js';
import { describeSection } from '../src/normalise/sections.js';
import { compilePattern, loadRubric } from '../src/rubric/load.js';
import { scoreRaw } from '../src/score.js';

const TYPOGRAPHIC = '‐‑‒–—―†‡•…‰′″‹›€™';

describe('one-byte clean text', () => {
  it('puts every typographic character back as it was, and stores none of them', () => {
    const text = `a${TYPOGRAPHIC}b § ½ café`;
    const stored = narrowText(text);
    expect(stored).toHaveLength(text.length);
    expect([...stored].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(widenText(stored)).toBe(text);
  });

  it('turns control characters a text brings into U+FFFD, so no stand-in is ambiguous', () => {
    expect(widenText(narrowText('a\u0085b\u0097c'))).toBe('a\ufffdb\ufffdc');
  });

  it('quotes, sections and context show the bill’s own dashes', () => {
    const text = 'Be it enacted by the Senate and House.\nSEC. 2. CIVIL ACTION—LIABILITY.\nQualified immunity — the defense — is not a defense to liability under this section… and so on.';
    const report = scoreRaw({ source: 't', format: 'text', pages: [text] }, loadRubric(), { context: 4 });
    const evidence = report.practices.flatMap((p) => p.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.some((e) => e.quote.includes('— the defense —'))).toBe(true);
    expect(evidence.every((e) => !/[\u0080-\u009f]/.test(JSON.stringify(e)))).toBe(true);
    // A heading ends at its dash, as it did before the dash was stored as a stand-in.
    expect(evidence[0]!.section).toBe('SEC. 2. CIVIL ACTION');
  });

  it('stores a heading as the clean text does, matches heading rules on it, and shows it as the bill spells it', () => {
    const doc = normalise({ source: 't', format: 'text', pages: ['Be it enacted by the Senate and House.\nSEC. 2. FINDINGS • PURPOSES.\nCongress finds that qualified immunity harms people.'] });
    const section = doc.sections.find((s) => s.label === 'SEC. 2')!;
    expect([...section.heading].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(describeSection(section)).toBe('SEC. 2. FINDINGS • PURPOSES');
    // A rule that spells the bullet itself matches only if headings and patterns are in the same form.
    const rubric = loadRubric();
    const bulletRule = { pattern: 'findings • purposes', re: compilePattern('findings • purposes', {}, 'rubric.yml', 'test'), reason: 'findings' };
    const withRule = { ...rubric, nonOperative: { ...rubric.nonOperative, sections: [bulletRule] } };
    const { reasons } = mapOperative(new MatchIndex(doc, withRule), withRule);
    expect(reasons.at(-1)).toBe('findings (SEC. 2. FINDINGS • PURPOSES)');
  });

  it('matches a rubric pattern that spells a typographic character against the stored text', () => {
    const doc = normalise({ source: 't', format: 'text', pages: ['officers—and deputies'] });
    const re = compilePattern('officers—and', {}, 'rubric.yml', 'test');
    expect(re.test(doc.text)).toBe(true);
  });
});
