// Normalisation on the quirks real bill texts carry, each taken from the dev corpus' extracted text.
import { describe, expect, it } from 'vitest';
import { normalise, segmentIndexAt, type BillDocument } from '../src/normalise/normalise.js';
import { withoutFurniture } from '../src/normalise/boilerplate.js';
import { describeSection, findEnactingClause, sectionAt } from '../src/normalise/sections.js';
import { isSpace } from '../src/normalise/space.js';
import { loadRubric } from '../src/rubric/load.js';
import { scoreRaw } from '../src/score.js';

const doc = (...pages: string[]): BillDocument => normalise({ source: 'test', format: 'pdf', pages });

/** Where the clean text's first occurrence of `words` came from. */
function placeOf(d: BillDocument, words: string) {
  const at = d.text.indexOf(words);
  expect(at, `"${words}" in:\n${d.text}`).toBeGreaterThanOrEqual(0);
  const seg = d.segments.at(segmentIndexAt(d, at))!;
  return { page: seg.page, line: seg.line, section: describeSection(sectionAt(d.sections, at)) };
}

describe('running headers and footers', () => {
  it('drops GPO print headers and the bill-number running head', () => {
    const d = doc(
      'VerDate Sep 11 2014 01:11 Jun 02, 2025 Jkt 059200 PO 00000 Frm 00001 Fmt 6652 Sfmt 6201 E:\\BILLS\\HR3602IH.XML\n•HR 3602 IH\n1 I\n2 119th CONGRESS',
    );
    expect(d.text).not.toMatch(/VerDate|Jkt|HR3602IH|•HR 3602 IH/);
    expect(d.text).toContain('119th CONGRESS');
  });

  it("drops Maine's page header even when extraction fused it to the first line", () => {
    const d = doc('Page 1 - 130LR0198(01)\nPage 1 - 130LR0198(01)1Be it enacted by the People of the State of\nMaine as follows:\n2Sec. 1. 5 MRSA §4682 is enacted to read:\n3 text\n4 more text\n5 end.');
    expect(d.text).not.toContain('130LR0198');
    expect(d.text.startsWith('Be it enacted')).toBe(true);
    expect(d.enactedAt).toBe(0);
  });
});

describe('margin line numbers', () => {
  const maine = [
    '1Be it enacted by the People of the State of Maine as follows:',
    '2Sec. 1. 5 MRSA §4682, sub-§6 is enacted to read:',
    '36. Qualified immunity; civil actions. Qualified immunity, including the immunity',
    '4 provided by Title 14, section 8103, is not a defense to a civil action brought pursuant to',
    '5 this section when the civil action concerns the actions of a state police officer, as defined in',
    '12, section 6025; a game warden.',
    '6 pursuant to Title 30-A, section 2671.',
    '7SUMMARY',
  ].join('\n');

  it('strips numbers, also when fused to the text ("36.  Qualified" is line 3, subsection 6)', () => {
    const d = doc(maine);
    expect(d.text).toContain('6. Qualified immunity; civil actions.');
    expect(d.text).toContain('\nprovided by Title 14');
    expect(d.text).toContain('Sec. 1. 5 MRSA');
    expect(d.text).toMatch(/\nSUMMARY$/);
  });

  it('leaves a number that continues the sentence ("12, section") alone', () => {
    expect(doc(maine).text).toContain('12, section 6025');
  });

  it('keeps numbered headings such as "1. Short title" in text without margin numbers', () => {
    const d = normalise({ source: 't', format: 'text', pages: ['1. Short title\nThis Act may be cited as the Act.\n2. Findings\nCongress finds.\n3. Definitions\nIn this Act.'] });
    expect(d.text).toContain('1. Short title');
    expect(d.sections.map((s) => s.label)).toEqual(['SEC. 1', 'SEC. 2', 'SEC. 3']);
  });
});

describe('words broken across lines and pages', () => {
  it('rejoins a hyphenated word across lines and across a page break', () => {
    const d = doc('the defe-\nndant was acting', 'in the Revised Stat-');
    expect(d.text).toContain('the defendant was acting');
    const d2 = doc('section 1979 of the Revised Stat-', 'utes (in this section');
    expect(d2.text).toContain('Revised Statutes (in this');
  });

  it('rejoins fixed-width capitals: ATTOR- / NEY', () => {
    expect(doc('REASONABLE ATTOR-\nNEY\'S FEES').text).toContain("ATTORNEY'S FEES");
  });

  it('keeps the hyphen when the bill spells the word hyphenated elsewhere', () => {
    expect(doc('any law-enforcement officer and any other law-\nenforcement agency').text).toContain('other law-enforcement agency');
  });

  it('drops it when the bill also spells the word whole; a longer or hyphenated word that contains it does not count', () => {
    expect(doc('a non-binding rule and a non-\nbinding one; nonbinding.').text).toContain('a nonbinding one');
    expect(doc('a non-binding rule and a non-\nbinding one; nonbindings, re-nonbinding.').text).toContain('a non-binding one');
  });
});

