// The rubric file format, in zod: loading validates it and names the bad field.
import { z } from 'zod';

const Pattern = z.string().min(1, 'a pattern may not be empty');

export const Scope = z.enum(['sentence', 'section', 'document']);
export const VetoScope = z.enum(['near', 'sentence', 'section', 'document']);

export const Veto = z
  .object({
    pattern: Pattern,
    scope: VetoScope.default('near'),
    within: z.number().int().positive().default(15).describe('words either side of the match, for scope "near"'),
    reason: z.string().min(1),
  })
  .strict();

export const Requirement = z
  .object({
    practice: z.string().min(1),
    scope: z.enum(['section', 'document']).default('section'),
  })
  .strict();

export const Matcher = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case words joined by hyphens'),
    verdict: z.enum(['met', 'partial']),
    description: z.string().min(1).describe('What the matcher recognises, in words a reviewer reads in --explain'),
    scope: Scope.default('sentence'),
    within: z.number().int().positive().default(40).describe('all patterns must fall within this many words of each other'),
    all: z.array(Pattern).min(1),
    unless: z.array(Veto).default([]),
    // The twin of `unless`: words that must stand around the match, so a clause counts only where the bill is about
    // the practice (an indemnity for police officers, not for a compact's commissioners); `reason` says what is missing.
    context: z.array(Veto).default([]).describe('Patterns that must also match, operatively, near the match or in its sentence, section or bill'),
    requires: z.array(Requirement).default([]),
  })
  .strict();

export const FixtureExpectation = z.enum(['met', 'partial', 'not_met', 'todo-met', 'todo-partial', 'todo-not_met']);

export const InlineFixture = z
  .object({
    expect: FixtureExpectation,
    text: z.string().min(1),
    note: z.string().default(''),
  })
  .strict();

export const Practice = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case words joined by hyphens'),
    group: z.string().min(1),
    title: z.string().min(1),
    wording: z.string().min(1).describe("The rubric author's own words for the practice"),
    points: z.number().positive().default(1),
    notMet: z.string().min(1).describe('What a not_met verdict means, shown when nothing fired'),
    matchers: z.array(Matcher).min(1),
    vetoes: z
      .array(Veto.extend({ cap: z.enum(['not_met', 'partial']).default('not_met') }).strict())
      .default([])
      .describe('Clauses that, anywhere operative in the bill, keep the practice from being met'),
    fixtures: z.array(InlineFixture).default([]).describe('Example sentences; more may sit in <practice file>.fixtures.txt'),
  })
  .strict();

export const ContextRule = z.object({ pattern: Pattern, reason: z.string().min(1) }).strict();

export const RubricFile = z
  .object({
    id: z.string().min(1),
    version: z.union([z.string(), z.number()]),
    title: z.string().min(1),
    source: z.string().optional(),
    groups: z.array(z.object({ id: z.string().min(1), title: z.string().min(1) }).strict()).min(1),
    terms: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string()).default({}),
    nonOperative: z
      .object({
        preamble: z.boolean().default(true).describe('text before the enacting clause (titles) creates no practice'),
        sections: z.array(ContextRule).default([]).describe('section headings whose sections create no practice'),
        sentences: z.array(ContextRule).default([]),
        documents: z.array(ContextRule).default([]).describe('documents, such as resolutions, that make no law'),
      })
      .strict()
      .default({ preamble: true, sections: [], sentences: [], documents: [] }),
    /** Inline practices, or ids of files in a `practices/` folder beside the rubric file. */
    practices: z.array(z.union([z.string(), Practice])).min(1),
  })
  .strict();

export type RubricFile = z.infer<typeof RubricFile>;
export type PracticeSpec = z.infer<typeof Practice>;
export type MatcherSpec = z.infer<typeof Matcher>;
export type VetoSpec = z.infer<typeof Veto>;
