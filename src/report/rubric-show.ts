// A rubric, printed for a reviewer: groups with their points, each practice's matchers, patterns as written, and vetoes.
import { Chalk, type ChalkInstance } from 'chalk';
import { loadFixtures } from '../rubric/fixtures.js';
import type { CompiledMatcher, CompiledPractice, CompiledVeto, Rubric } from '../rubric/load.js';

export function formatRubric(rubric: Rubric, color: boolean): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const max = rubric.practices.reduce((sum, p) => sum + p.points, 0);
  const out = [`${c.bold(rubric.title)}  ${c.dim(`${rubric.id} v${rubric.version} · ${rubric.practices.length} practices · ${pts(max)}`)}`];
  out.push(c.dim(`file: ${rubric.file}`));
  if (rubric.source) out.push(c.dim(`source: ${rubric.source}`));

  const terms = Object.entries(rubric.terms);
  if (terms.length) {
    out.push('', c.bold('Terms') + c.dim('  (written {{name}} in patterns)'));
    for (const [name, pattern] of terms) out.push(`  ${name}  ${c.cyan(`/${pattern}/`)}`);
  }
  const { nonOperative: n } = rubric;
  const rules = [...n.documents.map((r) => ['document', r] as const), ...n.sections.map((r) => ['section', r] as const), ...n.sentences.map((r) => ['sentence', r] as const)];
  if (rules.length || n.preamble) {
    out.push('', c.bold('Makes no law') + c.dim('  (matches here never count)'));
    if (n.preamble) out.push('  the title and preamble, before the enacting clause');
    for (const [kind, r] of rules) out.push(`  ${kind} ${c.cyan(`/${r.pattern}/`)}  ${c.dim(`— ${r.reason}`)}`);
  }

  for (const group of rubric.groups) {
    const practices = rubric.practices.filter((p) => p.group === group.id);
    const points = practices.reduce((sum, p) => sum + p.points, 0);
    out.push('', c.bold(`${group.id.toUpperCase()} — ${group.title}  (${pts(points)})`));
    for (const p of practices) out.push(...formatPractice(p, c));
  }
  return `${out.join('\n')}\n`;
}

function formatPractice(p: CompiledPractice, c: ChalkInstance): string[] {
  const fixtures = loadFixtures(p);
  const out = [``, `  ${c.bold(p.id)}  ${p.title}  ${c.green(pts(p.points))}`];
  out.push(`    ${c.dim('wording:')} ${p.wording}`);
  out.push(`    ${c.dim('not met:')} ${p.notMet}`);
  for (const m of p.matchers) out.push(...formatMatcher(m, c));
  for (const v of p.vetoes) out.push(`    ${c.yellow('veto')} ${vetoLine(v, c)}  ${c.dim(`caps at ${v.cap ?? 'not_met'}`)}`);
  out.push(`    ${c.dim(`fixtures: ${fixtures.length ? countBy(fixtures.map((f) => (f.todo ? `todo-${f.expect}` : f.expect))) : 'none'}`)}`);
  return out;
}

function formatMatcher(m: CompiledMatcher, c: ChalkInstance): string[] {
  const reach = m.scope === 'sentence' ? `in one sentence, within ${m.within} words` : `anywhere in one ${m.scope}`;
  const out = [`    ${c.bold(`matcher ${m.id}`)} → ${m.verdict}  ${c.dim(`(all patterns ${reach})`)}`, `      ${m.description}`];
  for (const a of m.all) out.push(`      ${c.dim('all')}     ${c.cyan(`/${a.pattern}/`)}`);
  for (const v of m.context) out.push(`      ${c.dim('needs')}   ${vetoLine(v, c)}`);
  for (const v of m.unless) out.push(`      ${c.dim('unless')}  ${vetoLine(v, c)}`);
  for (const r of m.requires) out.push(`      ${c.dim('requires')} ${r.practice} met in the same ${r.scope}`);
  return out;
}

function vetoLine(v: CompiledVeto, c: ChalkInstance): string {
  const where = v.scope === 'near' ? `within ${v.within} words` : `in the same ${v.scope}`;
  return `${c.cyan(`/${v.pattern}/`)} ${c.dim(where)} — ${v.reason}`;
}

function countBy(items: string[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

function pts(n: number): string {
  return `${n} ${n === 1 ? 'pt' : 'pts'}`;
}
