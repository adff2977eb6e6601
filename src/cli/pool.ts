// A small concurrency pool: bills are read and scored side by side, but reported in input (path) order.
import { availableParallelism } from 'node:os';

/**
 * At least 2, so one slow PDF never holds up the text bills behind it even on one core;
 * at most 16, because each bill in flight holds its whole text.
 */
export function poolSize(): number {
  return Math.min(16, Math.max(2, availableParallelism()));
}

/**
 * Runs `work` on every item with at most `size` at a time and calls `emit` in item order as soon as
 * every earlier item is done. Only finished-but-not-yet-emitted results are held. `work` must not throw.
 */
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
