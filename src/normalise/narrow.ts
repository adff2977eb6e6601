// One byte a character for the clean text. A single dash or ellipsis makes V8 store a whole string at two bytes a
// character: a 30 MB bill's clean text took 60 MB for the sake of five kinds of character. The typographic characters
// bills use beyond Latin-1 (curly quotes are already straightened) stand in the clean text as C1 control characters,
// which no bill uses and which patterns treat alike (neither \s nor \w), and are put back wherever text is shown.
const WIDE = '\u2010\u2011\u2012\u2013\u2014\u2015\u2020\u2021\u2022\u2026\u2030\u2032\u2033\u2039\u203a\u20ac\u2122';
const FIRST_STAND_IN = 0x80;

const TO_NARROW = new Map([...WIDE].map((c, i) => [c, String.fromCharCode(FIRST_STAND_IN + i)]));
const TO_WIDE = new Map([...WIDE].map((c, i) => [String.fromCharCode(FIRST_STAND_IN + i), c]));
const WIDE_CHAR = new RegExp(`[${WIDE}]`, 'g');
const STAND_IN = new RegExp(`[\\u0080-\\u${(FIRST_STAND_IN + WIDE.length - 1).toString(16).padStart(4, '0')}]`, 'g');
/** C1 control characters a text brings itself become U+FFFD (alike to patterns), so that every stand-in is one of ours. */
const C1_RANGE = '\\u0080-\\u009f';
const C1 = new RegExp(`[${C1_RANGE}]`, 'g');

/** Clean text as stored: C1 controls replaced, then each typographic character replaced by its stand-in. */
export function narrowText(text: string): string {
  return text.replace(C1, '\ufffd').replace(WIDE_CHAR, (c) => TO_NARROW.get(c)!);
}

/** Text as the bill has it: each stand-in replaced by its character again. */
export function widenText(text: string): string {
  return text.replace(STAND_IN, (c) => TO_WIDE.get(c)!);
}

/** A rubric pattern, so that it matches the stored clean text: its typographic characters become their stand-ins. */
export function narrowPattern(source: string): string {
  return source.replace(WIDE_CHAR, (c) => TO_NARROW.get(c)!);
}

/** The characters narrowText replaces, as the body of a character class. */
export const NARROWED_CHARS = C1_RANGE + WIDE;

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * A line as stored, its wide characters narrowed: `source` before narrowing. V8 keeps a string two bytes a character when
 * it was made from one that was, whatever it holds now; a line whose only wide characters were typographic is copied
 * into a one-byte string.
 */
export function oneByteIfNarrowed(source: string, narrowed: string): string {
  const copy = BEYOND_LATIN1.test(source) && !BEYOND_LATIN1.test(narrowed);
  if (!copy) return narrowed;
  // Through bytes kept for the purpose: a buffer for each line cost several times the copy.
  if (narrowed.length > copyBuffer.length) return Buffer.from(narrowed, 'latin1').toString('latin1');
  const length = copyBuffer.write(narrowed, 0, 'latin1');
  return copyBuffer.toString('latin1', 0, length);
}

const copyBuffer = Buffer.allocUnsafe(65536);
