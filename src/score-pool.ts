// Scoring a batch in reused worker threads: each reads, normalises and judges whole bills, while the main thread hands
// them out and prints the report.
// Runs from source (vitest) score in the main thread; so must callers for standard input, which only the main thread can read.
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BillscoreError } from './errors.js';
import { isPdfName } from './read/pdf.js';
import type { JudgeOptions } from './judge/judge.js';
import type { BillReport } from './model.js';
import { errorReport } from './score.js';
import { SCORE_WORKER_ROLE, type ScoreReply, type ScoreRequest } from './score-worker.js';
import { WorkerPool, builtWorkerFile } from './worker-pool.js';

const WORKER_FILE = builtWorkerFile(import.meta.url, './score-worker.js');

/**
 * Single-thread cost of scoring, per KiB of input, roughly as measured on the dev corpus: text bills are judged at
 * about 5 MB/s, while pdf.js reads a PDF ten times slower.
 */
const MS_PER_KIB = { text: 0.2, pdf: 2 };
/** What a thread costs to boot and warm up (JIT, regular expressions); a batch must be worth a few of those to share. */
const THREAD_START_MS = 300;

export type ScoreFn = (source: string) => Promise<BillReport>;

export interface ThreadedScorer {
  score: ScoreFn;
  close: () => Promise<void>;
  /** Bills to keep in flight so that no thread waits for its next one. */
  concurrency: number;
}

/**
 * Scoring threads for a batch when the user does not say. On two cores one (the main thread) is fastest: V8 compiles
 * and collects garbage on threads of its own, which keep the second core busy already. Measured here, a second scoring
 * thread made 352 text bills 10% slower and 704 only 4% faster, and 100 PDFs (read in threads of their own) 2% slower.
 * With more cores, one is left for that background work.
 */
function defaultThreads(cores: number = availableParallelism()): number {
  return cores <= 2 ? 1 : cores - 1;
}

/**
 * `threads` worker threads for a batch, or null to score it in the calling thread (one thread asked for, or by
 * default when the batch is too small to repay their start-up). `rubricPath` is what each thread loads (from the
 * compiled cache).
 */
export function threadedScorer(
  sources: string[],
  rubricPath: string | undefined,
  options: JudgeOptions,
  threads?: number,
): ThreadedScorer | null {
  const size = threads ?? defaultThreads();
  if (!WORKER_FILE || size < 2 || sources.length < 2) return null;
  if (threads === undefined && estimatedMs(sources) < 3 * THREAD_START_MS) return null;
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
  pool.start(Math.min(size, sources.length));
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
    concurrency: size * depth,
  };
}

/** How long one thread would take, from file sizes and kinds; a guess, to decide whether threads pay. */
function estimatedMs(sources: string[]): number {
  let ms = 0;
  for (const source of sources) {
    try {
      ms += (statSync(source).size / 1024) * (isPdfName(source) ? MS_PER_KIB.pdf : MS_PER_KIB.text);
    } catch {
      // reading it will report the problem
    }
  }
  return ms;
}
