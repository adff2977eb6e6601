// Command-line wiring: parse options, expand inputs, score, print, and return an exit status. The bin only sets process.exitCode.
import { Command, CommanderError } from './commander.js';
import { EXIT, asBillscoreError } from '../errors.js';
import { VERSION } from '../version.js';
import type { Io } from './io.js';
import { registerCompareCommand } from './compare-command.js';
import { registerRubricCommand } from './rubric-command.js';
import { registerSchemaCommand } from './schema-command.js';
import { EXIT_HELP, registerScoreCommand } from './score-command.js';

export type { Io } from './io.js';

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

  const score = registerScoreCommand(program, io, (code) => {
    status = code;
  });
  // Scoring is what most people came for: the top-level help teaches its options and examples too.
  program.addHelpText('after', () => `\nThe default command, score ("score" may be left out):\n\n${score.helpInformation()}${EXIT_HELP}`);
  registerRubricCommand(program, io, (code) => {
    status = code;
  });
  registerCompareCommand(program, io, (code) => {
    status = code;
  });
  registerSchemaCommand(program, io, (code) => {
    status = code;
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

