// Formatters are pure functions over the one Report model; only the CLI writes what they return.
import type { BillReport, Report, ReportHead, Summary } from '../model.js';
import type { FormatName } from './format-names.js';

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

/** Each loaded only when asked for: the terminal formats bring chalk, CSV brings csv-stringify. */
export const FORMATTERS: Record<FormatName, () => Promise<Format>> = {
  pretty: async () => (await import('./table.js')).formatPrettyOrTable,
  json: async () => (await import('./json.js')).formatJson,
  ndjson: async () => (await import('./ndjson.js')).ndjson,
  csv: async () => (await import('./csv.js')).csv,
  tsv: async () => (await import('./csv.js')).tsv,
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
