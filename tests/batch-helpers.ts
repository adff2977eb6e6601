// Shared by the batch tests: a temporary folder of a few real bills, and the CLI run in-process.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli/main.js';
import { CORPUS } from './helpers/run-cli.js';

/** Text bills only (PDF parsing is slow); chosen to differ in score so thresholds and the distribution are exercised. */
export const GOOD_BILLS = ['co-crs-13-21-131-statute-partial.txt', 'us-hr503-119-ih.txt', 'us-hr3602-119-ih.txt'];

export interface Folder {
  dir: string;
  /** A .pdf that is not a readable PDF. */
  broken: string;
}

/**
 * dir/ holds the good bills (one in a subfolder with an upper-case extension), plus, when asked,
 * a broken PDF and a file that is not a bill.
 */
export function billFolder({ broken = false, extra = false } = {}): Folder {
  const dir = mkdtempSync(join(tmpdir(), 'billscore-batch-'));
  mkdirSync(join(dir, 'sub'));
  copyFileSync(join(CORPUS, GOOD_BILLS[0]!), join(dir, GOOD_BILLS[0]!));
  copyFileSync(join(CORPUS, GOOD_BILLS[1]!), join(dir, GOOD_BILLS[1]!));
  copyFileSync(join(CORPUS, GOOD_BILLS[2]!), join(dir, 'sub', GOOD_BILLS[2]!.replace('.txt', '.TXT')));
  const brokenPath = join(dir, 'broken.pdf');
  if (broken) writeFileSync(brokenPath, '%PDF-1.4\nthis is not really a PDF\n');
  if (extra) {
    writeFileSync(join(dir, 'notes.csv'), 'not,a,bill\n');
    writeFileSync(join(dir, '.hidden.txt'), 'hidden files are neither bills nor counted\n');
  }
  return { dir, broken: brokenPath };
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(args: string[]): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { NO_COLOR: '1' },
  });
  return { status, stdout, stderr };
}
