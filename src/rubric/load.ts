// Loads a rubric (YAML or JSON), validates it with zod, and compiles its patterns once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { BillscoreError } from '../errors.js';
import { narrowPattern } from '../normalise/narrow.js';
import { BUILTIN_RUBRIC } from './builtin.js';
import { Practice, RubricFile, type MatcherSpec, type PracticeSpec, type VetoSpec } from './schema.js';
import { checkPatternSafety } from './safe-pattern.js';
import { prefilterOf, type Prefilter } from './prefilter.js';

export { BUILTIN_RUBRIC };

export interface CompiledVeto extends Omit<VetoSpec, 'pattern'> {
  pattern: string;
  re: RegExp;
  cap?: 'not_met' | 'partial';
}

export interface CompiledMatcher extends Omit<MatcherSpec, 'all' | 'unless' | 'context'> {
  all: Array<{ pattern: string; re: RegExp }>;
  unless: CompiledVeto[];
  context: CompiledVeto[];
}

export interface CompiledPractice extends Omit<PracticeSpec, 'matchers' | 'vetoes'> {
  matchers: CompiledMatcher[];
  vetoes: CompiledVeto[];
  /** Where the practice was defined, so fixture files can be found beside it. */
  file: string;
  /** Its path inside that file ("practices.2" when inline in the rubric, "" when the file is its own). */
  at: string;
}

export interface ContextPattern {
  pattern: string;
  re: RegExp;
  reason: string;
}

export interface Rubric {
  id: string;
  version: string | number;
  title: string;
  source?: string;
  file: string;
  groups: Array<{ id: string; title: string }>;
  /** The named pattern fragments, as written; patterns are already expanded. */
  terms: Record<string, string>;
  nonOperative: {
    preamble: boolean;
    sections: ContextPattern[];
    sentences: ContextPattern[];
    documents: ContextPattern[];
  };
  /** In the rubric's order, for reports. */
  practices: CompiledPractice[];
  /** The same practices with each required practice before those that require it, for judging. */
  evaluationOrder: CompiledPractice[];
  /** Per pattern source, the literals it needs and how far it reaches (see prefilter.ts); patterns without one are scanned whole. */
  prefilters: Record<string, Prefilter>;
}

const cache = new Map<string, Rubric>();

export function loadRubric(path: string = BUILTIN_RUBRIC): Rubric {
  const file = resolveRubricFile(path);
  const cached = cache.get(file);
  if (cached) return cached;
  const rubric = compileRubric(file);
  cache.set(file, rubric);
  return rubric;
}

function resolveRubricFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new BillscoreError('bad-rubric', `rubric ${path} does not exist; pass a rubric YAML or JSON file`, path);
  if (statSync(abs).isDirectory()) {
    for (const name of ['rubric.yml', 'rubric.yaml', 'rubric.json']) if (existsSync(join(abs, name))) return join(abs, name);
    throw new BillscoreError('bad-rubric', `${path} is a folder without rubric.yml; pass the rubric file itself`, path);
  }
  return abs;
}

export function readDataFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new BillscoreError('bad-rubric', `${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${msg}`, file);
  }
}

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string, prefix = ''): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = deepest(parsed.error.issues[0]!);
  const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(top level)';
  throw new BillscoreError('bad-rubric', `${file}: ${where}: ${issue.message}`, file);
}

/** A practice may be an id or an object; "Invalid input" for the union would hide which field of the object is wrong. */
function deepest(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== 'invalid_union') return issue;
  const nested = issue.errors.flat().map((i) => deepest({ ...i, path: [...issue.path, ...i.path] }));
  return nested.sort((a, b) => b.path.length - a.path.length)[0] ?? issue;
}

