// Scoring a batch on every core: each bill is read, normalised and judged in a reused worker thread.
// Runs from source (vitest) score in the main thread; so must callers for standard input, which only the main thread can read.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BillscoreError } from './errors.js';
import type { JudgeOptions } from './judge/judge.js';
import type { BillReport } from './model.js';
import { errorReport } from './score.js';
import { SCORE_WORKER_ROLE, type ScoreReply, type ScoreRequest } from './score-worker.js';
import { WorkerPool, builtWorkerFile } from './worker-pool.js';

const WORKER_FILE = builtWorkerFile(import.meta.url, './score-worker.js');

/** Threads pay their start-up (about the cost of a few short bills) only when there are bills enough to share. */
const MIN_BILLS_FOR_THREADS = 8;

export type ScoreFn = (source: string) => Promise<BillReport>;

/**
 * A scorer for `count` bills: threads when the machine has cores to spare and the batch is large enough,
 * else null (score in the main thread). `rubricPath` is what each thread loads (from the compiled cache).
 */
export function threadedScorer(
  count: number,
  rubricPath: string | undefined,
  options: JudgeOptions,
): { score: ScoreFn; close: () => Promise<void>; concurrency: number } | null {
  const size = availableParallelism();
  if (!WORKER_FILE || size < 2 || count < MIN_BILLS_FOR_THREADS) return null;
  const depth = 2;
  const pool = new WorkerPool<ScoreRequest, ScoreReply>({
    size,
    depth,
    // Generous: a long bill takes seconds; only a stuck thread takes minutes.
    timeoutMs: () => 5 * 60_000,
    spawn: () =>
      new Worker(WORKER_FILE, {
        workerData: { role: SCORE_WORKER_ROLE, rubric: rubricPath },
        // A bill that balloons fails that bill, not the whole batch.
        resourceLimits: { maxOldGenerationSizeMb: 2048 },
      }),
  });
  pool.start(Math.min(size, count));
  return {
    score: async (source) => {
      try {
        return (await pool.run({ source, options })).report;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return errorReport(source, new BillscoreError('internal', `${source} could not be scored: ${message} (please report it with this file)`, source));
      }
    },
    close: () => pool.close(),
    /** Bills to keep in flight so that no thread waits for its next one. */
    concurrency: size * depth,
  };
}
