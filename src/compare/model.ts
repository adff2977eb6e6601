// The compare output, in zod like the score report, so its JSON Schema is generated too.
import { z } from 'zod';
import { BillReport, Evidence, Report, SCHEMA_VERSION, Verdict } from '../model.js';

export const Change = z.enum(['gained', 'lost', 'unchanged']);
export type Change = z.infer<typeof Change>;

export const PracticeVersion = z.object({
  verdict: Verdict,
  points: z.number(),
  evidence: z.array(Evidence),
  explanation: z.string(),
});

export const PracticeChange = z.object({
  id: z.string(),
  group: z.string(),
  title: z.string(),
  change: Change.describe('gained: the new version earns more points for this practice; lost: fewer'),
  delta: z.number().describe('Points in the new version minus points in the old'),
  evidenceChanged: z.boolean().describe('The quoted words differ between the versions (even when the verdict does not)'),
  old: PracticeVersion,
  new: PracticeVersion,
});
export type PracticeChange = z.infer<typeof PracticeChange>;

/** One version as scored; its practices are in `practices` of the comparison, side by side. */
export const VersionReport = BillReport.pick({ source: true, format: true, pages: true }).extend({ score: BillReport.shape.score.unwrap() });

export const CompareReport = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('compare'),
  tool: Report.shape.tool,
  rubric: Report.shape.rubric,
  old: VersionReport,
  new: VersionReport,
  delta: z.object({ total: z.number(), byGroup: z.record(z.string(), z.number()) }).describe('New score minus old score'),
  practices: z.array(PracticeChange).describe('Every practice of the rubric, in rubric order'),
});
export type CompareReport = z.infer<typeof CompareReport>;
