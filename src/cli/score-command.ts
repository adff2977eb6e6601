// The default command's options and help. Its work lives in score-run.ts, loaded only when bills are scored,
// so `billscore --help` does not pay for formatters, globbing and the scorer.
import { InvalidArgumentError, Option, type Command } from './commander.js';
import { FORMAT_NAMES, type FormatName } from '../report/format-names.js';
import type { Io } from './io.js';

export interface ScoreOptions {
  format: FormatName;
  rubric?: string;
  explain: boolean;
  color: boolean;
  quiet: boolean;
  output?: string;
  failUnder?: number;
  context?: number;
  jobs?: number;
}

export const EXIT_HELP = `
Exit status:
  0  every bill was scored (and, with --fail-under N, every one scored at least N)
  1  --fail-under N was given and some bill scored below N (of 9 with the built-in rubric)
  2  a usage error, a bad rubric, or an input that could not be read (wins over 1;
     every other bill is still reported)

Examples:
  billscore samples/us-hr3602-119-ih.pdf            report on one bill in the terminal
  billscore bill.txt --explain                       show which matcher fired or was vetoed, and why
  billscore bills/                                   a folder (recursive): one line per bill, then a summary
  billscore bills/ --format csv > scores.csv         one row per bill, one column per practice
  billscore 'bills/**/*.pdf' -f ndjson               glob patterns; one JSON line per bill as soon as it is done,
    | jq 'select(.type == "bill") | .score.total'    then a summary line ("type": "summary")
  billscore bills/ -f json -o scores.json            write the report to a file (atomically)
  billscore bills/ --fail-under 5 -q                 exit 1 if any bill scores below 5/9 (for CI)
  cat bill.txt | billscore -                         read a bill from standard input`;

export function registerScoreCommand(program: Command, io: Io, done: (code: number) => void): Command {
  return program
    .command('score', { isDefault: true })
    .description('score bills (the default command)')
    .argument('[bills...]', 'bill files (.txt, .md, .pdf; detected by content), folders (recursive), glob patterns, or - for standard input')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('pretty'))
    .option('-o, --output <file>', 'write the report to this file instead of stdout (atomically: all or nothing)')
    .option('--fail-under <n>', 'exit 1 if any bill scores below n (total points; 9 with the built-in rubric)', parseScore)
    .option('--rubric <file>', 'score against another rubric file (same format as the built-in one)')
    .option('--explain', 'show every matcher under each practice: what fired, what was vetoed and why', false)
    .option('--context <n>', 'show n words of the bill around each quote, the quoted words highlighted (JSON: evidence.context)', parseWords)
    .option('--no-color', 'plain text without colours (also honoured: NO_COLOR)')
    .option('-q, --quiet', 'no progress or messages on stderr except errors', false)
    .option('-j, --jobs <n>', 'threads to score a batch with: 1 scores in the main thread, more in worker threads (default: 1 on two cores, else one per core but one)', parseJobs)
    .addHelpText('after', EXIT_HELP)
    .action(async (bills: string[], opts: ScoreOptions) => {
      const { scoreCommand } = await import('./score-run.js');
      done(await scoreCommand(bills, opts, io));
    });
}

function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('give a score, e.g. 4 or 4.5');
  return n;
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 64) throw new InvalidArgumentError('give a number of threads from 1 to 64, e.g. 2');
  return n;
}

export function parseWords(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 200) throw new InvalidArgumentError('give a number of words from 0 to 200, e.g. 8');
  return n;
}

