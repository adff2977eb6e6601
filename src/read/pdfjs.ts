// Loads pdf-parse and the pdf.js it wraps once per thread, and undoes the global slow-downs pdf.js's legacy build brings.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { PDFParse as PDFParseClass } from 'pdf-parse';

export interface PdfJs {
  PDFParse: typeof PDFParseClass;
  /** One pdf.js worker (a "fake" one, in this thread) for every document, instead of setting one up per document. */
  worker: unknown;
}

let loading: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  return (loading ??= load());
}

async function load(): Promise<PdfJs> {
  // pdf.js's legacy build (the one for Node) bundles core-js, which swaps in JavaScript versions of Array.prototype.push
  // and JSON.parse because Node 20's miss corner cases (pushing past 2^53-1 elements; JSON.parse's source-text argument)
  // that neither pdf.js nor billscore meets. The swapped push alone costs pdf.js about 15% and slows every later push in the
  // thread (the judge's too), so the natives are put back once both pdf.js modules have run.
  const nativePush = Array.prototype.push;
  const nativeJsonParse = JSON.parse;
  const { PDFParse } = await import('pdf-parse');
  // The pdf.js pdf-parse itself imports, wherever the package manager put it.
  const fromPdfParse = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
  const pdfjsUrl = (file: string) => pathToFileURL(fromPdfParse.resolve(`pdfjs-dist/legacy/build/${file}`)).href;
  const pdfjs = (await import(pdfjsUrl('pdf.mjs'))) as { PDFWorker: new (params: { verbosity: number }) => unknown };
  // Loaded now rather than on the first document, so its polyfills are in before the natives return; pdf.js finds it
  // through globalThis.pdfjsWorker and runs it in this thread, as it does in Node anyway.
  await import(pdfjsUrl('pdf.worker.mjs'));
  Array.prototype.push = nativePush;
  JSON.parse = nativeJsonParse;
  return { PDFParse, worker: new pdfjs.PDFWorker({ verbosity: 0 }) };
}
