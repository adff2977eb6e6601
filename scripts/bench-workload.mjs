// Builds the benchmark's inputs under bench-out/work from the dev corpus: copies only, so the bills are real.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rebuilds from scratch each run so a changed corpus or a half-written folder never skews the numbers. */
export function buildWorkload(corpus, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const names = readdirSync(corpus).sort();
  const pdfs = names.filter((n) => n.endsWith('.pdf')).map((n) => join(corpus, n));
  const texts = names.filter((n) => n.endsWith('.txt')).map((n) => join(corpus, n));
  if (!pdfs.length || !texts.length) throw new Error(`${corpus} needs both .pdf and .txt bills`);
  const largestPdf = pdfs.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  const largestText = texts.reduce((a, b) => (statSync(b).size > statSync(a).size ? b : a));
  const smallText = texts.reduce((a, b) => (statSync(b).size < statSync(a).size ? b : a));

  const copies = (files, times, dir) => {
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < times; i++) for (const f of files) copyFileSync(f, join(dir, `${i}-${f.split('/').pop()}`));
    return dir;
  };
  // One long bill made of whole corpus bills back to back, to a target size.
  const bigBill = (bytes, file) => {
    const parts = [];
    let size = 0;
    for (let i = 0; size < bytes; i++) {
      const t = readFileSync(texts[i % texts.length]);
      parts.push(t, Buffer.from('\n\n'));
      size += t.length + 2;
    }
    writeFileSync(file, Buffer.concat(parts).subarray(0, bytes));
    return file;
  };

  return {
    corpus: { pdfs: pdfs.length, texts: texts.length },
    largestPdf,
    largestText,
    smallText,
    pdfDir: copies(pdfs, 25, join(out, 'pdf')),
    textDir: copies(texts, 8, join(out, 'text')),
    // Linear growth in the number of bills: the text corpus 1, 4 and 16 times over.
    countDirs: [1, 4, 16].map((k) => ({ k, dir: copies(texts, k, join(out, `count-${k}x`)) })),
    // Linear growth in bill size: one bill of 0.5, 2 and 8 MB.
    sizeFiles: [1, 4, 16].map((k) => ({ k, file: bigBill(k * 512 * 1024, join(out, `size-${k}x.txt`)) })),
    hugeText: bigBill(30 * 1024 * 1024, join(out, 'huge-30mb.txt')),
    hugerText: bigBill(60 * 1024 * 1024, join(out, 'huge-60mb.txt')),
  };
}

export const filesIn = (dir) => (existsSync(dir) ? readdirSync(dir).length : 0);
