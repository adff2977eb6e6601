// Formatters are pure functions over the one Report model; only the CLI writes what they return.
import type { Report } from '../model.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';

export interface FormatContext {
  color: boolean;
  /** Show every matcher's decision under each practice. */
  explain: boolean;
}

export type Formatter = (report: Report, ctx: FormatContext) => string;

export const FORMATTERS = {
  pretty: formatPretty,
  json: formatJson,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
