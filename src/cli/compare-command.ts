// `billscore compare OLD NEW`: score two versions of a bill and show what the amendment gained or lost, practice by practice.
// Its work lives in compare-run.ts, loaded only when the command runs.
import { Option, type Command } from './commander.js';
import type { Io } from './io.js';
import { parseWords } from './score-command.js';

export interface CompareOptions {
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
      const { compareCommand } = await import('./compare-run.js');
      done(await compareCommand(before, after, opts, io));
    });
}
