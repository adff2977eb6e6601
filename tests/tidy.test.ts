// tidy walks a line once; it must give what its passes, one regular expression each, would.
import { describe, expect, it } from 'vitest';
import { narrowText } from '../src/normalise/narrow.js';
import { tidy } from '../src/normalise/tidy.js';

const byPasses = (s: string) =>
  narrowText(
    s
      .replace(/``|''|[“”„‟]|‘‘|’’/g, '"')
      .replace(/[‘’‛]/g, "'")
      .replace(/[\u00a0\u2000-\u200b\u202f\u3000\t]/g, ' ')
      .replace(/\u00ad/g, '')
      .replace(/ {2,}/g, ' ')
      .trim(),
  );

const ALPHABET = [...'`\'‘’‛“”„‟" \t\u00a0\u2000\u200a\u200b\u200c\u202f\u3000\u00ad\u2028\ufeff\u1680\u0085\u0097—…€™ab§é中\n'];

/** A fixed sequence of pseudo-random numbers, so a failure can be repeated. */
function* numbers(seed: number): Generator<number> {
  for (let x = seed; ; ) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}

describe('tidy', () => {
  it('equals its passes on random lines of quote, space and typographic characters', () => {
    const random = numbers(7);
    const differ: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const length = random.next().value! % 14;
      let line = '';
      for (let j = 0; j < length; j++) line += ALPHABET[random.next().value! % ALPHABET.length];
      if (tidy(line) !== byPasses(line)) differ.push(JSON.stringify(line));
    }
    expect(differ).toEqual([]);
  });

  it('equals its passes on long lines', () => {
    for (const line of ['a’ '.repeat(10000), `  ${'x'.repeat(8191)}— `, '“q” '.repeat(3000) + '\u3000', 'ab  c'.repeat(5000)]) {
      expect(tidy(line)).toBe(byPasses(line));
    }
  });
});