describe('quotes and whitespace', () => {
  it("straightens GPO ``quotes'' and curly quotes, and collapses runs of spaces", () => {
    const d = doc("cited as the ``Ending Qualified Immunity Act''.\nA  PERSON  WHO,  UNDER  THE ‘‘COLOR’’ OF LAW");
    expect(d.text).toContain('cited as the "Ending Qualified Immunity Act".');
    expect(d.text).toContain('A PERSON WHO, UNDER THE "COLOR" OF LAW');
  });
});

describe('quotes and whitespace on ASCII lines', () => {
  it('tidies tabs, GPO quotes, runs of spaces and the ends as on any other line', () => {
    const ascii = doc("\t a\t\tb ``c''  d \t");
    const wide = doc("\t a\t\tb ``c''  d \t—");
    expect(ascii.text).toBe('a b "c" d');
    expect(wide.text).toBe('a b "c" d \u0084');
  });
});

describe('furniture', () => {
  it.each([
    'VerDate Sep 11 2014 01:11 Jun 02, 2025 Jkt 059200',
    '•HR 3602 IH',
    'S. 12 IS',
    'Page 1 - 130LR0198(01)',
    '12',
    '__________',
    'EXPLANATION--Matter in ITALICS',
    'explanation--matter in italics',
    '[ ] is old law to be omitted.',
    'LBD01234-05-6',
    '* AB12 *',
    'E:\\BILLS\\HR3602IH.XML',
  ])('drops %j, also after leading space', (line) => {
    for (const lead of ['', '  ', '\t', '\u00a0']) expect(withoutFurniture(lead + line)).toBeNull();
  });
});

describe('sections', () => {
  it('detects SEC., Sec., SECTION, § and GPO numbered headings', () => {
    const d = normalise({
      source: 't',
      format: 'text',
      pages: ['SEC. 2. FINDINGS.\nCongress finds.\nSec. 3. 5 MRSA §4682 is amended.\nSECTION 4. [NEW MATERIAL] DEFINITION.--As used.\n§ 30. LIABILITY FOR RIGHTS VIOLATIONS. Any person.\n102. Qualified immunity reform\nText.'],
    });
    expect(d.sections.map((s) => s.label)).toEqual(['SEC. 2', 'SEC. 3', 'SECTION 4', '§ 30', 'SEC. 102']);
    expect(d.sections[0]!.heading).toBe('FINDINGS');
    expect(d.sections[3]!.heading).toBe('LIABILITY FOR RIGHTS VIOLATIONS');
  });

  it('detects headings by each of the characters they can start with', () => {
    const d = normalise({
      source: 't',
      format: 'text',
      pages: ['## Section 1. Title\nText.\nSUMMARY\nText.\nSTATEMENT OF INTENT\nFISCAL NOTE\nPREAMBLE\nCONCEPT DRAFT\n§ 4. Scope\n12. Findings'],
    });
    expect(d.sections.map((s) => s.label)).toEqual(['SECTION 1', 'SUMMARY', 'STATEMENT OF INTENT', 'FISCAL NOTE', 'PREAMBLE', 'CONCEPT DRAFT', '§ 4', 'SEC. 12']);
  });

  it('gives each word its page, line and section', () => {
    const d = doc('VerDate x Jkt 1\n•HR 3602 IH\n1 SEC. 4. REMOVAL OF IMMUNITY.\n2 First line\n3 of the section.', '•HR 3602 IH\n2\n1 Its second page\n2 goes on.\n3 It shall not be a defense that the defendant acted in good faith.');
    expect(placeOf(d, 'It shall not be a defense')).toEqual({ page: 2, line: 5, section: 'SEC. 4. REMOVAL OF IMMUNITY' });
  });
});

