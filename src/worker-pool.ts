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
  /**
   * Tasks sent to one worker before it answers (default 1). Two keep a worker busy while its answer travels back
   * and the next task travels out; the worker runs them in turn.
   */
  depth?: number;
  /** How long a task may take, once it is a worker's oldest, before its worker is presumed stuck. */
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
  /** Sent and not yet answered, oldest first. */
  inFlight: Map<number, Task<Req, Res>>;
  /** Runs for the oldest task in flight only: a task waiting its turn is not stuck. */
  timer?: NodeJS.Timeout;
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

  /** Boots up to `n` workers now rather than on first use, so their start-up overlaps the caller's own. */
  start(n: number): void {
    while (this.#slots.length < Math.min(n, this.options.size)) this.#start();
  }

  /** Stops every worker; later calls start new ones. */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    for (const s of slots) {
      s.dead = true;
      clearTimeout(s.timer);
      for (const task of s.inFlight.values()) task.reject(new Error('the worker pool was closed'));
      s.inFlight.clear();
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  #pump(): void {
    const depth = this.options.depth ?? 1;
    while (this.#queue.length) {
      // An idle worker first, then a new one, and only then a second task for a busy one.
      let slot = this.#slots.find((s) => s.inFlight.size === 0);
      if (!slot && this.#slots.length < this.options.size) slot = this.#start();
      slot ??= this.#slots.find((s) => s.inFlight.size < depth);
      if (!slot) return;
      this.#send(slot, this.#queue.shift()!);
    }
  }

  #start(): Slot<Req, Res> {
    const slot: Slot<Req, Res> = { worker: this.options.spawn(), dead: false, inFlight: new Map() };
    slot.worker.on('message', (m: WorkerReply<Res>) => {
      const task = slot.inFlight.get(m.id);
      if (!task || slot.dead) return;
      this.#forget(slot, m.id);
      if ('error' in m) task.reject(Object.assign(new Error(m.error.message), { name: m.error.name }));
      else task.resolve(m);
      this.#pump();
    });
    slot.worker.on('error', (err) => this.#fail(slot, `the worker crashed (${err.message})`));
    slot.worker.on('exit', (code) => this.#fail(slot, `the worker stopped unexpectedly (exit code ${code})`));
    // An idle worker must not keep the CLI alive. After the 'message' listener: adding one refs the worker's port again,
    // and a worker booted ahead of use (start) that never got a task then held the process open after an early error.
    slot.worker.unref();
    this.#slots.push(slot);
    return slot;
  }

  #send(slot: Slot<Req, Res>, task: Task<Req, Res>): void {
    const id = this.#nextId++;
    slot.inFlight.set(id, task);
    if (slot.inFlight.size === 1) this.#startTimer(slot);
    slot.worker.ref();
    slot.worker.postMessage({ id, ...task.request }, this.options.transfer?.(task.request) ?? []);
  }

  #startTimer(slot: Slot<Req, Res>): void {
    const oldest = slot.inFlight.values().next().value;
    if (!oldest) return;
    const ms = this.options.timeoutMs(oldest.request);
    slot.timer = setTimeout(() => {
      this.#fail(slot, `the worker gave up after ${Math.round(ms / 1000)} s`);
      void slot.worker.terminate();
    }, ms);
  }

  #forget(slot: Slot<Req, Res>, id: number): void {
    const wasOldest = slot.inFlight.keys().next().value === id;
    slot.inFlight.delete(id);
    if (wasOldest) {
      clearTimeout(slot.timer);
      this.#startTimer(slot);
    }
    if (slot.inFlight.size === 0) slot.worker.unref();
  }

  /**
   * The worker is gone: its oldest task, the one it was running, fails with `message`; tasks still waiting their turn
   * on it go back to the front of the queue for a fresh worker.
   */
  #fail(slot: Slot<Req, Res>, message: string): void {
    if (slot.dead) return;
    slot.dead = true;
    clearTimeout(slot.timer);
    this.#slots = this.#slots.filter((s) => s !== slot);
    const [running, ...waiting] = slot.inFlight.values();
    slot.inFlight.clear();
    this.#queue.unshift(...waiting);
    running?.reject(new Error(message));
    this.#pump();
  }
}
