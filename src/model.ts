// The one result model every formatter prints. Defined once in zod so the JSON Schema is generated, not hand-written.
import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { SCHEMA_VERSION } from './version.js';

export { SCHEMA_VERSION };

export const Verdict = z.enum(['met', 'partial', 'not_met']);
export type Verdict = z.infer<typeof Verdict>;

export const Evidence = z.object({
  quote: z.string().describe("The bill's own words, as normalised (one source line each)"),
  page: z.number().int().min(1),
  line: z.number().int().min(1),
  section: z.string().nullable().describe('The section heading the words stand under, if any'),
  matcher: z.string().describe('The rubric matcher that quoted these words'),
  context: z
    .object({ before: z.string(), after: z.string() })
    .optional()
    .describe('Only with --context N: the N words of the bill before and after the quote'),
});
export type Evidence = z.infer<typeof Evidence>;

export const TraceStep = z.object({
  matcher: z.string(),
  outcome: z.enum(['fired', 'vetoed', 'non-operative', 'missing-requirement', 'no-match']),
  verdict: Verdict.optional(),
  reason: z.string(),
  quote: z.string().optional(),
  page: z.number().int().optional(),
  line: z.number().int().optional(),
});
export type TraceStep = z.infer<typeof TraceStep>;

export const PracticeResult = z.object({
  id: z.string(),
  group: z.string(),
  title: z.string(),
  verdict: Verdict,
  points: z.number(),
  evidence: z.array(Evidence),
  explanation: z.string(),
  trace: z.array(TraceStep).optional().describe('Only with --explain: every matcher and what it decided'),
});
export type PracticeResult = z.infer<typeof PracticeResult>;

export const GroupScore = z.record(z.string(), z.number());

export const Score = z.object({
  end: z.number(),
  start: z.number(),
  total: z.number(),
  byGroup: GroupScore.describe('Points per rubric group (custom rubrics may have other groups)'),
  max: z.object({ end: z.number(), start: z.number(), total: z.number(), byGroup: GroupScore }),
});
export type Score = z.infer<typeof Score>;

export const BillError = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const BillReport = z.object({
  source: z.string(),
  format: z.enum(['text', 'pdf']).nullable(),
  status: z.enum(['ok', 'error']),
  error: BillError.optional(),
  pages: z.number().int().nullable(),
  score: Score.nullable(),
  practices: z.array(PracticeResult),
});
export type BillReport = z.infer<typeof BillReport>;

export const Summary = z.object({
  bills: z.number().int().describe('Bill entries in the report, scored or not'),
  scored: z.number().int(),
  failed: z.number().int().describe('Inputs that could not be read or scored (status "error")'),
  skipped: z.number().int().describe('Files in folders or glob matches that were not bills (wrong extension)'),
  meanTotal: z.number().nullable().describe('Mean total score of the scored bills; null when none was scored'),
  distribution: z
    .array(z.object({ total: z.number(), bills: z.number().int() }))
    .describe('How many scored bills have each total score, lowest total first'),
  practices: z
    .record(z.string(), z.object({ met: z.number().int(), partial: z.number().int(), not_met: z.number().int() }))
    .describe('Per practice id, in rubric order: how many scored bills meet it, partially meet it, or do not'),
});
export type Summary = z.infer<typeof Summary>;

export const Report = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('billscore'), version: z.string() }),
  rubric: z.object({
    id: z.string(),
    version: z.union([z.string(), z.number()]),
    practices: z.array(z.string()).describe('Practice ids in rubric order (the columns of a CSV report)'),
  }),
  bills: z.array(BillReport),
  summary: Summary,
});
export type Report = z.infer<typeof Report>;

/** Everything in a report but the bills: what a streaming format knows before the first bill is done. */
export const ReportHead = Report.omit({ bills: true, summary: true });
export type ReportHead = z.infer<typeof ReportHead>;

/** --format ndjson: each line says what it is, so consumers can tell bills from the closing summary. */
export const NdjsonBill = BillReport.extend({ type: z.literal('bill') });
export const NdjsonSummary = ReportHead.extend({ type: z.literal('summary'), summary: Summary });
