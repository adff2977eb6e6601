// `billscore rubric show|check`: print a rubric for review, or validate it and run its fixture sentences.
import type { Command } from './commander.js';
import { sep } from 'node:path';
import { EXIT } from '../errors.js';
import type { FixtureResult } from '../rubric/fixtures.js';
import { useColor, type Io } from './io.js';

// The rubric modules pull in yaml and zod, so they are loaded when a rubric command runs, not at every start-up.
const rubricModules = async () => {
  const [load, fixtures, show] = await Promise.all([import('../rubric/load.js'), import('../rubric/fixtures.js'), import('../report/rubric-show.js')]);
  return { ...load, ...fixtures, ...show };
};

/** A rubric check found examples that do not give their expected verdict. */
export const EXIT_FIXTURE_FAILED = 1;

export function registerRubricCommand(program: Command, io: Io, done: (code: number) => void): void {
  const rubric = program.command('rubric').description('show a rubric, or check one (validate it and run its fixture sentences)');
  rubric
    .command('show')
    .description('print a rubric readably: groups, practices, points, matchers with their patterns, vetoes')
    .argument('[file]', 'rubric YAML or JSON file (default: the built-in End Qualified Immunity rubric)')
    .option('--no-color', 'plain text without colours')
    .action(async (file: string | undefined, opts: { color: boolean }) => {
      const { BUILTIN_RUBRIC, formatRubric, loadRubric } = await rubricModules();
      io.stdout(formatRubric(loadRubric(file ?? BUILTIN_RUBRIC), useColor(opts, io)));
      done(EXIT.ok);
    });
  rubric
    .command('check')
    .description('validate a rubric file and run its fixtures; exit 0 all pass, 1 a fixture fails, 2 the file is invalid')
    .argument('[file]', 'rubric YAML or JSON file (default: the built-in rubric)')
    .action(async (file: string | undefined) => {
      done(await checkRubric(file, io));
    });
}

async function checkRubric(file: string | undefined, io: Io): Promise<number> {
  const { BUILTIN_RUBRIC, loadRubric, runFixtures } = await rubricModules();
  // An invalid rubric or fixture file throws a bad-rubric error naming file and field: exit 2 via run().
  const rubric = loadRubric(file ?? BUILTIN_RUBRIC);
  const results = runFixtures(rubric);
  const failed = results.filter((r) => !r.todo && !r.passed);
  const todo = results.filter((r) => r.todo);
  const out: string[] = [];
  for (const r of failed) out.push(...describe('FAIL', r));
  for (const r of todo) out.push(...describe(r.passed ? 'TODO now passes' : 'todo', r));
  const untested = rubric.practices.filter((p) => !results.some((r) => r.practice === p.id)).map((p) => p.id);
  if (untested.length) out.push(`no fixtures: ${untested.join(', ')}`);
  const passed = results.length - failed.length - todo.length;
  out.push(`rubric ${rubric.id} v${rubric.version}: ${rubric.practices.length} practices valid; ${results.length} fixtures, ${passed} passed, ${failed.length} failed, ${todo.length} todo`);
  io.stdout(`${out.join('\n')}\n`);
  return failed.length ? EXIT_FIXTURE_FAILED : EXIT.ok;
}

function describe(label: string, r: FixtureResult): string[] {
  const note = r.note ? ` (${r.note})` : '';
  const text = r.text.replace(/\s+/g, ' ');
  return [`${label} ${r.practice}  ${relative(r.where)}  expected ${r.expect}, got ${r.got}${note}`, `    ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`];
}

function relative(where: string): string {
  const cwd = process.cwd() + sep;
  return where.startsWith(cwd) ? where.slice(cwd.length) : where;
}
