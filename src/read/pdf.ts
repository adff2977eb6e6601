// PDF to page texts. pdf-parse (and pdf.js under it) is heavy, so it is loaded only when a PDF is read, in worker threads (pdf-pool.ts).
import { extname } from 'node:path';
import { BillscoreError } from '../errors.js';
import { extractPdfText } from './pdf-pool.js';

/** By name only: good enough to plan work (threads, reader start-up), while reading decides by content. */
export function isPdfName(path: string): boolean {
  return extname(path).toLowerCase() === '.pdf';
}

/**
 * Where the PDF header stands: 0 for a normal PDF, more when junk precedes it (readers accept it within
 * the first KiB), -1 when there is none.
 */
export function pdfHeaderAt(bytes: Uint8Array): number {
  return Buffer.from(bytes.subarray(0, 1024)).toString('latin1').indexOf('%PDF-');
}

export async function extractPdfPages(bytes: Uint8Array, source: string): Promise<string[]> {
  try {
    const pages = await extractPdfText(bytes);
    if (pages.every((p) => p.trim() === '')) {
      throw new BillscoreError(
        'no-text-layer',
        `${source} has no text layer (a scanned PDF?); run it through OCR first, e.g. \`ocrmypdf in.pdf out.pdf\`, then score the result`,
        source,
      );
    }
    return pages;
  } catch (err) {
    throw classifyPdfError(err, source);
  }
}

function classifyPdfError(err: unknown, source: string): BillscoreError {
  if (err instanceof BillscoreError) return err;
  const name = (err as { name?: string })?.name ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new BillscoreError('encrypted', `${source} is password-protected; save an unlocked copy (e.g. \`qpdf --decrypt in.pdf out.pdf\`) and score that`, source);
  }
  return new BillscoreError('corrupt-pdf', `${source} is not a readable PDF (${message.split('\n')[0]}); download it again or export a fresh copy`, source);
}
