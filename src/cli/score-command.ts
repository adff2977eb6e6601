// The default command: score bills side by side and print one report, streamed when the format allows it.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { BillscoreError, EXIT } from '../errors.js';
import type { BillReport, ReportHead } from '../model.js';
import { FORMAT_NAMES, FORMATTERS, isStreaming, type FormatContext, type FormatName } from '../report/formatters.js';
import { summarise } from '../report/summary.js';
import { loadRubricCached } from '../rubric/compiled-cache.js';
import type { Rubric } from '../rubric/load.js';
import { errorReport, scoreSource } from '../score.js';
import { SCHEMA_VERSION, VERSION } from '../version.js';
import { byPath, expandInputs } from './inputs.js';
import { useColor, type Io } from './io.js';
import { atomicFileSink, stdoutSink, type Sink } from './output.js';
import { poolSize, runOrdered } from './pool.js';
import { createProgress, progressWanted } from './progress.js';

export interface ScoreOptions {
  format: FormatName;
  rubric?: string;
  explain: boolean;
  color: boolean;
  quiet: boolean;
  output?: string;
  failUnder?: number;
  context?: number;
}

export const EXIT_HELP = `
Exit status:
  0  every bill was scored (and, with --fail-under N, every one scored at least N)
  1  --fail-under N was given and some bill scored below N out of 9
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
    .option('--fail-under <n>', 'exit 1 if any bill scores below n (out of 9)', parseScore)
    .option('--rubric <file>', 'score against another rubric file (same format as the built-in one)')
    .option('--explain', 'show every matcher under each practice: what fired, what was vetoed and why', false)
    .option('--context <n>', 'show n words of the bill around each quote, the quoted words highlighted (JSON: evidence.context)', parseWords)
    .option('--no-color', 'plain text without colours (also honoured: NO_COLOR)')
    .option('-q, --quiet', 'no progress or messages on stderr except errors', false)
    .addHelpText('after', EXIT_HELP)
    .action(async (bills: string[], opts: ScoreOptions) => {
      done(await scoreCommand(bills, opts, io));
    });
}

function parseScore(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('give a score, e.g. 4 or 4.5');
  return n;
}

export function parseWords(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 200) throw new InvalidArgumentError('give a number of words from 0 to 200, e.g. 8');
  return n;
}

/** A job is a bill path to score or an input that already failed; both become one report entry, in path order. */
type Job = { source: string; failure?: BillscoreError };

async function scoreCommand(inputs: string[], opts: ScoreOptions, io: Io): Promise<number> {
  if (inputs.length === 0) {
    throw new BillscoreError('usage', 'no bill given; name a bill file or folder (or - for standard input), e.g. billscore samples/', undefined);
  }
  // Compiled once and kept on disk: yaml and zod load only when the rubric has changed.
  const rubric = await loadRubricCached(opts.rubric);
  const expanded = await expandInputs(inputs);
  const jobs: Job[] = [...expanded.bills.map((source) => ({ source })), ...expanded.failures.map((f) => ({ source: f.source, failure: f.error }))];
  jobs.sort((a, b) => byPath(a.source, b.source));

  const progress = await createProgress(jobs.length, { enabled: progressWanted(io, opts.quiet) });
  const sink: Sink = opts.output ? atomicFileSink(opts.output, () => progress.stop()) : stdoutSink(io.stdout);
  // Only a report on the same terminal as the spinner needs to step around it.
  const write = (text: string) => text && (opts.output || !io.stdoutIsTTY ? sink.write(text) : progress.interrupt(() => sink.write(text)));
  // A file is read later, elsewhere: colour codes would only get in the way there.
  const ctx: FormatContext = { color: !opts.output && useColor(opts, io), explain: opts.explain };
  const head = reportHead(rubric);
  const format = FORMATTERS[opts.format];

  const bills: BillReport[] = []; // reports only: each bill's text is dropped once it is scored
  try {
    if (isStreaming(format)) write(format.head(head, ctx));
    await runOrdered(
      jobs,
      poolSize(),
      async (job) => {
        if (job.failure) return errorReport(job.source, job.failure);
        progress.start(job.source);
        const report = await scoreSource(job.source, rubric, { explain: opts.explain, context: opts.context });
        progress.done();
        return report;
      },
      (bill) => {
        bills.push(bill);
        if (isStreaming(format)) write(format.bill(bill, head, ctx));
        // Said as it happens, so a long batch does not hide a problem until the end.
        if (bill.error) progress.interrupt(() => io.stderr(`billscore: ${bill.error!.message}\n`));
      },
    );
    progress.stop();
    const summary = summarise(bills, head.rubric.practices, expanded.skipped);
    if (isStreaming(format)) write(format.tail(summary, head, ctx));
    // A terminal report with nothing scored would only repeat the errors printed on stderr.
    else if (opts.format !== 'pretty' || summary.scored > 0) write(format({ ...head, bills, summary }, ctx));
    sink.commit();
  } catch (err) {
    progress.stop();
    sink.abort();
    throw err;
  }

  if (bills.some((b) => b.status === 'error')) return EXIT.error;
  const below = opts.failUnder === undefined ? [] : bills.filter((b) => b.score && b.score.total < opts.failUnder!);
  if (below.length && !opts.quiet) {
    io.stderr(`billscore: ${below.length} of ${bills.length} ${bills.length === 1 ? 'bill scores' : 'bills score'} below ${opts.failUnder}\n`);
  }
  return below.length ? EXIT.belowThreshold : EXIT.ok;
}

export function reportHead(rubric: Rubric): ReportHead {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'billscore', version: VERSION },
    rubric: { id: rubric.id, version: rubric.version, practices: rubric.practices.map((p) => p.id) },
  };
}
