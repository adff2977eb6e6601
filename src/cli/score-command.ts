// The default command: score bills and print one report.
import { Option, type Command } from 'commander';
import { BillscoreError, EXIT } from '../errors.js';
import { SCHEMA_VERSION, type BillReport, type Report } from '../model.js';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../report/formatters.js';
import { BUILTIN_RUBRIC, loadRubric, type Rubric } from '../rubric/load.js';
import { errorReport, scoreSource } from '../score.js';
import { VERSION } from '../version.js';
import { expandInputs } from './inputs.js';
import { useColor, type Io } from './io.js';
import { createProgress } from './progress.js';

export interface ScoreOptions {
  format: FormatName;
  rubric?: string;
  explain: boolean;
  color: boolean;
  quiet: boolean;
}

const EXIT_HELP = `
Exit status:
  0  every bill was scored
  2  a usage error, a bad rubric, or an input that could not be read (the other bills are still reported)

Examples:
  billscore samples/us-hr3602-119-ih.pdf            report on one bill in the terminal
  billscore bill.txt --explain                       show which matcher fired or was vetoed, and why
  billscore bills/ --format json > scores.json       score a folder, JSON for other tools
  cat bill.txt | billscore -                         read a bill from standard input`;

export function registerScoreCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('score', { isDefault: true })
    .description('score bills (the default command)')
    .argument('[bills...]', 'bill files (.txt, .md, .pdf; detected by content), folders, or - for standard input')
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMAT_NAMES).default('pretty'))
    .option('--rubric <file>', 'score against another rubric file (same format as the built-in one)')
    .option('--explain', 'show every matcher under each practice: what fired, what was vetoed and why', false)
    .option('--no-color', 'plain text without colours (also honoured: NO_COLOR)')
    .option('-q, --quiet', 'no progress or messages on stderr except errors', false)
    .addHelpText('after', EXIT_HELP)
    .action(async (bills: string[], opts: ScoreOptions) => {
      done(await scoreCommand(bills, opts, io));
    });
}

async function scoreCommand(inputs: string[], opts: ScoreOptions, io: Io): Promise<number> {
  if (inputs.length === 0) {
    throw new BillscoreError('usage', 'no bill given; name a bill file or folder (or - for standard input), e.g. billscore samples/', undefined);
  }
  const rubric = loadRubric(opts.rubric ?? BUILTIN_RUBRIC);
  const expanded = await expandInputs(inputs);
  const progress = await createProgress(expanded.bills.length, { enabled: io.stderrIsTTY && !opts.quiet && !io.env.CI });
  const bills: BillReport[] = expanded.failures.map((f) => errorReport(f.source, f.error));
  for (const source of expanded.bills) {
    progress.update(source);
    bills.push(await scoreSource(source, rubric, { explain: opts.explain }));
    progress.tick();
  }
  progress.stop();
  bills.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));

  const report = buildReport(rubric, bills);
  // A terminal report with nothing scored would only repeat the errors printed on stderr.
  if (opts.format !== 'pretty' || bills.some((b) => b.status === 'ok')) {
    io.stdout(FORMATTERS[opts.format](report, { color: useColor(opts, io), explain: opts.explain }));
  }
  const failed = bills.filter((b) => b.status === 'error');
  for (const b of failed) io.stderr(`billscore: ${b.error!.message}\n`);
  return failed.length ? EXIT.error : EXIT.ok;
}

export function buildReport(rubric: Rubric, bills: BillReport[]): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'billscore', version: VERSION },
    rubric: { id: rubric.id, version: rubric.version },
    bills,
  };
}

