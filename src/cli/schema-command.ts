// `billscore schema`: the JSON Schema of the report (or of `compare` output), generated from the zod model so it cannot drift.
import type { Command } from './commander.js';
import { EXIT } from '../errors.js';
import { SCHEMA_VERSION } from '../version.js';
import type { Io } from './io.js';

export async function jsonSchemaOf(kind: 'report' | 'compare'): Promise<Record<string, unknown>> {
  // zod and the models load only for this command: at every start-up they would cost more than the rest of the CLI.
  const [{ z }, { CompareReport }, { Report }] = await Promise.all([import('zod'), import('../compare/model.js'), import('../model.js')]);
  const model = kind === 'compare' ? CompareReport : Report;
  const title = kind === 'compare' ? 'billscore compare --format json' : 'billscore --format json';
  const { $schema, ...rest } = z.toJSONSchema(model, { target: 'draft-2020-12' });
  return { $schema, title, description: `schemaVersion ${SCHEMA_VERSION}; generated from billscore's zod model`, ...rest };
}

export function registerSchemaCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of the JSON report (generated from the result model)')
    .option('--compare', 'the schema of `billscore compare --format json` instead', false)
    .action(async (opts: { compare: boolean }) => {
      io.stdout(`${JSON.stringify(await jsonSchemaOf(opts.compare ? 'compare' : 'report'), null, 2)}\n`);
      done(EXIT.ok);
    });
}
