// CSV (RFC 4180) and TSV for spreadsheets: a header row, then one row per bill with one column per practice.
import { stringify } from 'csv-stringify/sync';
import type { BillReport, ReportHead } from '../model.js';
import type { StreamFormatter } from './formatters.js';

const LEADING = ['source', 'status', 'error', 'end', 'start', 'total'];

function columns(head: ReportHead): string[] {
  return [...LEADING, ...head.rubric.practices, 'evidence'];
}

function row(bill: BillReport, head: ReportHead): Array<string | number> {
  const verdicts = new Map(bill.practices.map((p) => [p.id, p.verdict]));
  const s = bill.score;
  const error = bill.error ? `${bill.error.code}: ${bill.error.message}` : '';
  // One line per cell, so the file also reads well in line tools; each quote says which practice it backs.
  const evidence = bill.practices
    .flatMap((p) => p.evidence.map((e) => `${p.id} p${e.page}:${e.line}: "${oneLine(e.quote)}"`))
    .join(' | ');
  return [bill.source, bill.status, oneLine(error), s?.end ?? '', s?.start ?? '', s?.total ?? '', ...head.rubric.practices.map((id) => verdicts.get(id) ?? ''), evidence];
}

function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

function delimited(delimiter: string, recordDelimiter: 'windows' | 'unix'): StreamFormatter {
  // escape_formulas: a cell starting with = + - @ gets a leading ' so a spreadsheet shows it instead of running it.
  const options = { delimiter, record_delimiter: recordDelimiter, escape_formulas: true } as const;
  return {
    head: (head) => stringify([columns(head)], options),
    bill: (bill, head) => stringify([row(bill, head)], options),
    tail: () => '',
  };
}

/** RFC 4180 asks for CRLF line ends; spreadsheets and csv parsers accept them everywhere. */
export const csv = delimited(',', 'windows');
export const tsv = delimited('\t', 'unix');
