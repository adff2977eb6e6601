// Scoring bills side by side and printing one report, streamed when the format allows it.
import { BillscoreError, EXIT } from '../errors.js';
import type { BillReport, ReportHead } from '../model.js';
import { FORMATTERS, isStreaming, type FormatContext } from '../report/formatters.js';
import { summarise } from '../report/summary.js';
import { loadRubricCached } from '../rubric/compiled-cache.js';
import type { Rubric } from '../rubric/load.js';
import { isPdfName } from '../read/pdf.js';
import { startPdfReaders } from '../read/pdf-pool.js';
import { STDIN } from '../read/read.js';
import { errorReport, scoreSource } from '../score.js';
import { threadedScorer } from '../score-pool.js';
import { SCHEMA_VERSION, VERSION } from '../version.js';
import { byPath, expandInputs } from './inputs.js';
import { useColor, type Io } from './io.js';
import { atomicFileSink, stdoutSink, type Sink } from './output.js';
import { poolSize, runOrdered } from './pool.js';
import { createProgress, progressWanted } from './progress.js';
import type { ScoreOptions } from './score-command.js';

/** A job is a bill path to score or an input that already failed; both become one report entry, in path order. */
type Job = { source: string; failure?: BillscoreError };

export async function scoreCommand(inputs: string[], opts: ScoreOptions, io: Io): Promise<number> {
  if (inputs.length === 0) {
    throw new BillscoreError('usage', 'no bill given; name a bill file or folder (or - for standard input), e.g. billscore samples/', undefined);
  }
  const expanded = await expandInputs(inputs);
  const jobs: Job[] = [...expanded.bills.map((source) => ({ source })), ...expanded.failures.map((f) => ({ source: f.source, failure: f.error }))];
  jobs.sort((a, b) => byPath(a.source, b.source));
  const judgeOptions = { explain: opts.explain, context: opts.context };
  // Started before this thread loads the rubric: a thread takes longer to boot than anything done here meanwhile.
  const threads = threadedScorer(
    jobs.filter((j) => !j.failure && j.source !== STDIN).map((j) => j.source),
    opts.rubric,
    judgeOptions,
    opts.jobs,
  );
  if (!threads) startPdfReaders(jobs.filter((j) => !j.failure && isPdfName(j.source)).length);
  // Compiled once and kept on disk: yaml and zod load only when the rubric has changed.
  const rubric = await loadRubricCached(opts.rubric).catch(async (err: unknown) => {
    await threads?.close();
    throw err;
  });

  const progress = await createProgress(jobs.length, { enabled: progressWanted(io, opts.quiet) });
  const sink: Sink = opts.output ? atomicFileSink(opts.output, () => progress.stop()) : stdoutSink(io.stdout);
  // Only a report on the same terminal as the spinner needs to step around it.
  const write = (text: string) => text && (opts.output || !io.stdoutIsTTY ? sink.write(text) : progress.interrupt(() => sink.write(text)));
  // A file is read later, elsewhere: colour codes would only get in the way there.
  const ctx: FormatContext = { color: !opts.output && useColor(opts, io), explain: opts.explain };
  const head = reportHead(rubric);
  const format = await FORMATTERS[opts.format]();

  const bills: BillReport[] = []; // reports only: each bill's text is dropped once it is scored
  try {
    if (isStreaming(format)) write(format.head(head, ctx));
    await runOrdered(
      jobs,
      threads?.concurrency ?? poolSize(),
      async (job) => {
        if (job.failure) return errorReport(job.source, job.failure);
        progress.start(job.source);
        const report =
          threads && job.source !== STDIN ? await threads.score(job.source) : await scoreSource(job.source, rubric, judgeOptions);
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
  } finally {
    await threads?.close();
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
