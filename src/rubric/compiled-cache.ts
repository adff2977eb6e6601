// The compiled rubric, kept on disk between runs: parsing YAML and validating with zod cost more than scoring a short bill.
// A cached copy is used only while every file it was built from, and the code that built it, is byte-for-byte unchanged.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { BUILTIN_RUBRIC } from './builtin.js';
import type { CompiledPractice, Rubric } from './load.js';

interface Entry {
  /** Content hashes of the rubric's files and of the modules that compile it. */
  inputs: Record<string, string>;
  rubric: unknown;
  order: string[];
}

// Changing how a rubric is compiled must retire old copies even when the version number stays the same.
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js'; // .ts when run from source under vitest
const COMPILER = ['load', 'schema', 'safe-pattern', 'prefilter', '../normalise/narrow'].map((f) => fileURLToPath(new URL(`./${f}${EXT}`, import.meta.url)));

/** Set BILLSCORE_CACHE to a folder to move the cache, or to "off" to compile every time. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.BILLSCORE_CACHE === 'off') return null;
  if (env.BILLSCORE_CACHE) return env.BILLSCORE_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'billscore');
}

export async function loadRubricCached(path: string = BUILTIN_RUBRIC, dir: string | null = cacheDir()): Promise<Rubric> {
  const file = dir && join(dir, `rubric-${hash(`${VERSION}\0${resolve(path)}`).slice(0, 16)}.json`);
  const hit = file ? readEntry(file) : null;
  if (hit) return hit;
  const { loadRubric } = await import('./load.js');
  const rubric = loadRubric(path);
  if (file) writeEntry(file, rubric);
  return rubric;
}

function inputsOf(rubric: Rubric): Record<string, string> {
  const files = new Set([rubric.file, ...rubric.practices.map((p) => p.file), ...COMPILER]);
  return Object.fromEntries([...files].map((f) => [f, hash(readFileSync(f))]));
}

function readEntry(file: string): Rubric | null {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8'), revive) as Entry;
    for (const [f, h] of Object.entries(entry.inputs)) if (hash(readFileSync(f)) !== h) return null;
    const rubric = entry.rubric as Omit<Rubric, 'evaluationOrder'>;
    const byId = new Map(rubric.practices.map((p) => [p.id, p]));
    return { ...rubric, evaluationOrder: entry.order.map((id) => byId.get(id)!) } as Rubric;
  } catch {
    return null; // missing, unreadable or from another version: compile afresh
  }
}

function writeEntry(file: string, rubric: Rubric): void {
  try {
    const { evaluationOrder, ...rest } = rubric;
    const text = JSON.stringify({ inputs: inputsOf(rubric), rubric: rest, order: evaluationOrder.map((p: CompiledPractice) => p.id) } satisfies Entry, replace);
    // A rubric that does not survive the round trip (a new kind of value in it) is never cached, rather than cached wrong.
    const back = JSON.parse(text, revive) as Entry;
    if (!isDeepStrictEqual({ ...(back.rubric as object), evaluationOrder }, rubric)) return;
    mkdirSync(resolve(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file); // atomic, so a concurrent run never reads half a file
  } catch {
    // A read-only home or a full disk only costs the next run its head start.
  }
}

function replace(_key: string, value: unknown): unknown {
  return value instanceof RegExp ? { $regexp: value.source, flags: value.flags } : value;
}

function revive(_key: string, value: unknown): unknown {
  const v = value as { $regexp?: string; flags?: string } | null;
  return v && typeof v === 'object' && typeof v.$regexp === 'string' ? new RegExp(v.$regexp, v.flags) : value;
}

function hash(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
