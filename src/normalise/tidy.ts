// A source line as it stands in the clean text: straight quotes, plain spaces, one byte a character where it can be.
import { NARROWED_CHARS, narrowText, oneByteIfNarrowed } from './narrow.js';

/** Straight quotes, plain spaces, GPO ``quotes''. Keeps length-independent meaning; evidence is compared word-wise. */
export function tidy(line: string): string {
  return NON_ASCII.test(line) ? tidyWide(line) : tidyAscii(line);
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * An ASCII line, which most are: of tidy's passes only GPO quotes, tabs, runs of spaces and the ends can change it
 * (and narrowing nothing), so each pass runs only when its characters are there.
 */
function tidyAscii(line: string): string {
  let tidied = line;
  if (tidied.includes('``') || tidied.includes("''")) tidied = tidied.replace(/``|''/g, '"');
  if (tidied.includes('\t')) tidied = tidied.replace(/\t/g, ' ');
  if (tidied.includes('  ')) tidied = tidied.replace(/ {2,}/g, ' ');
  return tidied.trim();
}

/** What tidy makes of each character, or pair, it changes on its own: all but runs of spaces, the ends and narrowing. */
const REPLACEMENTS = new Map<string, string>([
  ...['``', "''", '‘‘', '’’', '“', '”', '„', '‟'].map((q): [string, string] => [q, '"']),
  ...['‘', '’', '‛'].map((q): [string, string] => [q, "'"]),
  ...[...'\u00a0\u202f\u3000\t'].map((c): [string, string] => [c, ' ']),
  ...Array.from({ length: 12 }, (_, i): [string, string] => [String.fromCharCode(0x2000 + i), ' ']),
  ['\u00ad', ''],
]);
/** Pairs first, so that a quote starting a pair is not taken alone, as the passes tidy stands for did. */
const CHANGED = new RegExp(`\`\`|''|‘‘|’’|[“”„‟‘’‛\\u00a0\\u2000-\\u200b\\u202f\\u3000\\t\\u00ad${NARROWED_CHARS}]`, 'g');

function tidiedChange(change: string): string {
  return REPLACEMENTS.get(change) ?? narrowText(change);
}

/**
 * A line with other characters. Its passes (GPO and curly double quotes to ", the other curly quotes to ', odd spaces
 * and tabs to a space, soft hyphens dropped, runs of spaces made one, the ends trimmed, then narrowText) as one pass for
 * the characters and pairs and one for the runs: narrowing turns no character into a space or from one.
 */
function tidyWide(line: string): string {
  const replaced = line.replace(CHANGED, tidiedChange);
  const collapsed = replaced.includes('  ') ? replaced.replace(/ {2,}/g, ' ') : replaced;
  return oneByteIfNarrowed(line, collapsed.trim());
}
