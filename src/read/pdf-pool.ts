// PDF extraction in reused worker threads, one per core: pdf.js is CPU-bound and single-threaded, so a batch needs threads to use
// every core. A worker that crashes, runs out of memory or hangs fails only the PDF it was reading (see worker-pool.ts).
import { availableParallelism } from 'node:os';
import { Worker, isMainThread } from 'node:worker_threads';
import { WorkerPool, builtWorkerFile } from '../worker-pool.js';
import { PDF_WORKER_ROLE, extractPages, type PdfResponse } from './pdf-worker.js';

export interface PdfPoolOptions {
  size: number;
  /** How long reading a PDF of this many bytes may take before its worker is presumed stuck. */
  timeoutMs: (bytes: number) => number;
  spawn: () => Worker;
}

/** The generic pool, speaking pdf-worker.ts's protocol: bytes in (moved, not copied), page texts out. */
export class PdfPool {
  readonly #pool: WorkerPool<{ bytes: Uint8Array }, { pages: string[] }>;

  constructor(options: PdfPoolOptions) {
    this.#pool = new WorkerPool({
      size: options.size,
      spawn: options.spawn,
      timeoutMs: (r) => options.timeoutMs(r.bytes.length),
      transfer: (r) => [r.bytes.buffer as ArrayBuffer],
    });
  }

  /** Page texts, or a rejection whose name and message come from pdf.js or say how the worker failed. */
  async extract(bytes: Uint8Array): Promise<string[]> {
    // A copy is moved to the worker, so the caller's buffer stays usable.
    return (await this.#pool.run({ bytes: new Uint8Array(bytes) })).pages;
  }

  /** Boots up to `n` readers now rather than on first use. */
  start(n: number): void {
    this.#pool.start(n);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

// Under vitest no built worker exists (see builtWorkerFile): PDFs are read in-thread there.
const WORKER_FILE = builtWorkerFile(import.meta.url, './pdf-worker.js');

let shared: PdfPool | undefined;

export function extractPdfText(bytes: Uint8Array): Promise<string[]> {
  // A bill already being scored in a worker thread reads its PDF there too, rather than start threads of its own.
  if (!WORKER_FILE || !isMainThread) return extractPages(new Uint8Array(bytes));
  return sharedPool(WORKER_FILE).extract(bytes);
}

/** Boots the reader threads for `pdfs` PDFs about to be read, so that their start-up overlaps the caller's. */
export function startPdfReaders(pdfs: number): void {
  if (WORKER_FILE && isMainThread && pdfs > 0) sharedPool(WORKER_FILE).start(pdfs);
}

function sharedPool(workerFile: string): PdfPool {
  return (shared ??= new PdfPool({
    size: availableParallelism(),
    // Generous: a long bill takes about a second; only a stuck reader takes minutes.
    timeoutMs: (n) => 60_000 + (n / 2 ** 20) * 30_000,
    spawn: () =>
      new Worker(workerFile, {
        workerData: { role: PDF_WORKER_ROLE },
        // A corrupt PDF that balloons fails that file, not the whole batch.
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
      }),
  }));
}
