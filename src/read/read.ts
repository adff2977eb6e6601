// Reads a bill from a path or standard input into raw page texts. Knows nothing about rubrics.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { BillscoreError, asBillscoreError } from '../errors.js';
import { decodeTextPages, emptyError } from './decode.js';
import { extractPdfPages, pdfHeaderAt } from './pdf.js';

/** A page's text, or its lines (\n-separated) when read from a text file, which is decoded line by line to save memory. */
export type Page = string | readonly string[];

export interface RawBill {
  source: string;
  format: 'text' | 'pdf';
  /** Pages as extracted; a text file is one page unless it carries form feeds. */
  pages: Page[];
}

export const STDIN = '-';

/**
 * The largest bill read. Real bills, even omnibus ones, are far smaller; the bound keeps memory in check
 * when a path names something endless (/dev/zero, a pipe) or a multi-gigabyte file by mistake.
 */
export const MAX_BILL_BYTES = 100 * 2 ** 20;

export async function readBill(source: string): Promise<RawBill> {
  const name = source === STDIN ? '<stdin>' : source;
  let bytes: Uint8Array;
  try {
    bytes = source === STDIN ? await readStdin(name) : (readRegularFile(source) ?? (await readFileBounded(source)));
  } catch (err) {
    throw asBillscoreError(err, name);
  }
  return parseBill(bytes, name);
}

/** Decides by content, not by name: a `.pdf` that holds text is read as text, and the other way round. */
export async function parseBill(bytes: Uint8Array, source: string): Promise<RawBill> {
  if (bytes.length === 0) throw emptyError(source);
  if (bytes.length > MAX_BILL_BYTES) throw tooLarge(source);
  const header = pdfHeaderAt(bytes);
  if (header === 0) return { source, format: 'pdf', pages: await extractPdfPages(bytes, source) };
  if (header > 0) {
    // A header after other bytes is a PDF with junk in front, or a text that mentions "%PDF-" early on.
    try {
      return { source, format: 'pdf', pages: await extractPdfPages(bytes, source) };
    } catch (err) {
      if (!(err instanceof BillscoreError && err.code === 'corrupt-pdf')) throw err;
      try {
        return textBill(bytes, source);
      } catch {
        throw err;
      }
    }
  }
  return textBill(bytes, source);
}

function textBill(bytes: Uint8Array, source: string): RawBill {
  return { source, format: 'text', pages: decodeTextPages(bytes, source) };
}

function tooLarge(source: string): BillscoreError {
  const mib = MAX_BILL_BYTES / 2 ** 20;
  return new BillscoreError('too-large', `${source} is larger than ${mib} MiB, more than any bill; check it is the right file, or split it and score the parts`, source);
}

/**
 * A regular file's bytes, read synchronously at its known size; null for anything else (a pipe, a device).
 * Bills are small and scoring is CPU-bound: the four thread-pool round trips of an asynchronous read cost more than
 * the read itself, and left batch workers idle between bills.
 */
function readRegularFile(path: string): Uint8Array | null {
  const fd = openSync(path, 'r');
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!info.isFile()) return null;
    if (info.size > MAX_BILL_BYTES) throw tooLarge(path);
    // One byte more than the size: a file that grew since the stat is read again the streaming way.
    const bytes = Buffer.allocUnsafe(info.size + 1);
    let total = 0;
    for (let n; total < bytes.length && (n = readSync(fd, bytes, total, bytes.length - total, null)) > 0; ) total += n;
    return total === bytes.length ? null : bytes.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

/** Reads at most MAX_BILL_BYTES + 1 bytes, so an endless or huge file fails fast instead of filling memory. */
async function readFileBounded(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const info = await file.stat();
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (info.isFile() && info.size > MAX_BILL_BYTES) throw tooLarge(path);
    // Only pipes, devices and files that grew while being read come here (readRegularFile takes the rest): chunks.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_BILL_BYTES) throw tooLarge(path);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    await file.close();
  }
}

async function readStdin(name: string): Promise<Uint8Array> {
  if (process.stdin.isTTY) {
    throw new BillscoreError('usage', 'standard input is a terminal; pipe a bill in (billscore - < bill.txt) or name a file', '-');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > MAX_BILL_BYTES) throw tooLarge(name);
  }
  return Buffer.concat(chunks, total);
}
