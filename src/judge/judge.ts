// Document + Rubric → verdicts with evidence. Pure: no I/O, same input, same output.
import type { Evidence, PracticeResult, Score, TraceStep, Verdict } from '../model.js';
import { segmentIndexAt, type BillDocument } from '../normalise/normalise.js';
import { describeSection, sectionAt } from '../normalise/sections.js';
import { sentenceIndexAt } from '../normalise/sentences.js';
import type { CompiledMatcher, CompiledPractice, Rubric } from '../rubric/load.js';
import { mapOperative } from './context.js';
import { quote, widen } from './evidence.js';
import { findCandidates, findMissingContext, findVeto, MatchIndex, type Candidate, type Span } from './match.js';

export interface JudgeOptions {
  /** Keep the trace of every matcher's decision (for --explain). */
  explain?: boolean;
  /** Words of the bill to carry before and after each evidence quote (for --context N). */
  context?: number;
}

export interface Judgement {
  practices: PracticeResult[];
  score: Score;
}

interface Fired {
  matcher: CompiledMatcher;
  candidate: Candidate;
}

const RANK: Record<Verdict, number> = { not_met: 0, partial: 1, met: 2 };
const FIRED_PER_MATCHER = 2;
const TRACE_PER_MATCHER = 4;
const EVIDENCE_CANDIDATES = 3;

export function judge(doc: BillDocument, rubric: Rubric, options: JudgeOptions = {}): Judgement {
  const index = new MatchIndex(doc, rubric);
  const { reasons: operative } = mapOperative(index, rubric);
  const firedBy = new Map<string, Candidate[]>();
  const results = new Map<string, PracticeResult>();

  for (const practice of rubric.evaluationOrder) {
    const result = judgePractice(doc, index, operative, practice, firedBy, options);
    if (!options.explain) delete result.trace;
    results.set(practice.id, result);
  }
  const practices = rubric.practices.map((p) => results.get(p.id)!);
  return { practices, score: scoreOf(rubric, practices) };
}

function judgePractice(
  doc: BillDocument,
  index: MatchIndex,
  operative: Array<string | null>,
  practice: CompiledPractice,
  firedBy: Map<string, Candidate[]>,
  options: JudgeOptions,
): PracticeResult {
  const contextWords = options.context ?? 0;
  const trace: TraceStep[] = [];
  const fired: Fired[] = [];
  // Quoting every vetoed or non-operative match costs time on long bills; only --explain shows those quotes.
  const at = (span: Span) => {
    if (!options.explain) return {};
    // Quote the source line where the matched words start, not the line of the context words widened in before them.
    const hit = doc.segments.at(segmentIndexAt(doc, span.start));
    const lines = quote(doc, ...spread(widen(doc, span.start, span.end, sentenceOf(doc, span))), '');
    const ev = lines.find((l) => hit && l.page === hit.page && l.line === hit.line) ?? lines[0];
    return ev ? { quote: ev.quote, page: ev.page, line: ev.line } : {};
  };

  for (const matcher of practice.matchers) {
    const candidates = findCandidates(index, matcher, operative);
    let traced = 0;
    let firedHere = 0;
    const note = (step: TraceStep) => {
      if (traced++ < TRACE_PER_MATCHER) trace.push(step);
    };
    for (const candidate of candidates) {
      if (firedHere >= FIRED_PER_MATCHER) break;
      if (!candidate.operative) {
        const reason = operative[candidate.sentence] ?? 'this part of the bill makes no law';
        note({ matcher: matcher.id, outcome: 'non-operative', reason: `matched, but ${reason}`, ...at(candidate) });
        continue;
      }
      const veto = findVeto(index, matcher.unless, candidate, operative);
      if (veto) {
        note({ matcher: matcher.id, outcome: 'vetoed', reason: `matched, but vetoed: ${veto.veto.reason}`, ...at(veto.at) });
        continue;
      }
      const outOfContext = findMissingContext(index, matcher.context, candidate, operative);
      if (outOfContext) {
        note({ matcher: matcher.id, outcome: 'missing-requirement', reason: `matched, but ${outOfContext.reason}`, ...at(candidate) });
        continue;
      }
      const missing = matcher.requires.find((r) => !requirementHolds(doc, firedBy.get(r.practice) ?? [], candidate, r.scope));
      if (missing) {
        note({
          matcher: matcher.id,
          outcome: 'missing-requirement',
          reason: `matched, but ${missing.practice} is not met in the same ${missing.scope}`,
          ...at(candidate),
        });
        continue;
      }
      fired.push({ matcher, candidate });
      firedHere++;
      note({ matcher: matcher.id, outcome: 'fired', verdict: matcher.verdict, reason: matcher.description, ...at(candidate) });
    }
    if (candidates.length === 0) {
      trace.push({ matcher: matcher.id, outcome: 'no-match', reason: `no ${matcher.scope} has all of its ${matcher.all.length} pattern(s)` });
    }
  }

  let verdict: Verdict = fired.reduce<Verdict>((best, f) => (RANK[f.matcher.verdict] > RANK[best] ? f.matcher.verdict : best), 'not_met');
  let capReason: string | null = null;
  if (verdict !== 'not_met') {
    for (const veto of practice.vetoes) {
      const hit = fired.map((f) => findVeto(index, [veto], f.candidate, operative)).find((h) => h !== null);
      if (!hit) continue;
      const cap = veto.cap ?? 'not_met';
      trace.push({ matcher: `veto:${practice.id}`, outcome: 'vetoed', reason: veto.reason, ...at(hit.at) });
      if (RANK[cap] < RANK[verdict]) {
        verdict = cap;
        capReason = veto.reason;
      }
    }
  }

  const supporting = fired.filter((f) => verdict !== 'not_met' && RANK[f.matcher.verdict] >= RANK[verdict]);
  if (verdict !== 'not_met') firedBy.set(practice.id, supporting.map((f) => f.candidate));
  const evidence = distinctPlaces(supporting).slice(0, EVIDENCE_CANDIDATES).flatMap((f) => evidenceOf(doc, f, contextWords));
  return {
    id: practice.id,
    group: practice.group,
    title: practice.title,
    verdict,
    points: verdict === 'met' ? practice.points : verdict === 'partial' ? practice.points / 2 : 0,
    evidence,
    explanation: explain(practice, verdict, supporting, trace, capReason, doc),
    trace,
  };
}

