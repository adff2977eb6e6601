// Runs every fixture sentence kept beside the built-in rubric's practices.
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../src/rubric/load.js';
import { loadFixtures, runFixtures } from '../src/rubric/fixtures.js';

const rubric = loadRubric();

describe('built-in rubric fixtures', () => {
  it.each(rubric.practices.map((p) => p.id))('%s has met and not_met fixtures', (id) => {
    const practice = rubric.practices.find((p) => p.id === id)!;
    const kinds = new Set(loadFixtures(practice).filter((f) => !f.todo).map((f) => f.expect));
    expect(kinds.has('met') || kinds.has('partial')).toBe(true);
    expect(kinds.has('not_met')).toBe(true);
  });

  const results = runFixtures(rubric).filter((r) => !r.todo);
  it.each(results.map((r) => [`${r.practice} ${r.expect}: ${r.note || r.text.slice(0, 60)} (${r.where})`, r] as const))('%s', (_, r) => {
    expect(r.got, `${r.where}\n${r.text}`).toBe(r.expect);
  });
});
