// The batch machinery on its own: ordered pool, input expansion (folders, globs, skipped files), when progress shows.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../src/cli/inputs.js';
import { poolSize, runOrdered } from '../src/cli/pool.js';
import { progressWanted } from '../src/cli/progress.js';
import type { Io } from '../src/cli/io.js';
import { billFolder } from './batch-helpers.js';

const folder = billFolder({ broken: true, extra: true });
afterAll(() => rmSync(folder.dir, { recursive: true, force: true }));

describe('runOrdered', () => {
  it('emits results in input order though later items finish first, never running more than the pool size', async () => {
    const delays = [40, 5, 30, 1, 20, 1, 10, 0];
    let running = 0;
    let most = 0;
    const finished: number[] = [];
    const emitted: Array<[number, number]> = [];
    await runOrdered(
      delays.map((d, i) => ({ d, i })),
      3,
      async ({ d, i }) => {
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, d));
        running--;
        finished.push(i);
        return i * 10;
      },
      (result, index) => emitted.push([result, index]),
    );
    expect(emitted).toEqual(delays.map((_, i) => [i * 10, i]));
    expect(finished).not.toEqual([...finished].sort((a, b) => a - b)); // they really did finish out of order
    expect(most).toBe(3);
  });

  it('copes with no items and sizes itself to the machine', async () => {
    const emitted: number[] = [];
    await runOrdered([], 4, async () => 1, (r) => emitted.push(r));
    expect(emitted).toEqual([]);
    expect(poolSize()).toBeGreaterThanOrEqual(2);
  });
});

describe('expandInputs', () => {
  it('walks folders recursively, takes any case of .txt/.md/.pdf, counts other files and ignores hidden ones', async () => {
    const e = await expandInputs([folder.dir]);
    expect(e.bills.map((b) => b.slice(folder.dir.length + 1))).toEqual([
      'broken.pdf',
      'co-crs-13-21-131-statute-partial.txt',
      'sub/us-hr3602-119-ih.TXT',
      'us-hr503-119-ih.txt',
    ]);
    expect(e.skipped).toBe(1);
    expect(e.failures).toEqual([]);
  });

  it('expands glob patterns, scores a bill named twice once, and puts - first', async () => {
    const e = await expandInputs([join(folder.dir, '**/*.{txt,TXT}'), join(folder.dir, 'us-hr503-119-ih.txt'), '-']);
    expect(e.bills[0]).toBe('-');
    expect(e.bills.slice(1).map((b) => b.slice(folder.dir.length + 1))).toEqual([
      'co-crs-13-21-131-statute-partial.txt',
      'sub/us-hr3602-119-ih.TXT',
      'us-hr503-119-ih.txt',
    ]);
  });

  it('counts what a glob matched that is not a bill, and reports a glob or path that finds nothing', async () => {
    const e = await expandInputs([join(folder.dir, '*'), join(folder.dir, '*.docx'), join(folder.dir, 'missing.txt')]);
    expect(e.skipped).toBe(1); // notes.csv
    expect(e.bills).toHaveLength(3);
    expect(e.failures.map((f) => f.error.code)).toEqual(['not-found', 'not-found']);
  });
});

describe('progress', () => {
  const io = (stderrIsTTY: boolean, env: NodeJS.ProcessEnv = {}): Io => ({ stdout() {}, stderr() {}, stdoutIsTTY: false, stderrIsTTY, env });
  it('shows only at a terminal, and not under CI or with --quiet', () => {
    expect(progressWanted(io(true), false)).toBe(true);
    expect(progressWanted(io(false), false)).toBe(false);
    expect(progressWanted(io(true, { CI: 'true' }), false)).toBe(false);
    expect(progressWanted(io(true, { CI: 'false' }), false)).toBe(true);
    expect(progressWanted(io(true), true)).toBe(false);
  });
});
