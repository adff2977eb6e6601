// Which parts of a bill can create a practice at all: not its title, findings, sense-of-Congress clauses, study mandates or resolutions.
import type { MatchIndex } from './match.js';
import { describeSection, sectionTitle } from '../normalise/sections.js';
import type { Rubric } from '../rubric/load.js';

export interface OperativeMap {
  /** Per sentence: null when it is operative law, else why it is not. */
  reasons: Array<string | null>;
}

export function mapOperative(index: MatchIndex, rubric: Rubric): OperativeMap {
  const { doc } = index;
  const reasons: Array<string | null> = doc.sentences.map(() => null);
  const { nonOperative } = rubric;

  const bodyStart = doc.enactedAt ?? 0;
  const body = doc.text.slice(bodyStart, bodyStart + 4000);
  for (const rule of nonOperative.documents) {
    if (matches(rule.re, body)) return { reasons: reasons.map(() => rule.reason) };
  }

  if (nonOperative.preamble && doc.enactedAt !== null) {
    doc.sentences.forEach((s, i) => {
      if (s.end <= doc.enactedAt!) reasons[i] = 'the title and preamble, before the enacting clause, make no law';
    });
  }

  let si = 0;
  for (const section of doc.sections) {
    const title = sectionTitle(section);
    const rule = nonOperative.sections.find((r) => matches(r.re, title));
    while (si < doc.sentences.length && doc.sentences[si]!.start < section.start) si++;
    if (!rule) continue;
    const reason = `${rule.reason} (${describeSection(section)})`;
    for (let j = si; j < doc.sentences.length && doc.sentences[j]!.start < section.end; j++) reasons[j] ??= reason;
  }

  doc.sentences.forEach((s, i) => {
    if (reasons[i] !== null) return;
    const text = doc.text.slice(s.start, s.end);
    const rule = nonOperative.sentences.find((r) => index.mayMatchIn(r.re, s.start, s.end) && matches(r.re, text));
    if (rule) reasons[i] = rule.reason;
  });
  return { reasons };
}

/**
 * Rubric patterns are global (they are also scanned across the bill), so each test starts from the beginning, and
 * leaves the pattern as found: the rubric is shared, and cached on disk by value.
 */
function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}
