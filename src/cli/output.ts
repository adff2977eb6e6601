// Where the report goes: stdout, or --output FILE written atomically so no reader ever sees half a report.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { BillscoreError } from '../errors.js';

export interface Sink {
  write(text: string): void;
  /** Puts the finished report in place. */
  commit(): void;
  /** Drops whatever was written; safe to call more than once or after commit. */
  abort(): void;
}

export function stdoutSink(write: (text: string) => void): Sink {
  return { write, commit() {}, abort() {} };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Writes to a temporary file beside the target (same folder, so the rename cannot cross file systems)
 * and renames it into place on commit. Interrupted by a signal, it removes the temporary file and
 * lets the signal end the process, so the target is either the old file or the whole new one.
 */
export function atomicFileSink(target: string, onInterrupt: () => void = () => {}): Sink {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null;
  try {
    fd = openSync(temp, 'wx', 0o666);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (err as Error).message;
    throw new BillscoreError('usage', `cannot write --output ${target}: ${why}`, target);
  }

  const cleanup = () => {
    if (fd === null) return;
    closeSync(fd);
    fd = null;
    try {
      unlinkSync(temp);
    } catch {
      // Already gone: nothing to clean.
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    detach();
    cleanup();
    onInterrupt();
    process.kill(process.pid, signal); // re-raised, so the caller sees the signal the way it sent it
  };
  const detach = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', cleanup);
  };
  for (const s of SIGNALS) process.once(s, onSignal);
  process.once('exit', cleanup); // e.g. the reader of stdout went away and the process exits early

  return {
    write(text) {
      if (fd !== null) writeSync(fd, text);
    },
    commit() {
      if (fd === null) return;
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      detach();
      try {
        renameSync(temp, target);
      } catch (err) {
        unlinkSync(temp);
        throw new BillscoreError('usage', `cannot write --output ${target}: ${(err as Error).message}`, target);
      }
    },
    abort() {
      detach();
      cleanup();
    },
  };
}