function compileRubric(file: string): Rubric {
  const spec = validate(RubricFile, readDataFile(file), file);
  const terms = spec.terms;
  const practices = spec.practices.map((entry, i) => {
    if (typeof entry !== 'string') return { spec: entry, file, where: `practices.${i}` };
    const practiceFile = findPracticeFile(dirname(file), entry);
    if (!practiceFile) {
      throw new BillscoreError('bad-rubric', `${file}: practices.${i}: no file practices/${entry}.yml beside the rubric`, file);
    }
    return { spec: validate(Practice, readDataFile(practiceFile), practiceFile), file: practiceFile, where: '' };
  });

  const ids = new Set<string>();
  const groups = new Set(spec.groups.map((g) => g.id));
  for (const { spec: p, file: f, where } of practices) {
    const at = (field: string) => [where, field].filter(Boolean).join('.');
    if (ids.has(p.id)) throw new BillscoreError('bad-rubric', `${f}: ${at('id')}: practice id "${p.id}" is used twice`, f);
    ids.add(p.id);
    if (!groups.has(p.group)) {
      throw new BillscoreError('bad-rubric', `${f}: ${at('group')}: unknown group "${p.group}" (the rubric has ${[...groups].join(', ')})`, f);
    }
  }
  for (const { spec: p, file: f, where } of practices) {
    p.matchers.forEach((m, mi) =>
      m.requires.forEach((r, ri) => {
        if (!ids.has(r.practice)) {
          const at = [where, `matchers.${mi}.requires.${ri}.practice`].filter(Boolean).join('.');
          throw new BillscoreError('bad-rubric', `${f}: ${at}: unknown practice "${r.practice}"`, f);
        }
      }),
    );
  }

  const compiled = practices.map(({ spec: p, file: f, where }) => compilePractice(p, f, where, terms));
  const context = (rules: Array<{ pattern: string; reason: string }>, field: string) =>
    rules.map((r, i) => ({ ...r, re: compilePattern(r.pattern, terms, file, `nonOperative.${field}.${i}.pattern`) }));
  const nonOperative = {
    preamble: spec.nonOperative.preamble,
    sections: context(spec.nonOperative.sections, 'sections'),
    sentences: context(spec.nonOperative.sentences, 'sentences'),
    documents: context(spec.nonOperative.documents, 'documents'),
  };
  return {
    id: spec.id,
    version: spec.version,
    title: spec.title,
    source: spec.source,
    file,
    groups: spec.groups,
    terms,
    nonOperative,
    practices: compiled,
    evaluationOrder: evaluationOrder(compiled, file),
    prefilters: prefiltersOf([
      ...compiled.flatMap((p) => [...p.matchers.flatMap((m) => [...m.all, ...m.unless, ...m.context]), ...p.vetoes]),
      ...nonOperative.sentences,
    ]),
  };
}

function prefiltersOf(patterns: Array<{ re: RegExp }>): Record<string, Prefilter> {
  const out: Record<string, Prefilter> = {};
  for (const { re } of patterns) {
    if (re.source in out) continue;
    const p = prefilterOf(re.source, re.flags);
    if (p) out[re.source] = p;
  }
  return out;
}

function findPracticeFile(dir: string, id: string): string | null {
  for (const ext of ['yml', 'yaml', 'json']) {
    const f = join(dir, 'practices', `${id}.${ext}`);
    if (existsSync(f)) return f;
  }
  return null;
}

function compilePractice(p: PracticeSpec, file: string, where: string, terms: Record<string, string>): CompiledPractice {
  const at = (field: string) => [where, field].filter(Boolean).join('.');
  const veto = (v: VetoSpec & { cap?: 'not_met' | 'partial' }, field: string): CompiledVeto => ({
    ...v,
    re: compilePattern(v.pattern, terms, file, at(`${field}.pattern`)),
  });
  return {
    ...p,
    file,
    at: where,
    matchers: p.matchers.map((m, mi) => ({
      ...m,
      all: m.all.map((pattern, pi) => ({ pattern, re: compilePattern(pattern, terms, file, at(`matchers.${mi}.all.${pi}`)) })),
      unless: m.unless.map((v, vi) => veto(v, `matchers.${mi}.unless.${vi}`)),
      context: m.context.map((v, vi) => veto(v, `matchers.${mi}.context.${vi}`)),
    })),
    vetoes: p.vetoes.map((v, vi) => veto(v, `vetoes.${vi}`)),
  };
}

/** Expands {{term}} references and compiles; a pattern that cannot compile, or could backtrack without bound, is refused. */
export function compilePattern(pattern: string, terms: Record<string, string>, file: string, field: string): RegExp {
  const expanded = narrowPattern(expandTerms(pattern, terms, file, field));
  const unsafe = checkPatternSafety(expanded);
  if (unsafe) throw new BillscoreError('bad-rubric', `${file}: ${field}: unsafe pattern: ${unsafe}`, file);
  try {
    return new RegExp(expanded, 'gi');
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new BillscoreError('bad-rubric', `${file}: ${field}: invalid pattern: ${msg}`, file);
  }
}

function expandTerms(pattern: string, terms: Record<string, string>, file: string, field: string, depth = 0): string {
  if (depth > 5) throw new BillscoreError('bad-rubric', `${file}: ${field}: terms refer to each other in a loop`, file);
  return pattern.replace(/\{\{([a-z][a-z0-9_]*)\}\}/g, (_, name: string) => {
    const term = terms[name];
    if (term === undefined) throw new BillscoreError('bad-rubric', `${file}: ${field}: unknown term {{${name}}}`, file);
    return `(?:${expandTerms(term, terms, file, field, depth + 1)})`;
  });
}

function evaluationOrder(practices: CompiledPractice[], file: string): CompiledPractice[] {
  const byId = new Map(practices.map((p) => [p.id, p]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: CompiledPractice[] = [];
  const visit = (p: CompiledPractice) => {
    if (done.has(p.id)) return;
    if (visiting.has(p.id)) throw new BillscoreError('bad-rubric', `${file}: practice "${p.id}" requires itself through other practices`, file);
    visiting.add(p.id);
    for (const m of p.matchers) for (const r of m.requires) visit(byId.get(r.practice)!);
    visiting.delete(p.id);
    done.add(p.id);
    out.push(p);
  };
  practices.forEach(visit);
  return out;
}