describe('amendment markup', () => {
  const footer = '\nEXPLANATION--Matter in ITALICS (underscored) is new; matter in brackets\n[ ] is old law to be omitted.';

  it('drops [bracketed] old law when the bill says brackets mark deletions (New York)', () => {
    const d = doc(`a law enforcement agency [may] SHALL redact records pertaining to${footer}`);
    expect(d.text).toContain('agency SHALL redact records');
    expect(d.text).not.toContain('may');
  });

  it('drops bracketed matter that runs across lines', () => {
    expect(doc(`the court [may, in its\ndiscretion,] SHALL award fees${footer}`).text).toMatch(/the court\nSHALL award fees/);
  });

  it('keeps brackets in bills that do not use them for deletions', () => {
    expect(doc('SECTION 1. [NEW MATERIAL] SHORT TITLE.').text).toContain('[NEW MATERIAL]');
  });
});

describe('enacting clause', () => {
  const ENACTING = /\b(?:be it enacted|do enact as follows|the people of the state of [a-z ]{2,30}(?:,[^.]{0,80})? enact|be it ordained)\b/i;
  it.each([
    'A BILL To end it. Be it enacted by the Senate',
    'As enacted in 1871, and amended. BE IT ENACTED BY THE PEOPLE',
    `The people of the state of ${'n'.repeat(30)},${' x'.repeat(40)} enact as follows:`,
    `Title. The people of the state of ${'n'.repeat(30)},${' x'.repeat(40)}x enact as follows:`,
    'reenacted; the city council do enact as follows',
    'Be it ordained by the council',
    'abe it enacted; be it enactedly; to be it enacted',
    'no clause here, though laws were enacted and ordained',
    '',
  ])('%j as the whole pattern finds it', (text) => {
    const m = ENACTING.exec(text);
    expect(findEnactingClause(text)).toBe(m ? m.index : null);
  });
});

describe('sentences', () => {
  it('isSpace agrees with /\\s/ on every UTF-16 unit', () => {
    const disagree = [];
    for (let c = 0; c < 0x10000; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) disagree.push(c.toString(16));
    expect(disagree).toEqual([]);
  });


  it('does not end a sentence at U.S.C., Sec. or Stat.', () => {
    const d = normalise({ source: 't', format: 'text', pages: ['Section 1979 of the Revised Statutes (42 U.S.C. 1983) is amended. See 17 Stat. 13 and Sec. 2. The end.'] });
    const sentences = d.sentences.map((s) => d.text.slice(s.start, s.end));
    expect(sentences).toEqual(['Section 1979 of the Revised Statutes (42 U.S.C. 1983) is amended.', 'See 17 Stat. 13 and Sec. 2.', 'The end.']);
  });

  it('does not end a sentence at "sub." (Wisconsin and Minnesota cite subsections so)', () => {
    const d = normalise({ source: 't', format: 'text', pages: ['A plaintiff who prevails in an action under sub. (1) shall recover fees. The end.'] });
    const sentences = d.sentences.map((s) => d.text.slice(s.start, s.end));
    expect(sentences).toEqual(['A plaintiff who prevails in an action under sub. (1) shall recover fees.', 'The end.']);
  });
});

describe('the enacting clause', () => {
  // A resolution-style preamble often runs into the clause with no full stop: "...; now, therefore, Be it enacted".
  const preamble =
    'AN ACT concerning law enforcement.\n' +
    'WHEREAS, The employing agency shall indemnify every law enforcement officer for any judgment in an action for deprivation of constitutional rights under color of law; and\n' +
    'WHEREAS, it is the policy of the State to protect its people; now, therefore,\n' +
    'Be it enacted by the General Assembly of the State:\n';

  it('ends the sentence before it, so the preamble that runs into it stays preamble', () => {
    const d = normalise({ source: 't', format: 'text', pages: [`${preamble}Section 1. The State Police shall publish the number of civil actions filed against its officers each year.`] });
    expect(d.sentences.some((s) => s.start === d.enactedAt)).toBe(true);
    expect(d.sentences.some((s) => s.start < d.enactedAt! && s.end > d.enactedAt!)).toBe(false);
    const report = scoreRaw({ source: 't', format: 'text', pages: [d.text] }, loadRubric());
    expect(report.practices.find((p) => p.id === 'start-full-compensation')!.verdict).toBe('not_met');
  });

  it('still counts the same words after it', () => {
    const operative = preamble.replace('WHEREAS, The employing', 'WHEREAS, the people ask for this; now, therefore,\nBe it enacted by the General Assembly of the State:\nSection 1. The employing');
    const report = scoreRaw({ source: 't', format: 'text', pages: [operative] }, loadRubric());
    expect(report.practices.find((p) => p.id === 'start-full-compensation')!.verdict).toBe('met');
  });
});
