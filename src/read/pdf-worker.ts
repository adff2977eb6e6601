// PDF bytes to page texts with pdf-parse (pdf.js). Runs in a worker thread from pdf-pool.ts, or in-thread where no built worker exists.
import { parentPort, workerData } from 'node:worker_threads';
import { fastExtractPages } from './fast-pdf.js';
import { loadPdfJs } from './pdfjs.js';

export const PDF_WORKER_ROLE = 'billscore-pdf';

export interface PdfRequest {
  id: number;
  bytes: Uint8Array;
}

/** Errors cross the thread boundary as plain data; pdf.ts turns them into billscore's error codes. */
export type PdfResponse = { id: number; pages: string[] } | { id: number; error: { name: string; message: string } };

export async function extractPages(bytes: Uint8Array): Promise<string[]> {
  const fast = process.env.BILLSCORE_PDF_FAST === '0' ? null : fastExtractPages(bytes);
  if (fast) return fast;
  const { PDFParse, worker } = await loadPdfJs();
  const parser = new PDFParse({ data: bytes, verbosity: 0, worker: worker as never });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    return result.pages.map((p) => p.text);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

// Only a worker started by the pool answers messages; an in-thread import must not touch the main thread's port.
if (parentPort && (workerData as { role?: string } | null)?.role === PDF_WORKER_ROLE) {
  const port = parentPort;
  port.on('message', async ({ id, bytes }: PdfRequest) => {
    let reply: PdfResponse;
    try {
      reply = { id, pages: await extractPages(bytes) };
    } catch (err) {
      const e = err as { name?: string; message?: string };
      reply = { id, error: { name: String(e?.name ?? 'Error'), message: String(e?.message ?? err) } };
    }
    port.postMessage(reply);
  });
}