/** Two matchers often fire on the same words; quote each place once. */
function distinctPlaces(fired: Fired[]): Fired[] {
  const out: Fired[] = [];
  for (const f of fired) {
    const c = f.candidate;
    if (!out.some((o) => o.candidate.start < c.end && c.start < o.candidate.end)) out.push(f);
  }
  return out;
}

function spread(s: Span): [number, number] {
  return [s.start, s.end];
}

/** The sentence a span starts in, stretched to hold the whole span. */
function sentenceOf(doc: BillDocument, span: Span): Span {
  const found = doc.sentences[sentenceIndexAt(doc.sentences, span.start)] ?? { start: 0, end: doc.text.length };
  return { start: found.start, end: Math.max(found.end, span.end) };
}

function evidenceOf(doc: BillDocument, f: Fired, contextWords: number): Evidence[] {
  const c = f.candidate;
  if (f.matcher.scope === 'sentence') return quote(doc, ...spread(widen(doc, c.start, c.end, c.unit)), f.matcher.id, contextWords);
  // Wider scopes: quote each pattern's words in its own sentence, in reading order, without repeats.
  const spans = [...c.matches].sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return spans.flatMap((m) => quote(doc, ...spread(widen(doc, m.start, m.end, sentenceOf(doc, m))), f.matcher.id, contextWords)).filter((e) => {
    const key = `${e.page}:${e.line}:${e.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function requirementHolds(doc: BillDocument, required: Candidate[], candidate: Candidate, scope: 'section' | 'document'): boolean {
  if (required.length === 0) return false;
  if (scope === 'document') return true;
  const here = sectionAt(doc.sections, candidate.start);
  return required.some((r) => sectionAt(doc.sections, r.start) === here);
}

function explain(practice: CompiledPractice, verdict: Verdict, supporting: Fired[], trace: TraceStep[], capReason: string | null, doc: BillDocument): string {
  if (verdict !== 'not_met') {
    const first = supporting[0]!;
    const where = describeSection(sectionAt(doc.sections, first.candidate.start));
    const because = `${first.matcher.description}${where ? ` (${where})` : ''}`;
    return capReason ? `${because}; held to ${verdict} because ${capReason}` : because;
  }
  if (capReason) return `A clause matched, but ${capReason}.`;
  const blocked = trace.find((t) => t.outcome === 'vetoed' || t.outcome === 'non-operative' || t.outcome === 'missing-requirement');
  if (blocked) return `${practice.notMet} (${blocked.reason}).`;
  return practice.notMet;
}

function scoreOf(rubric: Rubric, practices: PracticeResult[]): Score {
  const byGroup: Record<string, number> = {};
  const maxByGroup: Record<string, number> = {};
  for (const g of rubric.groups) {
    byGroup[g.id] = 0;
    maxByGroup[g.id] = 0;
  }
  rubric.practices.forEach((spec, i) => {
    byGroup[spec.group] = (byGroup[spec.group] ?? 0) + practices[i]!.points;
    maxByGroup[spec.group] = (maxByGroup[spec.group] ?? 0) + spec.points;
  });
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  return {
    end: byGroup.end ?? 0,
    start: byGroup.start ?? 0,
    total: sum(byGroup),
    byGroup,
    max: { end: maxByGroup.end ?? 0, start: maxByGroup.start ?? 0, total: sum(maxByGroup), byGroup: maxByGroup },
  };
}
