// Loads pdf-parse and the pdf.js it wraps once per thread, and undoes the global slow-downs pdf.js's legacy build brings.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Transferable } from 'node:worker_threads';
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
  const pdfjs = (await import(pdfjsUrl('pdf.mjs'))) as { PDFWorker: new (params: { port: ClonePort; verbosity: number }) => unknown };
  // Loaded now rather than on the first document, so its polyfills are in before the natives return.
  const { WorkerMessageHandler } = (await import(pdfjsUrl('pdf.worker.mjs'))) as { WorkerMessageHandler: { initializeFromPort(port: ClonePort): void } };
  Array.prototype.push = nativePush;
  JSON.parse = nativeJsonParse;
  process.on('unhandledRejection', letPdfJsLeftoversGo);
  // In Node pdf.js runs its "worker" in this thread and passes every message through structuredClone, which costs about
  // a tenth of its time on a long bill. The same worker, attached the way a real worker thread attaches, talks through
  // ports that copy plain messages (nearly all of them) in JavaScript instead.
  const mainPort = new ClonePort();
  const workerPort = new ClonePort();
  mainPort.peer = workerPort;
  workerPort.peer = mainPort;
  WorkerMessageHandler.initializeFromPort(workerPort);
  return { PDFParse, worker: new pdfjs.PDFWorker({ port: mainPort, verbosity: 0 }) };
}

/** The exception classes pdf.js's own code throws (its BaseException family, which it does not export). */
const PDFJS_EXCEPTIONS = new Set([
  'AbortException', 'DNLMarkerError', 'EOIMarkerError', 'FormatError', 'InvalidPDFException', 'JpegError', 'JpxError',
  'MissingDataException', 'ParserEOFException', 'PasswordException', 'RenderingCancelledException', 'ResponseException',
  'UnknownErrorException', 'XRefEntryException', 'XRefParseException',
]);

/**
 * On some damaged pages pdf.js leaves a promise of its own rejected and unhandled ("End of file inside array") after
 * the page has come back, or failed, through its API. Left alone it would crash the thread and fail a bill already read,
 * or not, depending on timing. Only pdf.js's own exceptions are let go; any other rejection is thrown as Node would.
 */
function letPdfJsLeftoversGo(reason: unknown): void {
  if (isPdfJsException(reason)) return;
  throw reason;
}

/** By name, so that it also knows a serialised error (the test runner's). */
export function isPdfJsException(reason: unknown): boolean {
  const name = (reason as { name?: unknown } | null)?.name;
  return typeof name === 'string' && PDFJS_EXCEPTIONS.has(name);
}

type Listener = (this: ClonePort, event: { data: unknown }) => void;

/** pdf.js's in-thread LoopbackPort, split in two ends, with a faster copy of messages than structuredClone's. */
class ClonePort {
  peer: ClonePort | undefined;
  /** Each listener, with what unhooks it from the abort signal it came with. */
  readonly listeners = new Map<Listener, (() => void) | null>();
  #deferred = Promise.resolve();

  postMessage(message: unknown, transfer?: Transferable[]): void {
    const data = transfer?.length ? structuredClone(message, { transfer }) : copyMessage(message);
    const peer = this.peer!;
    void this.#deferred.then(() => {
      for (const [listener] of peer.listeners) listener.call(peer, { data });
    });
  }

  // pdf.js's message handlers unhook themselves through the signal when a document is destroyed.
  addEventListener(type: string, listener: Listener, options?: { signal?: AbortSignal } | null): void {
    let unhook: (() => void) | null = null;
    const signal = options?.signal;
    if (signal instanceof AbortSignal) {
      if (signal.aborted) return;
      const onAbort = () => this.removeEventListener(type, listener);
      unhook = () => signal.removeEventListener('abort', onAbort);
      signal.addEventListener('abort', onAbort);
    }
    this.listeners.set(listener, unhook);
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.listeners.get(listener)?.();
    this.listeners.delete(listener);
  }

  terminate(): void {
    for (const [, unhook] of this.listeners) unhook?.();
    this.listeners.clear();
  }
}

class NotPlain extends Error {}

/** What structuredClone would give: plain objects and arrays are copied here, anything else goes to structuredClone. */
function copyMessage(message: unknown): unknown {
  try {
    return copyPlain(message, new Map());
  } catch (err) {
    if (err instanceof NotPlain) return structuredClone(message);
    throw err;
  }
}

function copyPlain(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol') throw new NotPlain();
    return value;
  }
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    // structuredClone keeps holes and extra properties on arrays; leave such arrays to it.
    if (Object.getPrototypeOf(value) !== Array.prototype || Object.keys(value).length !== value.length) throw new NotPlain();
    const out: unknown[] = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copyPlain(value[i], seen);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new NotPlain();
  // structuredClone gives ordinary objects, even for prototype-less ones.
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = copyPlain((value as Record<string, unknown>)[key], seen);
  return out;
}
