// Formatters are pure functions over the one Report model; only the CLI writes what they return.
import type { BillReport, Report, ReportHead, Summary } from '../model.js';
import type { FormatName } from './format-names.js';
import { csv, tsv } from './csv.js';
import { formatJson } from './json.js';
import { ndjson } from './ndjson.js';
import { formatPrettyOrTable } from './table.js';

export interface FormatContext {
  color: boolean;
  /** Show every matcher's decision under each practice. */
  explain: boolean;
}

export type Formatter = (report: Report, ctx: FormatContext) => string;

/**
 * A format that can print each bill as soon as it is done (in path order), so a consumer such as
 * `head` or `jq` sees results before the batch ends and the CLI never holds the whole output.
 */
export interface StreamFormatter {
  head: (head: ReportHead, ctx: FormatContext) => string;
  bill: (bill: BillReport, head: ReportHead, ctx: FormatContext) => string;
  tail: (summary: Summary, head: ReportHead, ctx: FormatContext) => string;
}

export type Format = Formatter | StreamFormatter;

export const FORMATTERS: Record<FormatName, Format> = {
  pretty: formatPrettyOrTable,
  json: formatJson,
  ndjson,
  csv,
  tsv,
};

export function isStreaming(format: Format): format is StreamFormatter {
  return typeof format !== 'function';
}

/** Any format as one string: what a streaming format prints over a whole run. */
export function render(format: Format, report: Report, ctx: FormatContext): string {
  if (!isStreaming(format)) return format(report, ctx);
  const { bills, summary, ...head } = report;
  return format.head(head, ctx) + bills.map((b) => format.bill(b, head, ctx)).join('') + format.tail(summary, head, ctx);
}
