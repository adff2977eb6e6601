// MatchIndex.within searches a short range on its own instead of scanning the whole bill. That must not change what it
// finds: for real bills, every rubric pattern and every sentence, the answer equals the whole-bill scan cut to the range.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MatchIndex } from '../src/judge/match.js';
import { normalise } from '../src/normalise/normalise.js';
import { readBill } from '../src/read/read.js';
import { loadRubric } from '../src/rubric/load.js';
import { CORPUS } from './helpers/run-cli.js';

const patterns = [
  ...new Map(
    loadRubric()
      .practices.flatMap((p) => [
        ...p.matchers.flatMap((m) => [...m.all, ...m.unless, ...m.context]),
        ...p.vetoes,
      ])
      .map(({ re }) => [re.source, re]),
  ).values(),
];
const bills = readdirSync(CORPUS).filter((f) => f.endsWith('.txt'));

describe('searching a range of a bill', () => {
  it.each(bills)('%s: finds in each sentence what the whole-bill scan finds there', async (name) => {
    const doc = normalise(await readBill(join(CORPUS, name)));
    const whole = new MatchIndex(doc);
    let compared = 0;
    for (const re of patterns) {
      const wholeScan = whole.all(re);
      for (const s of doc.sentences) {
        const inRange = wholeScan.filter((m) => m.start >= s.start && m.end <= s.end);
        // A fresh index has not scanned the pattern yet, so it searches the sentence alone.
        expect(new MatchIndex(doc).within(re, s.start, s.end), `${re.source.slice(0, 60)} at ${s.start}`).toEqual(inRange);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('gives the same answers when one index is asked about sentence after sentence, past the point where it scans the whole bill', async () => {
    const doc = normalise(await readBill(join(CORPUS, 'us-hr3602-119-ih.txt')));
    const index = new MatchIndex(doc);
    const re = /\bshall\b/gi;
    const all = [...doc.text.matchAll(/\bshall\b/gi)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    for (const s of doc.sentences) {
      expect(index.within(re, s.start, s.end)).toEqual(all.filter((m) => m.start >= s.start && m.end <= s.end));
    }
    expect(index.all(re)).toEqual(all);
  });
});
