// Issue 6: every kind of bad input gets a clear one-line answer and a code, and never costs another bill its result.
// Each input is built here, in a temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Report, type BillReport } from '../src/model.js';
import { parseBill } from '../src/read/read.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreBytes } from '../src/score.js';
import { ENCODINGS } from './fixtures/encode.js';
import { makePdf } from './fixtures/make-pdf.js';
import { BIN, runCli } from './helpers/run-cli.js';

const BILLS = new URL('./fixtures/bills/', import.meta.url);
const bill = (name: string) => readFileSync(new URL(name, BILLS), 'utf8');
const rubric = loadRubric();

const dir = mkdtempSync(join(tmpdir(), 'billscore-bad-'));
chmodSync(dir, 0o755); // the permission test reads it as another user
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
};

/** One message line per failed bill, each naming its file, and no stack trace. */
function expectOneLineEach(stderr: string, paths: string[]) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(paths.length);
  for (const p of paths) expect(lines.some((l) => l.startsWith('billscore: ') && l.includes(p))).toBe(true);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

function jsonReport(stdout: string) {
  return Report.parse(JSON.parse(stdout));
}

const verdicts = (r: BillReport) => r.practices.map((p) => `${p.id}:${p.verdict}:${p.points}`);

describe('paths that cannot be read', () => {
  it('a missing path: exit 2, one line naming it and what to do, an error entry not-found', () => {
    const missing = join(dir, 'no-such-bill.txt');
    const r = runCli([missing, '-f', 'json']);
    expect(r.status).toBe(2);
    expectOneLineEach(r.stderr, [missing]);
    expect(r.stderr).toMatch(/check the path/);
    expect(jsonReport(r.stdout).bills).toMatchObject([{ source: missing, status: 'error', error: { code: 'not-found' } }]);
  });

  it('a folder with no bills: exit 2, one line saying which folder and what billscore looks for', () => {
    const empty = join(dir, 'no-bills');
    file('no-bills/minutes.docx', 'not a bill');
    const r = runCli([empty]);
    expect(r.status).toBe(2);
    expectOneLineEach(r.stderr, [empty]);
    expect(r.stderr).toMatch(/holds no bills \(\.txt, \.md or \.pdf files\)/);
  });

  it.skipIf(process.platform === 'win32')('a folder of links: a linked bill is scored, a broken link fails alone as not-found', () => {
    const links = join(dir, 'links');
    mkdirSync(links);
    symlinkSync(new URL('./fixtures/bills/us-hr3602-119-ih.txt', import.meta.url).pathname, join(links, 'linked.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(links, 'broken.txt'));
    const r = runCli([links, '-f', 'json']);
    expect(r.status).toBe(2);
    expectOneLineEach(r.stderr, [join(links, 'broken.txt')]);
    expect(jsonReport(r.stdout).bills.map((b) => [b.source, b.status, b.error?.code])).toEqual([
      [join(links, 'broken.txt'), 'error', 'not-found'],
      [join(links, 'linked.txt'), 'ok', undefined],
    ]);
  });

  // chmod 000 does not stop root, so as root the CLI runs as "nobody", for whom it does.
  const asRoot = process.getuid?.() === 0;
  const nobody = { uid: 65534, gid: 65534 };
  const nobodyCanRun = !asRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, 4)`], nobody).status === 0;
  const runAs = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' }, ...(asRoot ? nobody : {}) });

  it.skipIf(process.platform === 'win32' || !nobodyCanRun)('a file without read permission: exit 2, error unreadable, one line', () => {
    const locked = file('locked/locked.txt', bill('us-hr3602-119-ih.txt'));
    chmodSync(join(dir, 'locked'), 0o755);
    chmodSync(locked, 0o000);
    const r = runAs([locked, '-f', 'json']);
    expect(r.status).toBe(2);
    expectOneLineEach(r.stderr, [locked]);
    expect(r.stderr).toMatch(/permission denied reading .*; check its permissions/);
    expect(jsonReport(r.stdout).bills).toMatchObject([{ source: locked, status: 'error', error: { code: 'unreadable' } }]);
  });

  it.skipIf(process.platform === 'win32' || !nobodyCanRun)('an unreadable subfolder fails alone: the rest of the folder is scored', () => {
    const top = join(dir, 'partly-locked');
    file('partly-locked/good.txt', bill('us-hr3602-119-ih.txt'));
    file('partly-locked/private/hidden-bill.txt', bill('ny-s2887-2023.txt'));
    chmodSync(top, 0o755);
    chmodSync(join(top, 'private'), 0o000);
    const r = runAs([top, '-f', 'json']);
    expect(r.status).toBe(2);
    expectOneLineEach(r.stderr, [join(top, 'private')]);
    const bills = jsonReport(r.stdout).bills;
    expect(bills.map((b) => [b.source, b.status, b.error?.code])).toEqual([
      [join(top, 'good.txt'), 'ok', undefined],
      [join(top, 'private'), 'error', 'unreadable'],
    ]);
  });
});

describe('files that hold no bill', () => {
  it.each([
    ['an empty file', ''],
    ['a whitespace-only file', ' \n\t\r\n\f  \u00a0\n'],
  ])('%s: error empty', async (_, content) => {
    const r = await scoreBytes(Buffer.from(content), 'x.txt', rubric);
    expect(r.error).toMatchObject({ code: 'empty' });
    expect(r.error!.message).toMatch(/^x\.txt is empty/);
  });

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 2654435761) >>> 24))],
    ['a zip archive', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.alloc(200, 7)])],
    ['control characters without a NUL', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 5 === 0 ? 1 + (i % 7) : 65 + (i % 26))))],
    ['a PNG image', Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10', 'latin1')],
  ])('binary data with a text name (%s): error not-text', async (_, bytes) => {
    const r = await scoreBytes(bytes, 'bill.txt', rubric);
    expect(r.error).toMatchObject({ code: 'not-text' });
    expect(r.error!.message).toMatch(/^bill\.txt is not a text or PDF file/);
  });
});

describe('text in any common encoding scores like its UTF-8 twin', () => {
  // Curly quotes, dashes and a section sign: the characters a wrong guess at the encoding would garble.
  const twin = `${bill('co-crs-13-21-131-statute-partial.txt')}\n“Qualified immunity” is the officer’s defence — see § 13-21-131, café.\n`;
  const expected = Promise.all([parseBill(Buffer.from(twin), 'twin.txt'), scoreBytes(Buffer.from(twin), 'twin.txt', rubric)]);

  it.each(Object.keys(ENCODINGS))('%s', async (name) => {
    const bytes = ENCODINGS[name]!(twin);
    const [raw, report] = await expected;
    expect(report.status).toBe('ok');
    expect((await parseBill(bytes, 'x.txt')).pages).toEqual(raw.pages);
    const got = await scoreBytes(bytes, 'x.txt', rubric);
    expect(got.practices).toEqual(report.practices);
    expect(got.score).toEqual(report.score);
  });
});

describe('PDF or text: decided by content, not by name', () => {
  const lines = ['SEC. 2. CIVIL ACTION.', 'Qualified immunity is not a defense to liability pursuant to this section.'];

  it('a PDF named .txt is read as a PDF and scored', async () => {
    const path = file('really-a-pdf.txt', makePdf({ pages: [lines] }));
    const r = await scoreBytes(readFileSync(path), path, rubric);
    expect(r).toMatchObject({ status: 'ok', format: 'pdf', pages: 1 });
    expect(r.practices.find((p) => p.id === 'end-qi-police')!.verdict).toBe('met');
  });

  it('a text file named .pdf is read as text and scored like the same file named .txt', async () => {
    const text = bill('ny-s2887-2023.txt');
    const r = await scoreBytes(Buffer.from(text), 'really-text.pdf', rubric);
    expect(r).toMatchObject({ status: 'ok', format: 'text' });
    expect(verdicts(r)).toEqual(verdicts(await scoreBytes(Buffer.from(text), 'twin.txt', rubric)));
  });

  it('a text that mentions "%PDF-" near its start is still read as text', async () => {
    const text = `Exhibits are filed as %PDF-1.7 documents.\n${bill('ny-s2887-2023.txt')}`;
    const r = await scoreBytes(Buffer.from(text), 'mentions-pdf.txt', rubric);
    expect(r).toMatchObject({ status: 'ok', format: 'text' });
    expect(verdicts(r)).toEqual(verdicts(await scoreBytes(Buffer.from(bill('ny-s2887-2023.txt')), 'twin.txt', rubric)));
  });

  it('a PDF with a few bytes of junk before its header is still read as a PDF', async () => {
    const pdf = makePdf({ pages: [['SEC. 2.', 'Qualified immunity is not a defense to liability pursuant to this section.']] });
    const r = await scoreBytes(Buffer.concat([Buffer.from('\r\n\r\n'), pdf]), 'junk-first.pdf', rubric);
    expect(r).toMatchObject({ status: 'ok', format: 'pdf' });
  });
});

describe('PDFs that cannot be read', () => {
  const lines = ['SEC. 2.', 'Qualified immunity is not a defense to liability pursuant to this section.'];

  it('password-protected: error encrypted, saying how to unlock it', async () => {
    const r = await scoreBytes(makePdf({ pages: [lines], encrypted: true }), 'locked.pdf', rubric);
    expect(r.error).toMatchObject({ code: 'encrypted' });
    expect(r.error!.message).toMatch(/^locked\.pdf is password-protected; .*qpdf --decrypt/);
  });

  it.each([
    ['cut short', () => makePdf({ pages: [lines, lines] }).subarray(0, 400)],
    ['a real bill cut in half', () => {
      const real = readFileSync(new URL('../samples/us-hr3602-119-ih.pdf', import.meta.url));
      return real.subarray(0, real.length >> 1);
    }],
    ['only a header', () => Buffer.from('%PDF-1.7\n')],
    ['a header and garbage', () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5000, 0x2f)])],
  ])('%s: error corrupt-pdf, promptly', async (_, bytes) => {
    const r = await scoreBytes(bytes(), 'broken.pdf', rubric);
    expect(r.error).toMatchObject({ code: 'corrupt-pdf' });
    expect(r.error!.message).toMatch(/^broken\.pdf is not a readable PDF .*download it again/);
  }, 20_000);

  it('scanned (images, no text layer): error no-text-layer naming an OCR tool', async () => {
    const r = await scoreBytes(makePdf({ pages: [null, null] }), 'scan.pdf', rubric);
    expect(r.error).toMatchObject({ code: 'no-text-layer' });
    expect(r.error!.message).toMatch(/^scan\.pdf has no text layer.*OCR.*ocrmypdf/);
  });
});

describe('a batch with bad files', () => {
  it('gives every bad file an error entry with its code, scores every good one, and exits 2', () => {
    const folder = join(dir, 'batch');
    const good = ['us-hr3602-119-ih.txt', 'co-crs-13-21-131-statute-partial.txt'];
    for (const g of good) file(`batch/${g}`, bill(g));
    const bad: Record<string, [string | Uint8Array, string]> = {
      'empty.txt': ['', 'empty'],
      'blank.md': ['\n \n', 'empty'],
      'binary.txt': [Buffer.from([0, 1, 2, 3, 0, 255, 0, 9, 0, 0]), 'not-text'],
      'locked.pdf': [makePdf({ pages: [['text']], encrypted: true }), 'encrypted'],
      'truncated.pdf': [makePdf({ pages: [['text'], ['more']] }).subarray(0, 300), 'corrupt-pdf'],
      'scan.pdf': [makePdf({ pages: [null] }), 'no-text-layer'],
    };
    for (const [name, [content]] of Object.entries(bad)) file(`batch/${name}`, content);
    const r = runCli([folder, join(dir, 'missing.txt'), '-f', 'json']);
    expect(r.status).toBe(2);
    const bills = jsonReport(r.stdout).bills;
    const byName = new Map(bills.map((b) => [b.source.slice(folder.length + 1) || b.source, b]));
    for (const g of good) expect(byName.get(g)).toMatchObject({ status: 'ok', format: 'text' });
    for (const [name, [, code]] of Object.entries(bad)) expect(byName.get(name)?.error?.code, name).toBe(code);
    expect(bills.find((b) => b.source.endsWith('missing.txt'))?.error?.code).toBe('not-found');
    expectOneLineEach(r.stderr, [...Object.keys(bad).map((n) => join(folder, n)), join(dir, 'missing.txt')]);
  });
});

describe('output closed early', () => {
  // `-f ndjson | head -1` is tested with the batch formats; here stderr goes too, with more messages than a pipe holds.
  it('2>&1 | head -1 on a batch of failures: exits 2 without a trace', () => {
    const missing = Array.from({ length: 3000 }, (_, i) => join(dir, `gone-${i}.txt`));
    const quoted = missing.map((m) => `"${m}"`).join(' ');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${quoted} 2>&1 | head -1; exit \${PIPESTATUS[0]}`], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^billscore: no such file or folder: .*gone-0\.txt/);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
  });
});

