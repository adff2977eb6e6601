// The executable in a pipeline: `| head -1` on ndjson, --output written atomically, and Ctrl-C leaving no half-written file.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NdjsonBill, Report } from '../src/model.js';
import { billFolder, GOOD_BILLS, runInProcess } from './batch-helpers.js';
import { BIN, CORPUS } from './helpers/run-cli.js';

const folder = billFolder();
afterAll(() => rmSync(folder.dir, { recursive: true, force: true }));
const env = { ...process.env, NO_COLOR: '1', CI: '1' };

describe('ndjson in a pipeline', () => {
  it('| head -1 gives the first bill and no EPIPE noise', () => {
    // Enough bills that the writer is still going when head has had its line and gone.
    for (let i = 0; i < 12; i++) copyFileSync(join(CORPUS, GOOD_BILLS[i % 2]!), join(folder.dir, `copy-${String(i).padStart(2, '0')}.txt`));
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" "${folder.dir}" -f ndjson | head -1`], { encoding: 'utf8', env, timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(NdjsonBill.parse(JSON.parse(lines[0]!)).source).toBe(join(folder.dir, 'co-crs-13-21-131-statute-partial.txt'));
  });
});

describe('--output FILE', () => {
  it('replaces the file with the whole report and leaves no temporary file behind', async () => {
    const out = join(folder.dir, 'out', '..', 'scores.json');
    writeFileSync(out, 'old contents');
    const r = await runInProcess([join(folder.dir, 'sub'), '-f', 'json', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(Report.parse(JSON.parse(readFileSync(out, 'utf8'))).bills).toHaveLength(1);
    expect(readdirSync(folder.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says in one line when the file cannot be written', async () => {
    const r = await runInProcess([join(folder.dir, 'sub'), '-o', join(folder.dir, 'no', 'such', 'folder.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^billscore: cannot write --output .*folder\.json: its folder does not exist\n$/);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s removes the temporary file, keeps the old one, and stops', async (signal) => {
    const out = join(folder.dir, `interrupted-${signal}.csv`);
    writeFileSync(out, 'old contents');
    // Standard input that never ends keeps the run going until the signal comes.
    const child = spawn(process.execPath, [BIN, '-', '-f', 'csv', '-o', out], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, sig) => resolve(sig ?? code)));
    const temp = () => readdirSync(folder.dir).filter((f) => f.startsWith(`.interrupted-${signal}.csv.`));
    for (let waited = 0; temp().length === 0 && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(temp()).toHaveLength(1);
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(temp()).toEqual([]);
    expect(readFileSync(out, 'utf8')).toBe('old contents');
  });
});
