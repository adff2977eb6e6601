// Section headings, so evidence can say where it stands: "SEC. 2.", "Sec. 1.", "SECTION 3.", "§ 4682", GPO's "2. Findings".
import { narrowPattern, widenText } from './narrow.js';
import { isSpace } from './space.js';

export interface Section {
  start: number;
  end: number;
  /** "SEC. 4", "§ 8.01-42.6", "SUMMARY" */
  label: string;
  /**
   * The heading words after the label, when there are any: "Findings", "Civil action for deprivation of rights". As the
   * clean text stores them (see narrow.ts), so rubric patterns match them as they are; describeSection shows them.
   */
  heading: string;
}

/** The heading patterns, in the order they are tried, each with the characters it can start with (' ' for white space). */
const HEADINGS: Array<{ starts: string; re: RegExp; label: (m: RegExpExecArray) => string }> = [
  {
    // "SEC. 2. FINDINGS.", "Sec. 1. 5 MRSA §4682 ...", "SECTION 30. LIABILITY ...", "## Section 1", "Section 13-21-131 - Civil action"
    starts: '#S ',
    re: /^#*\s*(SEC(?:TION)?|Sec(?:tion)?)\.?\s+(\d+[A-Za-z]?(?:[.-]\d+[A-Za-z]?)*)(?:\.|\s+-|\s*$|\s+(?=[A-Z[]))\s*(.*)$/,
    label: (m) => `${m[1]!.toUpperCase().startsWith('SECTION') ? 'SECTION' : 'SEC.'} ${m[2]}`,
  },
  { starts: '§', re: /^§\s*(\d[\w.-]*?)\.?(?:\s+(.*))?$/, label: (m) => `§ ${m[1]}` },
  // GPO's flattened XML: "2. Findings" alone on a short line with no closing period.
  { starts: '0123456789', re: /^(\d{1,3}[A-Z]?)\.\s+([A-Z][^.;:]{1,90})$/, label: (m) => `SEC. ${m[1]}` },
  { starts: 'SFPC', re: /^(SUMMARY|STATEMENT OF (?:PURPOSE|INTENT)|FISCAL NOTE|PREAMBLE|CONCEPT DRAFT)\s*$/, label: (m) => m[1]! },
];

/** The headings a line can be by its first character, in order: most lines need none tried, or cut out. */
const HEADINGS_BY_START = new Map<string, typeof HEADINGS>();
for (const heading of HEADINGS) for (const c of heading.starts) HEADINGS_BY_START.set(c, [...(HEADINGS_BY_START.get(c) ?? []), heading]);

export function findSections(text: string, lineStarts: ArrayLike<number>): Section[] {
  const sections: Section[] = [];
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i]!;
    const headings = HEADINGS_BY_START.get(isSpace(text.charCodeAt(start)) ? ' ' : text.charAt(start));
    if (headings === undefined) continue;
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1]! : text.length;
    const head = text.slice(start, Math.min(end, start + 300));
    const lineEnd = head.indexOf('\n');
    const line = lineEnd < 0 ? head : head.slice(0, lineEnd);
    for (const { re, label } of headings) {
      const m = re.exec(line);
      if (!m) continue;
      const rest = m[0] === line ? headingWords(m) : '';
      sections.push({ start, end: text.length, label: label(m), heading: rest });
      break;
    }
  }
  for (let i = 0; i + 1 < sections.length; i++) sections[i]!.end = sections[i + 1]!.start;
  return sections;
}

/** Where a heading's title ends: a full stop, or a dash as the bill writes it (stored as its stand-in). */
const TITLE_END = new RegExp(narrowPattern(String.raw`\.(?:\s|$)|--|—`));

/** The heading is the text after the label up to its first full stop, a title rather than a sentence. */
function headingWords(m: RegExpExecArray): string {
  const first = (m[m.length - 1] ?? '').trim().split(TITLE_END)[0]!.trim();
  return first.length > 100 ? `${first.slice(0, 97)}...` : first;
}

export function sectionAt(sections: Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  let found: Section | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid]!;
    if (s.start <= offset) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset < found.end ? found : undefined;
}

/** "SEC. 2. Findings" as the clean text stores it, for rubric patterns. */
export function sectionTitle(s: Section): string {
  return s.heading ? `${s.label}. ${s.heading}` : s.label;
}

/** "SEC. 2. Findings" as the bill spells it, for evidence and reports. */
export function describeSection(s: Section | undefined): string | null {
  return s ? widenText(sectionTitle(s)) : null;
}

const ENACTING = /\b(?:be it enacted|do enact as follows|the people of the state of [a-z ]{2,30}(?:,[^.]{0,80})? enact|be it ordained)\b/iy;
/** Every enacting clause holds one of these words ("enact" at most 27 + 30 + 81 + 1 characters after its start). */
const CLAUSE_WORD = /enact|ordained/gi;
const CLAUSE_WORD_REACH = 139;
/** The lower-case codes of the letters a clause starts with: b, d and t. */
const CLAUSE_INITIALS = new Set([0x62, 0x64, 0x74]);

/**
 * Where the first enacting clause starts. It is tried only where it can start, shortly before one of its words: most
 * bills hold few of them, and the pattern tried at every position took long on a bill with no clause at all.
 */
export function findEnactingClause(text: string): number | null {
  let next = 0;
  CLAUSE_WORD.lastIndex = 0;
  for (let word = CLAUSE_WORD.exec(text); word; word = CLAUSE_WORD.exec(text)) {
    for (let at = Math.max(next, word.index - CLAUSE_WORD_REACH); at <= word.index; at++) {
      // ASCII letters only differ from their lower case in bit 5, and the pattern folds no other character to b, d or t.
      if (!CLAUSE_INITIALS.has(text.charCodeAt(at) | 0x20)) continue;
      ENACTING.lastIndex = at;
      if (ENACTING.test(text)) return at;
    }
    next = word.index + 1;
  }
  return null;
}
