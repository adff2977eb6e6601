// Reused worker threads, at most `size` at once, for CPU-bound work (pdf.js, judging) that would otherwise use one core.
// A worker that crashes, runs out of memory or hangs fails only the task it was running; the next task gets a fresh worker.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Transferable, Worker } from 'node:worker_threads';

/**
 * The built worker script `name` beside the module at `moduleUrl`, or null when there is none: under vitest the
 * modules run from src/*.ts, where no compiled worker exists, and the work runs in-thread instead.
 */
export function builtWorkerFile(moduleUrl: string, name: string): string | null {
  if (moduleUrl.endsWith('.ts')) return null;
  const file = fileURLToPath(new URL(name, moduleUrl));
  return existsSync(file) ? file : null;
}

export interface WorkerPoolOptions<Req> {
  size: number;
  /** How long a task may take before its worker is presumed stuck. */
  timeoutMs: (request: Req) => number;
  spawn: () => Worker;
  /** Buffers to move to the worker rather than copy. */
  transfer?: (request: Req) => Transferable[];
}

/** A worker answers `{ id, ...result }`, or `{ id, error: { name, message } }` when the task failed. */
export type WorkerReply<Res> = ({ id: number } & Res) | { id: number; error: { name: string; message: string } };

interface Task<Req, Res> {
  request: Req;
  resolve: (result: Res) => void;
  reject: (err: Error) => void;
}

interface Slot<Req, Res> {
  worker: Worker;
  dead: boolean;
  current?: { id: number; task: Task<Req, Res>; timer: NodeJS.Timeout };
}

export class WorkerPool<Req extends object, Res extends object> {
  #slots: Slot<Req, Res>[] = [];
  #queue: Task<Req, Res>[] = [];
  #nextId = 1;

  constructor(private readonly options: WorkerPoolOptions<Req>) {}

  /** The worker's answer, or a rejection whose name and message come from the worker or say how it failed. */
  run(request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ request, resolve, reject });
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

  #start(): Slot<Req, Res> {
    const slot: Slot<Req, Res> = { worker: this.options.spawn(), dead: false };
    slot.worker.unref(); // an idle worker must not keep the CLI alive
    slot.worker.on('message', (m: WorkerReply<Res>) => {
      if (m.id !== slot.current?.id) return;
      if ('error' in m) this.#settle(slot, (t) => t.reject(Object.assign(new Error(m.error.message), { name: m.error.name })));
      else this.#settle(slot, (t) => t.resolve(m));
    });
    slot.worker.on('error', (err) => this.#fail(slot, `the worker crashed (${err.message})`));
    slot.worker.on('exit', (code) => this.#fail(slot, `the worker stopped unexpectedly (exit code ${code})`));
    this.#slots.push(slot);
    return slot;
  }

  #run(slot: Slot<Req, Res>, task: Task<Req, Res>): void {
    const id = this.#nextId++;
    const ms = this.options.timeoutMs(task.request);
    const timer = setTimeout(() => {
      this.#fail(slot, `the worker gave up after ${Math.round(ms / 1000)} s`);
      void slot.worker.terminate();
    }, ms);
    slot.current = { id, task, timer };
    slot.worker.ref();
    slot.worker.postMessage({ id, ...task.request }, this.options.transfer?.(task.request) ?? []);
  }

  #settle(slot: Slot<Req, Res>, outcome: (task: Task<Req, Res>) => void): void {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.timer);
    slot.current = undefined;
    if (!slot.dead) slot.worker.unref();
    outcome(current.task);
    this.#pump();
  }

  #fail(slot: Slot<Req, Res>, message: string): void {
    if (!slot.dead) {
      slot.dead = true;
      this.#slots = this.#slots.filter((s) => s !== slot);
    }
    this.#settle(slot, (t) => t.reject(new Error(message)));
  }
}
