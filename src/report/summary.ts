// The batch summary, computed once from the per-bill results so every format reports the same numbers.
import type { BillReport, Summary } from '../model.js';

export function summarise(bills: readonly BillReport[], practiceIds: readonly string[], skipped: number): Summary {
  const practices: Summary['practices'] = {};
  for (const id of practiceIds) practices[id] = { met: 0, partial: 0, not_met: 0 };
  const totals = new Map<number, number>();
  let sum = 0;
  let scored = 0;
  for (const bill of bills) {
    if (bill.status !== 'ok' || !bill.score) continue;
    scored++;
    sum += bill.score.total;
    totals.set(bill.score.total, (totals.get(bill.score.total) ?? 0) + 1);
    for (const p of bill.practices) {
      // A custom rubric's bills carry their own ids; count them too rather than drop them.
      const count = (practices[p.id] ??= { met: 0, partial: 0, not_met: 0 });
      count[p.verdict]++;
    }
  }
  return {
    bills: bills.length,
    scored,
    failed: bills.filter((b) => b.status === 'error').length,
    skipped,
    meanTotal: scored ? round(sum / scored) : null,
    distribution: [...totals].sort(([a], [b]) => a - b).map(([total, count]) => ({ total, bills: count })),
    practices,
  };
}

/** Two decimals: enough for a mean of half-points, without float noise like 2.3333333333333335. */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

