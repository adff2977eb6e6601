// `billscore compare OLD NEW`: score two versions of a bill and show what the amendment gained or lost, practice by practice.
import { Option, type Command } from 'commander';
import { BillscoreError, EXIT } from '../errors.js';
import { compareVersions } from '../compare/compare.js';
import type { BillReport } from '../model.js';
import { formatComparePretty } from '../report/compare-pretty.js';
import { scoreSource } from '../score.js';
import { useColor, type Io } from './io.js';
import { parseWords, reportHead } from './score-command.js';

interface CompareOptions {
  format: 'pretty' | 'json';
  rubric?: string;
  color: boolean;
  context?: number;
}

const HELP = `
Exit status:
  0  both versions were scored and compared
  2  a usage error, a bad rubric, or a version that could not be read

Struck text does not count for the version that strikes it: a bill that says bracketed
matter is to be omitted ("[ ] is old law to be omitted") is scored without it.

Examples:
  billscore compare draft.pdf introduced.txt          what the introduced text gained or lost
  billscore compare old.txt new.txt --format json     the same, for other tools`;

export function registerCompareCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('compare')
    .description('score two versions of a bill and show, per practice, what the newer one gained or lost')
    .argument('<old>', 'the earlier version (text or PDF)')
    .argument('<new>', 'the later version (text or PDF)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['pretty', 'json']).default('pretty'))
    .option('--rubric <file>', 'compare against another rubric file')
    .option('--context <n>', 'show n words of the bill around each quote (JSON: evidence.context)', parseWords)
    .option('--no-color', 'plain text without colours (also honoured: NO_COLOR)')
    .addHelpText('after', HELP)
    .action(async (before: string, after: string, opts: CompareOptions) => {
      done(await compareCommand(before, after, opts, io));
    });
}

async function compareCommand(before: string, after: string, opts: CompareOptions, io: Io): Promise<number> {
  const { BUILTIN_RUBRIC, loadRubric } = await import('../rubric/load.js'); // not at start-up: yaml and zod are slow to load
  const rubric = loadRubric(opts.rubric ?? BUILTIN_RUBRIC);
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
