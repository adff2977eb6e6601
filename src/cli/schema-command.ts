// `billscore schema`: the JSON Schema of the report (or of `compare` output), generated from the zod model so it cannot drift.
import type { Command } from 'commander';
import { z } from 'zod';
import { CompareReport } from '../compare/model.js';
import { EXIT } from '../errors.js';
import { Report, SCHEMA_VERSION } from '../model.js';
import type { Io } from './io.js';

export function jsonSchemaOf(kind: 'report' | 'compare'): Record<string, unknown> {
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
    .action((opts: { compare: boolean }) => {
      io.stdout(`${JSON.stringify(jsonSchemaOf(opts.compare ? 'compare' : 'report'), null, 2)}\n`);
      done(EXIT.ok);
    });
}
