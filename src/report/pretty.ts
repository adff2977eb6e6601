// The terminal report: one block per practice with its mark, points, evidence and why.
import { Chalk, type ChalkInstance } from 'chalk';
import type { BillReport, Evidence, PracticeResult, Report, TraceStep } from '../model.js';
import type { FormatContext } from './formatters.js';

export const MARK = { met: '✓', partial: '½', not_met: '✗' } as const;

export function formatPretty(report: Report, ctx: FormatContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  return report.bills.map((b) => formatBill(b, report, ctx, c)).join('\n');
}

function formatBill(bill: BillReport, report: Report, ctx: FormatContext, c: ChalkInstance): string {
  const out: string[] = [];
  if (bill.status === 'error') {
    out.push(`${c.bold(bill.source)}  ${c.red(`error (${bill.error?.code})`)}: ${bill.error?.message}`);
    return `${out.join('\n')}\n`;
  }
  const pages = bill.pages === 1 ? '1 page' : `${bill.pages} pages`;
  out.push(`${c.bold(bill.source)}  ${c.dim(`${bill.format}, ${pages} · rubric ${report.rubric.id} v${report.rubric.version}`)}`);
  const groups = [...new Set(bill.practices.map((p) => p.group))];
  for (const group of groups) {
    const got = bill.score?.byGroup[group] ?? 0;
    const max = bill.score?.max.byGroup[group] ?? 0;
    out.push('', c.bold(`${group.toUpperCase()}  ${fmt(got)}/${fmt(max)}`));
    for (const p of bill.practices.filter((x) => x.group === group)) out.push(...formatPractice(p, ctx, c));
  }
  const s = bill.score!;
  const parts = groups.map((g) => `${g.toUpperCase()} ${fmt(s.byGroup[g] ?? 0)}/${fmt(s.max.byGroup[g] ?? 0)}`);
  out.push('', c.bold(`Score: ${parts.join(' · ')} · total ${fmt(s.total)}/${fmt(s.max.total)}`));
  return `${out.join('\n')}\n`;
}

function formatPractice(p: PracticeResult, ctx: FormatContext, c: ChalkInstance): string[] {
  const colour = p.verdict === 'met' ? c.green : p.verdict === 'partial' ? c.yellow : c.dim;
  const lines = [`  ${colour(MARK[p.verdict])} ${c.bold(p.title)} ${c.dim(`[${p.id}]`)}  ${colour(`${fmt(p.points)} pt`)}`];
  for (const e of p.evidence) {
    const where = [`p${e.page}:${e.line}`, e.section].filter(Boolean).join(' · ');
    lines.push(`      ${inContext(e, c)}  ${c.dim(where)}`);
  }
  lines.push(`      ${c.dim(p.explanation)}`);
  if (ctx.explain) for (const t of p.trace ?? []) lines.push(`        ${formatTrace(t, c)}`);
  return lines;
}

function formatTrace(t: TraceStep, c: ChalkInstance): string {
  const tag = t.outcome === 'fired' ? c.green(t.outcome) : t.outcome === 'no-match' ? c.dim(t.outcome) : c.yellow(t.outcome);
  const where = t.page ? c.dim(` p${t.page}:${t.line}`) : '';
  const words = t.quote ? ` ${c.cyan(`“${t.quote}”`)}` : '';
  return `${c.dim('·')} ${t.matcher} ${tag}: ${t.reason}${words}${where}`;
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The quote, highlighted, between the words around it when --context gave them. */
function inContext(e: Evidence, c: ChalkInstance): string {
  const quote = `“${e.quote}”`;
  if (!e.context) return c.cyan(quote);
  const before = e.context.before ? `${c.dim(`…${e.context.before}`)} ` : '';
  const after = e.context.after ? ` ${c.dim(`${e.context.after}…`)}` : '';
  return `${before}${c.bold.cyan(quote)}${after}`;
}
