// The terminal comparison: per practice, what the new version gained or lost, with both versions' evidence in two columns.
import { Chalk, type ChalkInstance } from 'chalk';
import type { CompareReport, PracticeChange } from '../compare/model.js';
import type { Evidence } from '../model.js';
import { fmt, MARK } from './pretty.js';

export interface CompareFormatContext {
  color: boolean;
  /** Terminal width; the two evidence columns share it. */
  width: number;
}

const CHANGE = { gained: '▲ gained', lost: '▼ lost', unchanged: '= same' } as const;
const INDENT = '      ';
const GUTTER = ' │ ';

type Styled = { text: string; style: 'quote' | 'dim' | 'plain' };

export function formatComparePretty(report: CompareReport, ctx: CompareFormatContext): string {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const colWidth = Math.max(24, Math.floor((ctx.width - INDENT.length - GUTTER.length) / 2));
  const out: string[] = [];
  for (const [label, v] of [['old', report.old], ['new', report.new]] as const) {
    const pages = v.pages === 1 ? '1 page' : `${v.pages} pages`;
    out.push(`${c.bold(label)}  ${v.source}  ${c.dim(`(${v.format}, ${pages})`)}`);
  }
  out.push(c.dim(`rubric ${report.rubric.id} v${report.rubric.version}`));

  const groups = [...new Set(report.practices.map((p) => p.group))];
  for (const g of groups) {
    out.push('', c.bold(`${g.toUpperCase()}  ${scoreChange(report, g)}`));
    for (const p of report.practices.filter((x) => x.group === g)) out.push(...formatPractice(p, c, colWidth));
  }
  const parts = groups.map((g) => `${g.toUpperCase()} ${scoreChange(report, g)}`);
  const total = `total ${fmt(report.old.score.total)}/${fmt(report.old.score.max.total)} → ${fmt(report.new.score.total)}/${fmt(report.new.score.max.total)}${signed(report.delta.total)}`;
  out.push('', c.bold(`Score: ${[...parts, total].join(' · ')}`));
  const count = (k: PracticeChange['change']) => report.practices.filter((p) => p.change === k).length;
  out.push(c.dim(`${count('gained')} gained, ${count('lost')} lost, ${count('unchanged')} unchanged`));
  return `${out.join('\n')}\n`;
}

function scoreChange(report: CompareReport, group: string): string {
  const o = report.old.score;
  const n = report.new.score;
  return `${fmt(o.byGroup[group] ?? 0)}/${fmt(o.max.byGroup[group] ?? 0)} → ${fmt(n.byGroup[group] ?? 0)}/${fmt(n.max.byGroup[group] ?? 0)}${signed(report.delta.byGroup[group] ?? 0)}`;
}

function formatPractice(p: PracticeChange, c: ChalkInstance, colWidth: number): string[] {
  const colour = p.change === 'gained' ? c.green : p.change === 'lost' ? c.red : c.dim;
  const verdicts =
    p.change === 'unchanged' ? `${MARK[p.new.verdict]} ${fmt(p.new.points)}` : `${MARK[p.old.verdict]} ${fmt(p.old.points)} → ${MARK[p.new.verdict]} ${fmt(p.new.points)}`;
  const lines = [`  ${colour(CHANGE[p.change].padEnd(9))} ${c.bold(p.title)} ${c.dim(`[${p.id}]`)}  ${colour(verdicts)}`];
  // Unchanged practices quoting the same words have nothing to set side by side.
  if (p.change === 'unchanged' && !p.evidenceChanged) return lines;
  if (p.change === 'unchanged') lines[0] += c.dim('  (same verdict, different words)');
  const left = column(p.old, colWidth);
  const right = column(p.new, colWidth);
  lines.push(`${INDENT}${c.dim('old'.padEnd(colWidth))}${c.dim(GUTTER)}${c.dim('new')}`);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? { text: '', style: 'plain' };
    const r = right[i] ?? { text: '', style: 'plain' };
    lines.push(`${INDENT}${paint(c, l, l.text.padEnd(colWidth))}${c.dim(GUTTER)}${paint(c, r, r.text)}`.trimEnd());
  }
  return lines;
}

function column(v: PracticeChange['old'], width: number): Styled[] {
  const out: Styled[] = [];
  if (v.evidence.length === 0) out.push({ text: '(no evidence)', style: 'dim' });
  for (const e of v.evidence) {
    const quoted = e.context ? `…${e.context.before} “${e.quote}” ${e.context.after}…` : `“${e.quote}”`;
    out.push(...wrap(quoted, width).map((text): Styled => ({ text, style: 'quote' })));
    out.push(...wrap(where(e), width).map((text): Styled => ({ text, style: 'dim' })));
  }
  out.push(...wrap(v.explanation, width).map((text): Styled => ({ text, style: 'plain' })));
  return out;
}

function where(e: Evidence): string {
  return [`p${e.page}:${e.line}`, e.section].filter(Boolean).join(' · ');
}

function paint(c: ChalkInstance, s: Styled, padded: string): string {
  return s.style === 'quote' ? c.cyan(padded) : s.style === 'dim' ? c.dim(padded) : padded;
}

/** Greedy word wrap; a word longer than the column is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function signed(n: number): string {
  return n === 0 ? '' : ` (${n > 0 ? '+' : '−'}${fmt(Math.abs(n))})`;
}
