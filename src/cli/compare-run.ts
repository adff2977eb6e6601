// Scoring two versions of a bill and printing what the newer one gained or lost.
import { compareVersions } from '../compare/compare.js';
import { BillscoreError, EXIT } from '../errors.js';
import type { BillReport } from '../model.js';
import { formatComparePretty } from '../report/compare-pretty.js';
import { loadRubricCached } from '../rubric/compiled-cache.js';
import { scoreSource } from '../score.js';
import type { CompareOptions } from './compare-command.js';
import { useColor, type Io } from './io.js';
import { reportHead } from './score-run.js';

export async function compareCommand(before: string, after: string, opts: CompareOptions, io: Io): Promise<number> {
  const rubric = await loadRubricCached(opts.rubric);
  const options = { context: opts.context };
  const [o, n] = [scored(await scoreSource(before, rubric, options)), scored(await scoreSource(after, rubric, options))];
  const report = compareVersions(reportHead(rubric), o, n);
  const width = Number(io.env.COLUMNS) || 100;
  io.stdout(opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatComparePretty(report, { color: useColor(opts, io), width }));
  return EXIT.ok;
}

/** A version that could not be scored leaves nothing to compare: its error is the whole answer. */
function scored(bill: BillReport): Parameters<typeof compareVersions>[1] {
  if (bill.status !== 'ok' || !bill.score) throw new BillscoreError(bill.error?.code ?? 'internal', bill.error?.message ?? `${bill.source} could not be scored`, bill.source);
  return bill as Parameters<typeof compareVersions>[1];
}
