// PDF extraction in reused worker threads, one per core: pdf.js is CPU-bound and single-threaded, so a batch needs threads to use
// every core. A worker that crashes, runs out of memory or hangs fails only the PDF it was reading; the next PDF gets a fresh worker.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PDF_WORKER_ROLE, extractPages, type PdfResponse } from './pdf-worker.js';

export interface PdfPoolOptions {
  size: number;
  /** How long reading a PDF of this many bytes may take before its worker is presumed stuck. */
  timeoutMs: (bytes: number) => number;
  spawn: () => Worker;
}

interface Task {
  bytes: Uint8Array;
  resolve: (pages: string[]) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  dead: boolean;
  current?: { id: number; task: Task; timer: NodeJS.Timeout };
}

export class PdfPool {
  #slots: Slot[] = [];
  #queue: Task[] = [];
  #nextId = 1;

  constructor(private readonly options: PdfPoolOptions) {}

  /** Page texts, or a rejection whose name and message come from pdf.js or say how the worker failed. */
  extract(bytes: Uint8Array): Promise<string[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ bytes, resolve, reject });
      this.#pump();
    });
  }

  /** Stops every worker; later calls start new ones. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    for (const s of slots) s.dead = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length) {
      let slot = this.#slots.find((s) => !s.dead && !s.current);
      if (!slot) {
        if (this.#slots.length >= this.options.size) return;
        slot = this.#start();
      }
      this.#run(slot, this.#queue.shift()!);
    }
  }

  #start(): Slot {
    const slot: Slot = { worker: this.options.spawn(), dead: false };
    slot.worker.unref(); // an idle worker must not keep the CLI alive
    slot.worker.on('message', (m: PdfResponse) => {
      if (m.id !== slot.current?.id) return;
      if ('pages' in m) this.#settle(slot, (t) => t.resolve(m.pages));
      else this.#settle(slot, (t) => t.reject(Object.assign(new Error(m.error.message), { name: m.error.name })));
    });
    slot.worker.on('error', (err) => this.#fail(slot, `the PDF reader crashed (${err.message})`));
    slot.worker.on('exit', (code) => this.#fail(slot, `the PDF reader stopped unexpectedly (exit code ${code})`));
    this.#slots.push(slot);
    return slot;
  }

  #run(slot: Slot, task: Task): void {
    const id = this.#nextId++;
    const ms = this.options.timeoutMs(task.bytes.length);
    const timer = setTimeout(() => {
      this.#fail(slot, `the PDF reader gave up after ${Math.round(ms / 1000)} s`);
      void slot.worker.terminate();
    }, ms);
    slot.current = { id, task, timer };
    slot.worker.ref();
    const copy = new Uint8Array(task.bytes); // transferred, so the caller's buffer stays usable
    slot.worker.postMessage({ id, bytes: copy }, [copy.buffer]);
  }

  #settle(slot: Slot, outcome: (task: Task) => void): void {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    if (!slot.dead) slot.worker.unref();
    outcome(current.task);
    this.#pump();
  }

  #fail(slot: Slot, message: string): void {
    if (!slot.dead) {
      slot.dead = true;
      this.#slots = this.#slots.filter((s) => s !== slot);
    }
    this.#settle(slot, (t) => t.reject(new Error(message)));
  }
}

// Under vitest this module runs from src/, where no built worker exists: read in-thread there.
const WORKER_FILE = fileURLToPath(new URL('./pdf-worker.js', import.meta.url));
const HAS_WORKER = !import.meta.url.endsWith('.ts') && existsSync(WORKER_FILE);

let shared: PdfPool | undefined;

export function extractPdfText(bytes: Uint8Array): Promise<string[]> {
  if (!HAS_WORKER) return extractPages(new Uint8Array(bytes));
  shared ??= new PdfPool({
    size: availableParallelism(),
    // Generous: a long bill takes about a second; only a stuck reader takes minutes.
    timeoutMs: (n) => 60_000 + (n / 2 ** 20) * 30_000,
    spawn: () =>
      new Worker(WORKER_FILE, {
        workerData: { role: PDF_WORKER_ROLE },
        // A corrupt PDF that balloons fails that file, not the whole batch.
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
      }),
  });
  return shared.extract(bytes);
}
