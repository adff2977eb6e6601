// Real reports, from running the CLI, must validate against the JSON Schema that `billscore schema` prints.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CORPUS, runCli } from './helpers/run-cli.js';

function schema(args: string[] = []) {
  const r = runCli(['schema', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validateReport = ajv.compile(schema());
const validateCompare = ajv.compile(schema(['--compare']));

function json(args: string[], status = 0): unknown {
  const r = runCli([...args, '--format', 'json']);
  expect(r.status, r.stderr).toBe(status);
  return JSON.parse(r.stdout);
}

function expectValid(validate: typeof validateReport, data: unknown): void {
  const ok = validate(data);
  expect(ok ? [] : validate.errors, JSON.stringify(validate.errors)).toEqual([]);
}

describe('billscore schema', () => {
  it('is generated from the model: it names every field of a bill and a practice', () => {
    const s = schema();
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const bill = s.properties.bills.items;
    expect(Object.keys(bill.properties)).toEqual(expect.arrayContaining(['source', 'format', 'status', 'error', 'pages', 'score', 'practices']));
    expect(bill.properties.practices.items.properties.verdict.enum).toEqual(['met', 'partial', 'not_met']);
  });

  it.each([
    ['schema/report.schema.json', []],
    ['schema/compare.schema.json', ['--compare']],
  ])('the copy in %s is what billscore schema prints (npm run schema regenerates it)', (file, args) => {
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(schema(args));
  });

  it.each([
    ['every sample, with a summary', ['samples/']],
    ['a PDF with --explain traces', ['samples/us-hr3602-119-ih.pdf', '--explain']],
    ['corpus bills, text and PDF', [`${CORPUS}co-crs-13-21-131-statute-partial.txt`, `${CORPUS}ny-s2887-2023.pdf`, `${CORPUS}us-hres660-119-ih.txt`]],
    ['evidence with --context words', ['samples/co-crs-13-21-131-statute-partial.txt', '--context', '6']],
    ['a custom rubric with other groups', ['samples/wa-sb5066-2021-sl.txt', '--rubric', 'rubric/examples/state-priorities.yml']],
  ])('validates the report for %s', (_, args) => {
    const report = json(args) as { bills: Array<{ practices: Array<{ trace?: unknown[] }> }> };
    expectValid(validateReport, report);
    if (args.includes('--explain')) expect(report.bills[0]!.practices.every((p) => Array.isArray(p.trace))).toBe(true);
  });

  it('validates a report with an error entry (exit 2, JSON still printed)', () => {
    const report = json(['samples/us-hr503-119-ih.txt', 'samples/no-such-bill.txt'], 2) as { bills: Array<{ status: string }> };
    expect(report.bills.map((b) => b.status).sort()).toEqual(['error', 'ok']);
    expectValid(validateReport, report);
  });

  it('rejects a report that breaks the model, so the checks above can fail', () => {
    const report = json(['samples/us-hr503-119-ih.txt']) as { bills: Array<{ practices: Array<{ verdict: string }> }> };
    expectValid(validateReport, report);
    const badVerdict = structuredClone(report);
    badVerdict.bills[0]!.practices[0]!.verdict = 'maybe';
    expect(validateReport(badVerdict)).toBe(false);
    expect(validateReport({ ...report, unknownField: true })).toBe(false);
  });

  it('validates compare output against the compare schema, and not against the report schema', () => {
    const out = json(['compare', `${CORPUS}us-hr3602-119-ih.pdf`, `${CORPUS}us-s1913-119-is.txt`]);
    expectValid(validateCompare, out);
    expect(validateReport(out)).toBe(false);
  });
});
