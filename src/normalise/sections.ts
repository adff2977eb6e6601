// Section headings, so evidence can say where it stands: "SEC. 2.", "Sec. 1.", "SECTION 3.", "§ 4682", GPO's "2. Findings".
import { widenText } from './narrow.js';

export interface Section {
  start: number;
  end: number;
  /** "SEC. 4", "§ 8.01-42.6", "SUMMARY" */
  label: string;
  /** The heading words after the label, when there are any: "Findings", "Civil action for deprivation of rights". */
  heading: string;
}

const HEADINGS: Array<{ re: RegExp; label: (m: RegExpExecArray) => string }> = [
  {
    // "SEC. 2. FINDINGS.", "Sec. 1. 5 MRSA §4682 ...", "SECTION 30. LIABILITY ...", "## Section 1", "Section 13-21-131 - Civil action"
    re: /^#*\s*(SEC(?:TION)?|Sec(?:tion)?)\.?\s+(\d+[A-Za-z]?(?:[.-]\d+[A-Za-z]?)*)(?:\.|\s+-|\s*$|\s+(?=[A-Z[]))\s*(.*)$/,
    label: (m) => `${m[1]!.toUpperCase().startsWith('SECTION') ? 'SECTION' : 'SEC.'} ${m[2]}`,
  },
  { re: /^§\s*(\d[\w.-]*?)\.?(?:\s+(.*))?$/, label: (m) => `§ ${m[1]}` },
  // GPO's flattened XML: "2. Findings" alone on a short line with no closing period.
  { re: /^(\d{1,3}[A-Z]?)\.\s+([A-Z][^.;:]{1,90})$/, label: (m) => `SEC. ${m[1]}` },
  { re: /^(SUMMARY|STATEMENT OF (?:PURPOSE|INTENT)|FISCAL NOTE|PREAMBLE|CONCEPT DRAFT)\s*$/, label: (m) => m[1]! },
];

export function findSections(text: string, lineStarts: ArrayLike<number>): Section[] {
  const sections: Section[] = [];
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i]!;
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1]! : text.length;
    const line = text.slice(start, Math.min(end, start + 300)).split('\n')[0]!;
    for (const { re, label } of HEADINGS) {
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

/** The heading is the text after the label up to its first full stop, a title rather than a sentence. */
function headingWords(m: RegExpExecArray): string {
  const tail = widenText(m[m.length - 1] ?? '').trim();
  const first = tail.split(/\.(?:\s|$)|--|—/)[0]!.trim();
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

export function describeSection(s: Section | undefined): string | null {
  if (!s) return null;
  return s.heading ? `${s.label}. ${s.heading}` : s.label;
}

const ENACTING = /\b(?:be it enacted|do enact as follows|the people of the state of [a-z ]{2,30}(?:,[^.]{0,80})? enact|be it ordained)\b/i;

export function findEnactingClause(text: string): number | null {
  const m = ENACTING.exec(text);
  return m ? m.index : null;
}
