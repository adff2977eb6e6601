// Two scored versions of a bill → per practice, what the amendment gained or lost. Pure.
import type { BillReport, Evidence, PracticeResult, Report } from '../model.js';
import type { Change, CompareReport, PracticeChange } from './model.js';

type Scored = BillReport & { status: 'ok'; score: NonNullable<BillReport['score']> };

export function compareVersions(header: Pick<Report, 'schemaVersion' | 'tool' | 'rubric'>, before: Scored, after: Scored): CompareReport {
  const practices = before.practices.map((o): PracticeChange => {
    const n = after.practices.find((p) => p.id === o.id)!;
    const delta = n.points - o.points;
    const change: Change = delta > 0 ? 'gained' : delta < 0 ? 'lost' : 'unchanged';
    return { id: o.id, group: o.group, title: o.title, change, delta, evidenceChanged: words(o.evidence) !== words(n.evidence), old: side(o), new: side(n) };
  });
  const byGroup: Record<string, number> = {};
  for (const g of Object.keys(after.score.byGroup)) byGroup[g] = (after.score.byGroup[g] ?? 0) - (before.score.byGroup[g] ?? 0);
  return {
    ...header,
    kind: 'compare',
    old: version(before),
    new: version(after),
    delta: { total: after.score.total - before.score.total, byGroup },
    practices,
  };
}

function side(p: PracticeResult): PracticeChange['old'] {
  return { verdict: p.verdict, points: p.points, evidence: p.evidence, explanation: p.explanation };
}

function version(b: Scored): CompareReport['old'] {
  return { source: b.source, format: b.format, pages: b.pages, score: b.score };
}

/** The quoted words alone: a PDF and a text file of the same version break lines differently, and that is no change. */
function words(evidence: Evidence[]): string {
  return evidence
    .map((e) => e.quote)
    .join(' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
