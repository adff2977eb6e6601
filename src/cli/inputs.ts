// Expands the command line's inputs into bill paths: files, folders (recursive) and "-" for standard input.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { BillscoreError, asBillscoreError } from '../errors.js';
import { STDIN } from '../read/read.js';

export const BILL_EXTENSIONS = new Set(['.txt', '.md', '.pdf']);

export interface Expanded {
  /** Bills to score, sorted by path, with "-" first when given. */
  bills: string[];
  /** Inputs that could not be opened at all; each becomes an error entry in the report. */
  failures: Array<{ source: string; error: BillscoreError }>;
  /** Files inside folders that are not bills. */
  skipped: number;
}

export async function expandInputs(inputs: string[]): Promise<Expanded> {
  const bills = new Set<string>();
  const failures: Expanded['failures'] = [];
  let skipped = 0;
  for (const input of inputs) {
    if (input === STDIN) {
      bills.add(STDIN);
      continue;
    }
    try {
      const info = await stat(input);
      if (!info.isDirectory()) {
        bills.add(input);
        continue;
      }
      const found = await walk(input);
      skipped += found.skipped;
      if (found.bills.length === 0) {
        throw new BillscoreError('no-bills', `${input} holds no bills (.txt, .md or .pdf files); point billscore at the folder that has them`, input);
      }
      found.bills.forEach((b) => bills.add(b));
    } catch (err) {
      failures.push({ source: input, error: asBillscoreError(err, input) });
    }
  }
  const sorted = [...bills].sort((a, b) => (a === STDIN ? -1 : b === STDIN ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return { bills: sorted, failures, skipped };
}

async function walk(dir: string): Promise<{ bills: string[]; skipped: number }> {
  const bills: string[] = [];
  let skipped = 0;
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await walk(path);
      bills.push(...sub.bills);
      skipped += sub.skipped;
    } else if (entry.isFile() && BILL_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      bills.push(path);
    } else if (entry.isFile() && !entry.name.startsWith('.')) {
      skipped++;
    }
  }
  return { bills, skipped };
}
