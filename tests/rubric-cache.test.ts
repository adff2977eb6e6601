import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_RUBRIC } from '../src/rubric/builtin.js';
import { cacheDir, loadRubricCached } from '../src/rubric/compiled-cache.js';
import { scoreSource } from '../src/score.js';
import { CORPUS } from './helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'billscore-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('compiled rubric cache', () => {
  const rubricDir = join(tmp, 'eqi');
  cpSync(dirname(BUILTIN_RUBRIC), rubricDir, { recursive: true });
  const rubricFile = join(rubricDir, 'rubric.yml');
  const cache = join(tmp, 'cache');

  it('gives back, from disk, a rubric equal to the freshly compiled one, and it scores the same', async () => {
    const fresh = await loadRubricCached(rubricFile, cache);
    expect(readdirSync(cache)).toHaveLength(1);
    const cached = await loadRubricCached(rubricFile, cache);
    expect(cached).not.toBe(fresh); // read back from disk, not the in-memory copy
    expect(cached).toEqual(fresh);
    expect(cached.evaluationOrder.every((p) => cached.practices.includes(p))).toBe(true);
    for (const bill of ['us-hr5361-119-ih.txt', 'co-crs-13-21-131-statute-partial.txt', 'ny-s2887-2023.txt']) {
      const a = await scoreSource(join(CORPUS, bill), fresh, { explain: true });
      const b = await scoreSource(join(CORPUS, bill), cached, { explain: true });
      expect(b).toEqual(a);
    }
  });

  it('is not used once any file of the rubric has changed', async () => {
    const before = await loadRubricCached(rubricFile, cache);
    appendFileSync(join(rubricDir, 'practices', 'end-damage-caps.yml'), '\n# edited\n');
    const after = await loadRubricCached(rubricFile, cache);
    // Compiled again: loadRubric's in-process copy comes back, not a new one read from disk.
    expect(after).not.toBe(before);
    expect(await loadRubricCached(rubricFile, cache)).not.toBe(after);
  });

  it('can be moved or turned off', () => {
    expect(cacheDir({ BILLSCORE_CACHE: 'off' })).toBeNull();
    expect(cacheDir({ BILLSCORE_CACHE: '/x/y' })).toBe('/x/y');
    expect(cacheDir({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'billscore'));
  });

  it('still compiles when the cache folder cannot be written', async () => {
    // A folder inside a plain file can never be made (ENOTDIR).
    const blocked = join(rubricFile, 'cache');
    const r = await loadRubricCached(rubricFile, blocked);
    expect(r.practices.length).toBeGreaterThan(0);
    expect(existsSync(blocked)).toBe(false);
  });
});
