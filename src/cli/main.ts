// Command-line wiring: parse options, expand inputs, score, print, and return an exit status. The bin only sets process.exitCode.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BillscoreError, EXIT, asBillscoreError } from '../errors.js';
import { SCHEMA_VERSION, type BillReport, type Report } from '../model.js';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../report/formatters.js';
import { BUILTIN_RUBRIC, loadRubric, type Rubric } from '../rubric/load.js';
import { errorReport, scoreSource } from '../score.js';
import { VERSION } from '../version.js';
import { expandInputs } from './inputs.js';
import { createProgress } from './progress.js';

export interface ScoreOptions {
  format: FormatName;
  rubric?: string;
  explain: boolean;
  color: boolean;
  quiet: boolean;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
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

export async function run(argv: string[], io: Io): Promise<number> {
  let status: number = EXIT.ok;
  const program = new Command('billscore')
    .description(
      "Score a bill against Campaign Zero's End Qualified Immunity rubric: which of the 9 practices it ends or starts, quoting the bill's own words as evidence.",
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run billscore --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

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
      status = await scoreCommand(bills, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const e = asBillscoreError(err);
    io.stderr(`billscore: ${e.message}\n`);
    return EXIT.error;
  }
  return status;
}

export function useColor(opts: { color: boolean }, io: Io): boolean {
  if (!opts.color) return false;
  if ('NO_COLOR' in io.env && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
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
  io.stdout(FORMATTERS[opts.format](report, { color: useColor(opts, io), explain: opts.explain }));
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

export { InvalidArgumentError };
