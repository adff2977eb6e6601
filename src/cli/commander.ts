// commander, loaded with require(): importing a CommonJS package from ESM first scans its source for named exports,
// which cost about 15 ms of every start-up, `billscore --help` included.
import { createRequire } from 'node:module';

const commander = createRequire(import.meta.url)('commander') as typeof import('commander');

export const { Command, CommanderError, InvalidArgumentError, Option } = commander;
export type Command = import('commander').Command;
export type CommanderError = import('commander').CommanderError;
export type Option = import('commander').Option;
