import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { PdfPool } from '../src/read/pdf-pool.js';

// Stand-in workers: the first byte of the "PDF" says what the reader does with it.
const FAKE_READER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, bytes }) => {
  const op = bytes[0];
  if (op === 1) parentPort.postMessage({ id, pages: ['page of ' + bytes.length] });
  if (op === 2) parentPort.postMessage({ id, error: { name: 'InvalidPDFException', message: 'Invalid PDF structure.' } });
  if (op === 3) throw new Error('boom');
  if (op === 4) process.exit(7);
  if (op === 5) for (;;);
});`;

let spawned = 0;
const pools: PdfPool[] = [];
function pool(size = 2, timeoutMs: (bytes: number) => number = () => 20_000): PdfPool {
  const p = new PdfPool({
    size,
    timeoutMs,
    spawn: () => {
      spawned++;
      return new Worker(FAKE_READER, { eval: true });
    },
  });
  pools.push(p);
  return p;
}
const pdf = (op: number, length = 3) => new Uint8Array(length).fill(op, 0, 1);

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  spawned = 0;
});

describe('PDF worker pool', () => {
  it('returns pages, and reuses its workers', async () => {
    const p = pool(2);
    const pages = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => p.extract(pdf(1, n))));
    expect(pages.map((x) => x[0])).toEqual(['page of 1', 'page of 2', 'page of 3', 'page of 4', 'page of 5', 'page of 6']);
    expect(spawned).toBe(2);
  });

  it("passes the reader's own error on, with its name", async () => {
    await expect(pool().extract(pdf(2))).rejects.toMatchObject({ name: 'InvalidPDFException', message: 'Invalid PDF structure.' });
  });

  it('fails only the PDF whose worker crashed or exited, and carries on with a fresh worker', async () => {
    const p = pool(1);
    const results = await Promise.allSettled([p.extract(pdf(3)), p.extract(pdf(4)), p.extract(pdf(1))]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/crashed \(boom\)/) } });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/stopped unexpectedly \(exit code 7\)/) } });
    expect(results[2]).toMatchObject({ status: 'fulfilled', value: ['page of 3'] });
    expect(spawned).toBe(3);
  });

  it('gives up on a worker that hangs, and the next PDF still gets read', async () => {
    // Only the hanging PDF (9 bytes) gets a short limit, so a slow worker start on a busy machine cannot fail the other.
    const p = pool(1, (n) => (n === 9 ? 300 : 20_000));
    const results = await Promise.allSettled([p.extract(pdf(5, 9)), p.extract(pdf(1))]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/gave up/) } });
    expect(results[1]).toMatchObject({ status: 'fulfilled' });
  });

  it('leaves the caller’s bytes usable after handing a copy to the worker', async () => {
    const bytes = pdf(1, 4);
    await pool().extract(bytes);
    expect(bytes.length).toBe(4);
  });
});
