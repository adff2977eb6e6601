// Reads a bill from a path or standard input into raw page texts. Knows nothing about rubrics.
import { readFile } from 'node:fs/promises';
import { BillscoreError, asBillscoreError } from '../errors.js';
import { decodeText } from './decode.js';
import { extractPdfPages, isPdf } from './pdf.js';

export interface RawBill {
  source: string;
  format: 'text' | 'pdf';
  /** Page texts as extracted; a text file is one page unless it carries form feeds. */
  pages: string[];
}

export const STDIN = '-';

export async function readBill(source: string): Promise<RawBill> {
  let bytes: Uint8Array;
  try {
    bytes = source === STDIN ? await readStdin() : await readFile(source);
  } catch (err) {
    throw asBillscoreError(err, source);
  }
  return parseBill(bytes, source === STDIN ? '<stdin>' : source);
}

/** Decides by content, not by name: a `.pdf` that holds text is read as text, and the other way round. */
export async function parseBill(bytes: Uint8Array, source: string): Promise<RawBill> {
  if (bytes.length === 0) throw new BillscoreError('empty', `${source} is empty; nothing to score`, source);
  if (isPdf(bytes)) return { source, format: 'pdf', pages: await extractPdfPages(bytes, source) };
  const text = decodeText(bytes, source);
  return { source, format: 'text', pages: text.split('\f') };
}

async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY) {
    throw new BillscoreError('usage', 'standard input is a terminal; pipe a bill in (billscore - < bill.txt) or name a file', '-');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
