// A small concurrency pool: bills are read and scored side by side, but reported in input (path) order.
import { availableParallelism } from 'node:os';

/**
 * Bills in flight at once when scoring in this thread: enough that the PDF reader threads always have a file waiting
 * while this thread judges (2 per core measured 10% slower than 4 on a PDF batch), and that one slow PDF never holds up
 * the text bills behind it; at most 16, because each bill in flight holds its whole text.
 */
export function poolSize(): number {
  return Math.min(16, 4 * Math.max(1, availableParallelism()));
}

export async function runOrdered<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
  emit: (result: R, index: number) => void,
): Promise<void> {
  const waiting = new Map<number, R>();
  let started = 0;
  let emitted = 0;
  const worker = async () => {
    while (started < items.length) {
      const i = started++;
      waiting.set(i, await work(items[i]!));
      while (waiting.has(emitted)) {
        const result = waiting.get(emitted)!;
        waiting.delete(emitted);
        emit(result, emitted++);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}
