import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool } from '../src/worker-pool.js';

// A stand-in worker: `op` says what it does with a task.
const FAKE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, op, ms }) => {
  if (op === 'echo') parentPort.postMessage({ id, value: 'done ' + id });
  if (op === 'busy') { const end = Date.now() + ms; while (Date.now() < end); parentPort.postMessage({ id, value: 'busy ' + id }); }
  if (op === 'crash') throw new Error('boom');
  if (op === 'hang') for (;;);
});`;

interface Req {
  op: 'echo' | 'busy' | 'crash' | 'hang';
  ms?: number;
  timeout?: number;
}

let spawned = 0;
const pools: WorkerPool<Req, { value: string }>[] = [];
function pool(size: number, depth: number): WorkerPool<Req, { value: string }> {
  const p = new WorkerPool<Req, { value: string }>({
    size,
    depth,
    timeoutMs: (r) => r.timeout ?? 20_000,
    spawn: () => {
      spawned++;
      return new Worker(FAKE, { eval: true });
    },
  });
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  spawned = 0;
});

describe('worker pool with two tasks in flight per worker', () => {
  it('answers every task, in any order of arrival, from as many workers as it may start', async () => {
    const p = pool(2, 2);
    const values = await Promise.all(Array.from({ length: 9 }, () => p.run({ op: 'echo' })));
    expect(new Set(values.map((v) => v.value)).size).toBe(9);
    expect(spawned).toBe(2);
  });

  it('fails only the task a crashed worker was running; the one waiting behind it runs on a fresh worker', async () => {
    const p = pool(1, 2);
    const [crashed, waiting, later] = await Promise.allSettled([p.run({ op: 'crash' }), p.run({ op: 'echo' }), p.run({ op: 'echo' })]);
    expect(crashed).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/crashed \(boom\)/) } });
    expect(waiting).toMatchObject({ status: 'fulfilled' });
    expect(later).toMatchObject({ status: 'fulfilled' });
    expect(spawned).toBe(2);
  });

  it('times out the hanging task only; the task queued behind it on that worker is not lost', async () => {
    const p = pool(1, 2);
    const [hung, waiting] = await Promise.allSettled([p.run({ op: 'hang', timeout: 300 }), p.run({ op: 'echo' })]);
    expect(hung).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/gave up/) } });
    expect(waiting).toMatchObject({ status: 'fulfilled' });
  });

  it('starts a task’s clock when its turn comes, not while it waits behind a slow one', async () => {
    const p = pool(1, 2);
    // The second task would time out after 150 ms if its clock ran while the first keeps the worker busy for 400 ms.
    const results = await Promise.allSettled([p.run({ op: 'busy', ms: 400 }), p.run({ op: 'echo', timeout: 150 })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(spawned).toBe(1);
  });

  it('rejects tasks still in flight when closed, instead of leaving them pending', async () => {
    const p = pool(1, 2);
    const outcome = expect(p.run({ op: 'hang' })).rejects.toThrow(/closed/);
    await new Promise((r) => setTimeout(r, 50));
    await p.close();
    await outcome;
  });
});
