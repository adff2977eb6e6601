// The terminal report for many bills: one line per bill (scores and a mark per practice), then the summary.
import { Chalk, type ChalkInstance } from 'chalk';
import type { BillReport, Report, Verdict } from '../model.js';
import type { FormatContext } from './formatters.js';
import { MARK, fmt, formatPretty } from './pretty.js';

const MAX_SOURCE = 60;

/** One bill keeps the detailed report with its evidence; a batch gets the table. */
export function formatPrettyOrTable(report: Report, ctx: FormatContext): string {
  return report.bills.length === 1 ? formatPretty(report, ctx) : formatTable(report, ctx);
}

export function formatTable(report: Report, ctx: FormatContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const ids = report.rubric.practices;
  const max = report.bills.find((b) => b.score)?.score?.max;
  const groups = max ? Object.keys(max.byGroup) : [];
  const scoreCols = [...groups.map((g) => g.toUpperCase()), 'TOTAL'];
  const scoreCells = (b: BillReport) =>
    b.score && max ? [...groups.map((g) => `${fmt(b.score!.byGroup[g] ?? 0)}/${fmt(max.byGroup[g] ?? 0)}`), `${fmt(b.score.total)}/${fmt(max.total)}`] : [];
  const widths = scoreCols.map((h, i) => Math.max(h.length, ...report.bills.map((b) => scoreCells(b)[i]?.length ?? 0)));
  const folder = commonFolder(report.bills.map((b) => b.source));
  const names = report.bills.map((b) => b.source.slice(folder.length));
  const title = folder ? `BILL (in ${folder})` : 'BILL';
  const sourceWidth = Math.min(MAX_SOURCE, Math.max(4, ...names.map((n) => n.length)));

  const header = [pad(folder && title.length > sourceWidth ? 'BILL' : title, sourceWidth), ...scoreCols.map((h, i) => h.padStart(widths[i]!)), ids.map((_, i) => String(i + 1)).join(' ')];
  const out = [...(folder && title.length > sourceWidth ? [c.dim(`in ${folder}`)] : []), c.bold(header.join('  '))];
  report.bills.forEach((b, i) => {
    const name = pad(shorten(names[i]!, sourceWidth), sourceWidth);
    if (b.status === 'error') {
      out.push(`${name}  ${c.red(`error (${b.error?.code})`)}: ${b.error?.message}`);
      return;
    }
    const verdicts = new Map(b.practices.map((p) => [p.id, p.verdict]));
    const marks = ids.map((id) => mark(verdicts.get(id), c)).join(' ');
    out.push([name, ...scoreCells(b).map((s, j) => s.padStart(widths[j]!)), marks].join('  '));
  });
  return `${[...out, '', ...practiceLines(report, c), '', ...summaryLines(report, max?.total)].join('\n')}\n`;
}

function practiceLines(report: Report, c: ChalkInstance): string[] {
  const ids = report.rubric.practices;
  const width = Math.max(8, ...ids.map((id) => id.length));
  const lines = [c.bold(`${'#'.padStart(2)}  ${pad('PRACTICE', width)}  ${MARK.met} met  ${MARK.partial} partial  ${MARK.not_met} not met`)];
  ids.forEach((id, i) => {
    const n = report.summary.practices[id] ?? { met: 0, partial: 0, not_met: 0 };
    lines.push(`${String(i + 1).padStart(2)}  ${pad(id, width)}  ${String(n.met).padStart(5)}  ${String(n.partial).padStart(9)}  ${String(n.not_met).padStart(9)}`);
  });
  return lines;
}

function summaryLines(report: Report, maxTotal: number | undefined): string[] {
  const s = report.summary;
  const parts = [`${s.bills} ${s.bills === 1 ? 'bill' : 'bills'}`, `${s.scored} scored`, `${s.failed} failed`];
  if (s.skipped) parts.push(`${s.skipped} other ${s.skipped === 1 ? 'file' : 'files'} skipped`);
  const lines = [parts.join(' · ')];
  if (s.meanTotal !== null && maxTotal !== undefined) {
    lines.push(`mean total ${s.meanTotal}/${fmt(maxTotal)}`);
    lines.push(`bills per total: ${s.distribution.map((d) => `${fmt(d.total)}: ${d.bills}`).join(' · ')}`);
  }
  return lines;
}

function mark(verdict: Verdict | undefined, c: ChalkInstance): string {
  if (!verdict) return ' ';
  const colour = verdict === 'met' ? c.green : verdict === 'partial' ? c.yellow : c.dim;
  return colour(MARK[verdict]);
}

/** The folder every bill is in (with its trailing slash), so the table shows only what tells the bills apart. */
function commonFolder(sources: string[]): string {
  if (sources.length < 2) return '';
  let prefix = sources[0]!;
  for (const s of sources) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('/') + 1);
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

/** Keeps the end of a long path: the file name tells bills apart, the folders rarely do. */
function shorten(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}
