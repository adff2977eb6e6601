// The whole path for one bill: read → normalise → judge. Failures become an error report, never an exception.
import { asBillscoreError } from './errors.js';
import { judge, type JudgeOptions } from './judge/judge.js';
import type { BillReport } from './model.js';
import { normalise, type BillDocument } from './normalise/normalise.js';
import { parseBill, readBill, type RawBill } from './read/read.js';
import type { Rubric } from './rubric/load.js';

type Normalised = { doc: BillDocument } | { report: BillReport };

export async function scoreSource(source: string, rubric: Rubric, options: JudgeOptions = {}): Promise<BillReport> {
  const read = await readNormalised(source);
  return 'doc' in read ? scoreDocument(read.doc, rubric, options) : read.report;
}

/** A frame of its own, so nothing holds the raw pages while judging: for a big bill they are as large as its clean text. */
async function readNormalised(source: string): Promise<Normalised> {
  let raw: RawBill;
  try {
    raw = await readBill(source);
  } catch (err) {
    return { report: errorReport(source, err) };
  }
  return normaliseOrReport(raw);
}

export async function scoreBytes(bytes: Uint8Array, source: string, rubric: Rubric, options: JudgeOptions = {}): Promise<BillReport> {
  try {
    return scoreRaw(await parseBill(bytes, source), rubric, options);
  } catch (err) {
    return errorReport(source, err);
  }
}

export function scoreRaw(raw: RawBill, rubric: Rubric, options: JudgeOptions = {}): BillReport {
  const normalised = normaliseOrReport(raw);
  return 'doc' in normalised ? scoreDocument(normalised.doc, rubric, options) : normalised.report;
}

function normaliseOrReport(raw: RawBill): Normalised {
  try {
    return { doc: normalise(raw) };
  } catch (err) {
    return { report: { ...errorReport(raw.source, err), format: raw.format } };
  }
}

function scoreDocument(doc: BillDocument, rubric: Rubric, options: JudgeOptions): BillReport {
  try {
    const { practices, score } = judge(doc, rubric, options);
    return { source: doc.source, format: doc.format, status: 'ok', pages: doc.pages, score, practices };
  } catch (err) {
    return { ...errorReport(doc.source, err), format: doc.format };
  }
}

export function errorReport(source: string, err: unknown): BillReport {
  const e = asBillscoreError(err, source);
  return { source, format: null, status: 'error', error: { code: e.code, message: e.message }, pages: null, score: null, practices: [] };
}
