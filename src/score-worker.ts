// Scores bills in a worker thread, so a batch judges on every core. Started by score-pool.ts.
import { parentPort, workerData } from 'node:worker_threads';
import type { JudgeOptions } from './judge/judge.js';
import type { BillReport } from './model.js';

export const SCORE_WORKER_ROLE = 'billscore-score';

export interface ScoreRequest {
  source: string;
  options: JudgeOptions;
}

export interface ScoreReply {
  report: BillReport;
}

interface ScoreWorkerData {
  role: string;
  rubric?: string;
}

// Only a worker started by the pool answers messages; an import on the main thread must not touch its port.
const data = workerData as ScoreWorkerData | null;
if (parentPort && data?.role === SCORE_WORKER_ROLE) {
  const port = parentPort;
  const ready = (async () => {
    const [{ loadRubricCached }, { scoreSource }] = await Promise.all([import('./rubric/compiled-cache.js'), import('./score.js')]);
    return { rubric: await loadRubricCached(data.rubric), scoreSource };
  })();
  port.on('message', async ({ id, source, options }: ScoreRequest & { id: number }) => {
    try {
      const { rubric, scoreSource } = await ready;
      port.postMessage({ id, report: await scoreSource(source, rubric, options) });
    } catch (err) {
      const e = err as { name?: string; message?: string };
      port.postMessage({ id, error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? err) } });
    }
  });
}