describe('Ctrl-C during a batch', () => {
  // The --output cleanup itself is tested with the batch; here the batch is busy reading PDFs in worker threads.
  it('stops promptly while PDFs are being read, leaving the old --output file and no temporary file', async () => {
    const folder = join(dir, 'interrupted');
    const page = Array.from({ length: 50 }, (_, i) => `Line ${i} of a long bill: qualified immunity is not a defense to liability.`);
    for (let i = 0; i < 30; i++) file(`interrupted/bill-${i}.pdf`, makePdf({ pages: Array.from({ length: 40 }, () => page) }));
    const out = join(dir, 'scores.json');
    writeFileSync(out, 'old report');
    // Standard input that never ends keeps the batch from finishing before the signal comes.
    const child = spawn(process.execPath, [BIN, folder, '-', '-f', 'json', '-o', out], { env: { ...process.env, CI: '1' }, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    const temps = () => readdirSync(dir).filter((f) => f.startsWith('.scores.json.'));
    for (let waited = 0; temps().length === 0 && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(temps(), stderr).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300)); // let the workers get going
    child.kill('SIGINT');
    const timer = new Promise((r) => setTimeout(() => r('still running 10 s after Ctrl-C'), 10_000));
    expect(await Promise.race([exited, timer])).toBe('SIGINT');
    expect(temps()).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('old report');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 40_000);
});
