// The whole path for one bill: read → normalise → judge. Failures become an error report, never an exception.
import { asBillscoreError } from './errors.js';
import { judge, type JudgeOptions } from './judge/judge.js';
import type { BillReport } from './model.js';
import { normalise } from './normalise/normalise.js';
import { parseBill, readBill, type RawBill } from './read/read.js';
import type { Rubric } from './rubric/load.js';

export async function scoreSource(source: string, rubric: Rubric, options: JudgeOptions = {}): Promise<BillReport> {
  let raw: RawBill;
  try {
    raw = await readBill(source);
  } catch (err) {
    return errorReport(source, err);
  }
  return scoreRaw(raw, rubric, options);
}

export async function scoreBytes(bytes: Uint8Array, source: string, rubric: Rubric, options: JudgeOptions = {}): Promise<BillReport> {
  try {
    return scoreRaw(await parseBill(bytes, source), rubric, options);
  } catch (err) {
    return errorReport(source, err);
  }
}

export function scoreRaw(raw: RawBill, rubric: Rubric, options: JudgeOptions = {}): BillReport {
  try {
    const doc = normalise(raw);
    const { practices, score } = judge(doc, rubric, options);
    return { source: raw.source, format: raw.format, status: 'ok', pages: raw.pages.length, score, practices };
  } catch (err) {
    return { ...errorReport(raw.source, err), format: raw.format };
  }
}

export function errorReport(source: string, err: unknown): BillReport {
  const e = asBillscoreError(err, source);
  return { source, format: null, status: 'error', error: { code: e.code, message: e.message }, pages: null, score: null, practices: [] };
}
