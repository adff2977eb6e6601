// Expands the command line's inputs into bill paths: files, folders (recursive), glob patterns and "-" for standard input.
import { readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { BillscoreError, asBillscoreError } from '../errors.js';
import { STDIN } from '../read/read.js';

export const BILL_EXTENSIONS = new Set(['.txt', '.md', '.pdf']);

export interface Expanded {
  /** Bills to score, sorted by path, with "-" first when given. */
  bills: string[];
  /** Inputs that could not be opened at all; each becomes an error entry in the report. */
  failures: Array<{ source: string; error: BillscoreError }>;
  /** Files inside folders (or matched by a glob) that are not bills. */
  skipped: number;
}

export async function expandInputs(inputs: string[]): Promise<Expanded> {
  // Keyed by absolute path so "a.txt" and "./a.txt" are scored once; the value keeps the user's spelling.
  const bills = new Map<string, string>();
  const add = (path: string) => {
    const key = path === STDIN ? STDIN : resolve(path);
    if (!bills.has(key)) bills.set(key, path);
  };
  const failures: Expanded['failures'] = [];
  let skipped = 0;
  for (const input of inputs) {
    if (input === STDIN) {
      add(STDIN);
      continue;
    }
    try {
      const found = await expandOne(input);
      skipped += found.skipped;
      found.bills.forEach(add);
      failures.push(...(found.failures ?? []));
    } catch (err) {
      failures.push({ source: input, error: asBillscoreError(err, input) });
    }
  }
  return { bills: [...bills.values()].sort(byPath), failures, skipped };
}

/** Standard input first, then plain code-unit order: the same on every machine and locale. */
export function byPath(a: string, b: string): number {
  if (a === b) return 0;
  if (a === STDIN) return -1;
  if (b === STDIN) return 1;
  return a < b ? -1 : 1;
}

async function expandOne(input: string): Promise<Walked> {
  let info;
  try {
    info = await stat(input);
  } catch (err) {
    // A path that exists wins over a pattern, so a file really named "bill[1].txt" can still be scored.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    // Loaded only for a path that is missing: most runs name files and folders that exist.
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (isDynamicPattern(input)) return expandGlob(input, glob);
    throw err;
  }
  if (!info.isDirectory()) return { bills: [input], skipped: 0 };
  const found = await walk(input);
  if (found.bills.length === 0 && found.failures.length === 0) {
    throw new BillscoreError('no-bills', `${input} holds no bills (.txt, .md or .pdf files); point billscore at the folder that has them`, input);
  }
  return found;
}

async function expandGlob(pattern: string, glob: typeof import('tinyglobby').glob): Promise<{ bills: string[]; skipped: number }> {
  // Matches come back in the pattern's own style: absolute for an absolute pattern, else relative to here.
  const files = await glob(pattern, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(pattern) });
  const bills = files.filter(isBillName);
  if (bills.length === 0) {
    const why = files.length ? `matches ${files.length} files but none is a bill (.txt, .md or .pdf)` : 'matches no file';
    throw new BillscoreError('not-found', `${pattern} ${why}; check the pattern (quote it so the shell does not expand it first)`, pattern);
  }
  return { bills, skipped: files.length - bills.length };
}

function isBillName(name: string): boolean {
  return BILL_EXTENSIONS.has(extname(name).toLowerCase());
}

interface Walked {
  bills: string[];
  skipped: number;
  /** Subfolders that could not be listed: reported on their own, so the rest of the folder is still scored. */
  failures?: Expanded['failures'];
}

async function walk(dir: string): Promise<Required<Walked>> {
  const bills: string[] = [];
  const failures: Expanded['failures'] = [];
  let skipped = 0;
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    // Hidden files and folders (.git, .DS_Store) are not the user's bills and not worth counting.
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      try {
        const sub = await walk(path);
        bills.push(...sub.bills);
        failures.push(...sub.failures);
        skipped += sub.skipped;
      } catch (err) {
        failures.push({ source: path, error: asBillscoreError(err, path) });
      }
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isBillName(entry.name)) {
      // A linked bill is read through its link (a broken link then fails as not-found); linked folders are not followed, so no loops.
      bills.push(path);
    } else if (entry.isFile()) {
      skipped++;
    }
  }
  return { bills, skipped, failures };
}
