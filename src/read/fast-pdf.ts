// A fast path for simple PDFs: the page texts pdf-parse would give, without pdf.js, or null when the file holds anything
// outside the narrow subset handled here (then pdf.js reads it). The subset is what bill typesetters such as PDFKit write:
// one classic xref table, no encryption, uncompressed or Flate content streams, and the standard fonts, not embedded.
//
// The text logic is a line-by-line port of pdf.js 5.4.296's PartialEvaluator.getTextContent (horizontal fonts only) and
// of pdf-parse 2.4.5's PDFParse.getPageText, so that item positions, inserted spaces and line breaks come out the same
// to the last floating-point bit. Anything unexpected (an unknown operator, a damaged object, an odd number) makes the
// whole file fall back to pdf.js rather than guess.
//
// Ported code: pdf.js (Copyright Mozilla Foundation) and pdf-parse, both under the Apache License 2.0, whose texts ship
// with them in node_modules/pdfjs-dist and node_modules/pdf-parse.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFJS_VERSION, STANDARD_FONT_GLYPHS } from './fast-pdf-fonts.js';

/** The pdf-parse whose PDFParse.getPageText is ported below. */
const PDF_PARSE_VERSION = '2.4.5';

class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported();
}

let portedFromInstalledPdfJs: boolean | undefined;


/** Whether pdf-parse and pdf.js are the versions ported here; after an upgrade of either, pdf.js reads everything. */
function portedFromInstalled(): boolean {
  if (portedFromInstalledPdfJs === undefined) {
    try {
      const pdfParseEntry = createRequire(import.meta.url).resolve('pdf-parse');
      const pdfjsVersion = (createRequire(pdfParseEntry)('pdfjs-dist/package.json') as { version?: string }).version;
      // pdf-parse does not export its package.json: find it above its entry point.
      let dir = dirname(pdfParseEntry);
      let pdfParseVersion: string | undefined;
      for (let i = 0; i < 6 && pdfParseVersion === undefined; i++, dir = dirname(dir)) {
        try {
          const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
          if (pkg.name === 'pdf-parse') pdfParseVersion = pkg.version;
        } catch {
          // no package.json at this level
        }
      }
      portedFromInstalledPdfJs = pdfjsVersion === PDFJS_VERSION && pdfParseVersion === PDF_PARSE_VERSION;
    } catch {
      portedFromInstalledPdfJs = false;
    }
  }
  return portedFromInstalledPdfJs;
}

/** Page texts as pdf-parse's getText gives them, or null when pdf.js must read this file. */
export function fastExtractPages(bytes: Uint8Array): string[] | null {
  if (!portedFromInstalled()) return null;
  try {
    return new SimplePdf(bytes).pageTexts();
  } catch {
    // Unsupported, a zlib error, a stack overflow on absurd nesting, or a bug here: pdf.js has the last word.
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Objects

class Name {
  constructor(readonly name: string) {}
}
// Names are immutable: the same one is handed out for the same bytes while it stays in its slot.
const NAME_CACHE: Array<Name | null> = new Array<Name | null>(512).fill(null);
class Ref {
  constructor(readonly num: number, readonly gen: number) {}
}
// The content-stream operators the interpreter acts on, by number (OP_NONE: not an operator it knows).
const enum Op {
  NONE, q, Q, cm, BT, ET, Tf, Tm, Td, TD, TStar, Tc, Tw, Tz, TL, Ts, Tj, TJ, Quote, DoubleQuote, Do, gs, BMC, BDC, EMC, SC,
}
const OP_CODES: Record<string, Op> = {
  q: Op.q, Q: Op.Q, cm: Op.cm, BT: Op.BT, ET: Op.ET, Tf: Op.Tf, Tm: Op.Tm, Td: Op.Td, TD: Op.TD, 'T*': Op.TStar, Tc: Op.Tc, Tw: Op.Tw, Tz: Op.Tz,
  TL: Op.TL, Ts: Op.Ts, Tj: Op.Tj, TJ: Op.TJ, "'": Op.Quote, '"': Op.DoubleQuote, Do: Op.Do, gs: Op.gs, BMC: Op.BMC, BDC: Op.BDC, EMC: Op.EMC,
  SC: Op.SC, sc: Op.SC, SCN: Op.SC, scn: Op.SC,
};
// Operators that change nothing getTextContent looks at, with their operand counts.
const IGNORED_OPS: Record<string, number> = {
  w: 1, J: 1, j: 1, M: 1, d: 2, ri: 1, i: 1,
  m: 2, l: 2, c: 6, v: 4, y: 4, h: 0, re: 4, S: 0, s: 0, f: 0, F: 0, 'f*': 0, B: 0, 'B*': 0, b: 0, 'b*': 0, n: 0, W: 0, 'W*': 0,
  CS: 1, cs: 1, G: 1, g: 1, RG: 3, rg: 3, K: 4, k: 4, Tr: 1, MP: 1, DP: 2,
};
class Cmd {
  /** Its Op, and for an ignored operator its operand count (else -1). */
  readonly op: Op;
  readonly ignoredArity: number;
  constructor(readonly cmd: string) {
    this.op = Object.hasOwn(OP_CODES, cmd) ? OP_CODES[cmd]! : Op.NONE;
    this.ignoredArity = Object.hasOwn(IGNORED_OPS, cmd) ? IGNORED_OPS[cmd]! : -1;
  }
}
// One Cmd per operator or keyword, so the interpreter switches on small integers; operators of up to three bytes are
// found by their bytes, without building a string.
const KNOWN_CMDS = new Map<string, Cmd>();
function cmd(word: string): Cmd {
  let c = KNOWN_CMDS.get(word);
  if (!c) {
    c = new Cmd(word);
    if (KNOWN_CMDS.size < 1000) KNOWN_CMDS.set(word, c);
  }
  return c;
}
for (const w of ['obj', 'endobj', 'stream', 'endstream', 'R', 'xref', 'trailer', 'startxref', 'true', 'false', 'null', ...Object.keys(OP_CODES), ...Object.keys(IGNORED_OPS)]) KNOWN_CMDS.set(w, new Cmd(w));
const SHORT_CMDS = new Map<number, Cmd>();
for (const [w, c] of KNOWN_CMDS) if (w.length === 3) SHORT_CMDS.set(w.charCodeAt(0) | (w.charCodeAt(1) << 8) | (w.charCodeAt(2) << 16), c);
// Operators of one or two ASCII bytes, at twoByteIndex(first byte, second byte or 0x20 for none).
const TWO_BYTE_CMDS: Array<Cmd | null> = new Array<Cmd | null>(96 * 96).fill(null);
function twoByteIndex(b0: number, b1: number): number {
  return b0 >= 0x21 && b0 <= 0x7f && b1 >= 0x20 && b1 <= 0x7f ? (b0 - 0x20) * 96 + (b1 - 0x20) : -1;
}
for (const [w, c] of KNOWN_CMDS) if (w.length <= 2) TWO_BYTE_CMDS[twoByteIndex(w.charCodeAt(0), w.length > 1 ? w.charCodeAt(1) : 0x20)] = c;
type PdfDict = Map<string, PdfObj>;
class PdfStream {
  constructor(readonly dict: PdfDict, readonly data: Uint8Array) {}
}
type PdfObj = number | string | boolean | null | Name | Ref | PdfObj[] | PdfDict | PdfStream;

const EOF = Symbol('eof');

/** The kinds of content-stream tokens (Lexer.nextContent), their values left in the lexer. */
const enum Tok {
  EOF, NUM, STR, NAME, CMD, ARRAY_START, ARRAY_END, DICT_START, DICT_END,
}

// Byte classes: PDF whitespace, delimiters, and the bytes that end a regular token (either).
const WHITESPACE = 1;
const DELIMITER = 2;
const CHAR_CLASS = new Uint8Array(256);
for (const ch of [0x20, 0x09, 0x0d, 0x0a, 0x0c, 0x00]) CHAR_CLASS[ch] = WHITESPACE;
for (const ch of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CHAR_CLASS[ch] = DELIMITER;

// Hex digit values, -1 for other bytes.
const HEX_VALUE = new Int8Array(256).map((_, ch) => (ch >= 0x30 && ch <= 0x39 ? ch - 0x30 : (ch | 0x20) >= 0x61 && (ch | 0x20) <= 0x66 ? (ch | 0x20) - 0x57 : -1));

function isWhiteSpace(ch: number): boolean {
  return CHAR_CLASS[ch] === WHITESPACE;
}
function isDelimiter(ch: number): boolean {
  return CHAR_CLASS[ch] === DELIMITER;
}

/** A strict tokenizer: well-formed tokens only, each read as pdf.js's Lexer reads it. */
class Lexer {
  pos: number;
  // nextContent's token values: a number, a name, an operator, or a string decoded into strBuf (appended at strLen, so
  // at strStart..strLen; the interpreter empties strBuf after each operator).
  num = 0;
  nameValue: Name | null = null;
  cmdValue: Cmd | null = null;
  strBuf: Uint8Array = shared.strBuf;
  strStart = 0;
  strLen = 0;
  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }

  #grow(): Uint8Array {
    const buf = new Uint8Array(this.strBuf.length * 2);
    buf.set(this.strBuf);
    // Kept for the next pages.
    return (this.strBuf = shared.strBuf = buf);
  }

  skipSpace(): void {
    const b = this.bytes;
    const end = this.end;
    let pos = this.pos;
    while (pos < end) {
      const ch = b[pos]!;
      if (CHAR_CLASS[ch] === WHITESPACE) pos++;
      else if (ch === 0x25) {
        while (pos < end && b[pos] !== 0x0a && b[pos] !== 0x0d) pos++;
      } else break;
    }
    this.pos = pos;
  }

  /** The next token: a number, string, name, command, or one of the punctuation strings "[", "]", "<<", ">>". */
  next(): number | string | Name | Cmd | typeof EOF | '[' | ']' | '<<' | '>>' | { str: string } {
    this.skipSpace();
    if (this.pos >= this.end) return EOF;
    const b = this.bytes;
    const ch = b[this.pos]!;
    if ((ch >= 0x30 && ch <= 0x39) || ch === 0x2b || ch === 0x2d || ch === 0x2e) return this.number();
    switch (ch) {
      case 0x28:
        return { str: this.literalString() };
      case 0x2f:
        return this.name();
      case 0x5b:
        this.pos++;
        return '[';
      case 0x5d:
        this.pos++;
        return ']';
      case 0x3c:
        if (b[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return '<<';
        }
        return { str: this.hexString() };
      case 0x3e:
        if (b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return '>>';
        }
        unsupported();
    }
    if (isDelimiter(ch)) unsupported();
    return this.command();
  }

  /** The operator or keyword (a regular token) at pos: operators of up to three bytes are found without a string. */
  private command(): Cmd {
    const b = this.bytes;
    const start = this.pos;
    const ch = b[start]!;
    let pos = start + 1;
    while (pos < this.end && CHAR_CLASS[b[pos]!] === 0) pos++;
    this.pos = pos;
    if (pos - start <= 2) {
      const index = twoByteIndex(ch, pos - start > 1 ? b[start + 1]! : 0x20);
      const known = index >= 0 ? TWO_BYTE_CMDS[index] : null;
      if (known) return known;
    } else if (pos - start === 3) {
      const known = SHORT_CMDS.get(ch | (b[start + 1]! << 8) | (b[start + 2]! << 16));
      if (known) return known;
    }
    let word = '';
    for (let i = start; i < pos; i++) word += String.fromCharCode(b[i]!);
    return cmd(word);
  }

  /** next() for content streams: the same tokens, read the same way, as a Tok with its value left in the lexer. */
  nextContent(): Tok {
    this.skipSpace();
    if (this.pos >= this.end) return Tok.EOF;
    const b = this.bytes;
    const ch = b[this.pos]!;
    if ((ch >= 0x30 && ch <= 0x39) || ch === 0x2b || ch === 0x2d || ch === 0x2e) {
      this.num = this.number();
      return Tok.NUM;
    }
    switch (ch) {
      case 0x28:
        this.literalBytes();
        return Tok.STR;
      case 0x2f:
        this.nameValue = this.name();
        return Tok.NAME;
      case 0x5b:
        this.pos++;
        return Tok.ARRAY_START;
      case 0x5d:
        this.pos++;
        return Tok.ARRAY_END;
      case 0x3c:
        if (b[this.pos + 1] === 0x3c) {
          this.pos += 2;
          return Tok.DICT_START;
        }
        this.hexBytes();
        return Tok.STR;
      case 0x3e:
        if (b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return Tok.DICT_END;
        }
        unsupported();
    }
    if (isDelimiter(ch)) unsupported();
    this.cmdValue = this.command();
    return Tok.CMD;
  }

  // pdf.js Lexer.getNumber, same arithmetic in the same order, on the plain forms 12, -3, 4.5, .5, 5. (no exponents,
  // doubled signs or line breaks).
  number(): number {
    const b = this.bytes;
    const end = this.end;
    let pos = this.pos;
    let ch = b[pos]!;
    let sign = 1;
    let divideBy = 0;
    if (ch === 0x2d) {
      sign = -1;
      ch = b[++pos]!;
    } else if (ch === 0x2b) {
      ch = b[++pos]!;
    }
    if (ch === 0x2e) {
      divideBy = 10;
      ch = b[++pos]!;
    }
    if (!(ch >= 0x30 && ch <= 0x39)) unsupported();
    let baseValue = ch - 0x30;
    for (;;) {
      ch = ++pos < end ? b[pos]! : -1;
      if (ch >= 0x30 && ch <= 0x39) {
        if (divideBy !== 0) divideBy *= 10;
        baseValue = baseValue * 10 + (ch - 0x30);
      } else if (ch === 0x2e) {
        if (divideBy === 0) divideBy = 1;
        else unsupported();
      } else break;
    }
    this.pos = pos;
    if (ch !== -1 && CHAR_CLASS[ch] === 0) unsupported();
    if (divideBy !== 0) baseValue /= divideBy;
    return sign * baseValue;
  }

  // pdf.js Lexer.getString, refusing unterminated strings and octal escapes above 255.
  literalString(): string {
    const b = this.bytes;
    let depth = 1;
    let out = '';
    this.pos++;
    for (;;) {
      if (this.pos >= this.end) unsupported();
      const ch = b[this.pos++]!;
      if (ch === 0x28) {
        depth++;
        out += '(';
      } else if (ch === 0x29) {
        if (--depth === 0) return out;
        out += ')';
      } else if (ch === 0x5c) {
        if (this.pos >= this.end) unsupported();
        const e = b[this.pos++]!;
        switch (e) {
          case 0x6e: out += '\n'; break;
          case 0x72: out += '\r'; break;
          case 0x74: out += '\t'; break;
          case 0x62: out += '\b'; break;
          case 0x66: out += '\f'; break;
          case 0x0d:
            if (b[this.pos] === 0x0a) this.pos++;
            break;
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let x = e & 0x0f;
              if (b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37) {
                x = (x << 3) + (b[this.pos++]! & 0x0f);
                if (b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37) x = (x << 3) + (b[this.pos++]! & 0x0f);
              }
              if (x > 0xff) unsupported();
              out += String.fromCharCode(x);
            } else out += String.fromCharCode(e);
        }
      } else out += String.fromCharCode(ch);
    }
  }

  hexString(): string {
    const b = this.bytes;
    let out = '';
    let high = -1;
    this.pos++;
    for (;;) {
      if (this.pos >= this.end) unsupported();
      const ch = b[this.pos++]!;
      if (ch === 0x3e) break;
      if (isWhiteSpace(ch)) continue;
      const v = HEX_VALUE[ch]!;
      if (v < 0) unsupported();
      if (high < 0) high = v;
      else {
        out += String.fromCharCode((high << 4) | v);
        high = -1;
      }
    }
    if (high >= 0) unsupported();
    return out;
  }

  /** literalString, decoded into strBuf. */
  literalBytes(): void {
    const b = this.bytes;
    const end = this.end;
    let out = this.strBuf;
    let n = (this.strStart = this.strLen);
    let depth = 1;
    let pos = this.pos + 1;
    for (;;) {
      if (pos >= end) unsupported();
      let ch = b[pos++]!;
      if (ch === 0x28) depth++;
      else if (ch === 0x29) {
        if (--depth === 0) break;
      } else if (ch === 0x5c) {
        if (pos >= end) unsupported();
        const e = b[pos++]!;
        switch (e) {
          case 0x6e: ch = 0x0a; break;
          case 0x72: ch = 0x0d; break;
          case 0x74: ch = 0x09; break;
          case 0x62: ch = 0x08; break;
          case 0x66: ch = 0x0c; break;
          case 0x0d:
            if (b[pos] === 0x0a) pos++;
            continue;
          case 0x0a:
            continue;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let x = e & 0x0f;
              if (b[pos]! >= 0x30 && b[pos]! <= 0x37) {
                x = (x << 3) + (b[pos++]! & 0x0f);
                if (b[pos]! >= 0x30 && b[pos]! <= 0x37) x = (x << 3) + (b[pos++]! & 0x0f);
              }
              if (x > 0xff) unsupported();
              ch = x;
            } else ch = e;
        }
      }
      if (n === out.length) out = this.#grow();
      out[n++] = ch;
    }
    this.pos = pos;
    this.strLen = n;
  }

  /** hexString, decoded into strBuf. */
  hexBytes(): void {
    const b = this.bytes;
    const end = this.end;
    let out = this.strBuf;
    let n = (this.strStart = this.strLen);
    let high = -1;
    let pos = this.pos + 1;
    for (;;) {
      if (pos >= end) unsupported();
      const ch = b[pos++]!;
      const v = HEX_VALUE[ch]!;
      // hexString's tests in another order (">" and whitespace are not hex digits), and two digits at a time when they
      // follow one another.
      if (v >= 0) {
        if (high < 0) {
          const low = pos < end ? HEX_VALUE[b[pos]!]! : -1;
          if (low < 0) {
            high = v;
            continue;
          }
          pos++;
          if (n === out.length) out = this.#grow();
          out[n++] = (v << 4) | low;
        } else {
          if (n === out.length) out = this.#grow();
          out[n++] = (high << 4) | v;
          high = -1;
        }
        continue;
      }
      if (ch === 0x3e) break;
      if (CHAR_CLASS[ch] !== WHITESPACE) unsupported();
    }
    if (high >= 0) unsupported();
    this.pos = pos;
    this.strLen = n;
  }

  name(): Name {
    const b = this.bytes;
    const start = ++this.pos;
    while (this.pos < this.end && CHAR_CLASS[b[this.pos]!] === 0) {
      if (b[this.pos] === 0x23 || b[this.pos]! > 0x7e || b[this.pos]! < 0x21) unsupported();
      this.pos++;
    }
    if (this.pos === start) unsupported();
    const end = this.pos;
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + b[i]!) | 0;
    const slot = hash & (NAME_CACHE.length - 1);
    const cached = NAME_CACHE[slot];
    if (cached && cached.name.length === end - start) {
      let same = true;
      for (let i = start, j = 0; i < end; i++, j++) {
        if (cached.name.charCodeAt(j) !== b[i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
    return (NAME_CACHE[slot] = new Name(s));
  }
}

/** The offset in the xref entry at `at` — /^(\d{10}) (\d{5}) ([nf])(?: \n| \r|\r\n)$/ on its 20 bytes, "f" for the first entry
 * and "00000 n" for the others — else unsupported. */
function xrefEntry(b: Uint8Array, at: number, first: boolean): number {
  if (at + 20 > b.length) unsupported();
  let offset = 0;
  for (let i = at; i < at + 10; i++) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) unsupported();
    offset = offset * 10 + d;
  }
  if (b[at + 10] !== 0x20 || b[at + 16] !== 0x20) unsupported();
  for (let i = at + 11; i < at + 16; i++) {
    const ch = b[i]!;
    if (first ? ch < 0x30 || ch > 0x39 : ch !== 0x30) unsupported();
  }
  if (b[at + 17] !== (first ? 0x66 : 0x6e)) unsupported();
  const e1 = b[at + 18], e2 = b[at + 19];
  if (!((e1 === 0x20 && (e2 === 0x0a || e2 === 0x0d)) || (e1 === 0x0d && e2 === 0x0a))) unsupported();
  return offset;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
}

// ---------------------------------------------------------------------------------------------------------------------
// File structure

class SimplePdf {
  readonly #offsets = new Map<number, number>();
  readonly #cache = new Map<number, PdfObj>();
  readonly #trailer: PdfDict;

  constructor(readonly bytes: Uint8Array) {
    if (latin1(bytes, 0, 5) !== '%PDF-') unsupported();
    const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
    // pdf.js falls back to rebuilding the xref for linearized, incrementally updated or odd files: leave those to it.
    const m = /startxref[\r\n ]+(\d+)[\r\n ]+%%EOF[\r\n ]*$/.exec(tail);
    if (!m || tail.indexOf('startxref') !== tail.lastIndexOf('startxref')) unsupported();
    const xrefAt = Number(m[1]);
    if (latin1(bytes, xrefAt, xrefAt + 4) !== 'xref') unsupported();
    const lx = new Lexer(bytes, xrefAt + 4);
    const first = lx.next();
    const count = lx.next();
    if (first !== 0 || typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1e6) unsupported();
    lx.skipSpace();
    // Fixed 20-byte entries: "oooooooooo ggggg n\r\n" (the line end may be " \n", " \r" or "\r\n").
    for (let i = 0; i < count; i++) {
      const offset = xrefEntry(bytes, lx.pos, i === 0);
      if (i > 0) this.#offsets.set(i, offset);
      lx.pos += 20;
    }
    const t = lx.next();
    if (!(t instanceof Cmd) || t.cmd !== 'trailer') unsupported();
    const trailer = this.#parseObject(lx);
    if (!(trailer instanceof Map)) unsupported();
    for (const key of trailer.keys()) if (key !== 'Size' && key !== 'Root' && key !== 'Info' && key !== 'ID') unsupported();
    if (trailer.get('Size') !== count) unsupported();
    const end = lx.next();
    if (!(end instanceof Cmd) || end.cmd !== 'startxref') unsupported();
    this.#trailer = trailer;
  }

  #parseObject(lx: Lexer, token = lx.next()): PdfObj {
    if (typeof token === 'number') {
      // "num gen R" is a reference.
      if (Number.isInteger(token) && token >= 0) {
        const save = lx.pos;
        const gen = lx.next();
        if (typeof gen === 'number' && Number.isInteger(gen) && gen >= 0) {
          const r = lx.next();
          if (r instanceof Cmd && r.cmd === 'R') return new Ref(token, gen);
        }
        lx.pos = save;
      }
      return token;
    }
    if (token === '[') {
      const arr: PdfObj[] = [];
      for (;;) {
        const t = lx.next();
        if (t === ']') return arr;
        arr.push(this.#parseObject(lx, t));
      }
    }
    if (token === '<<') {
      const dict: PdfDict = new Map();
      for (;;) {
        const k = lx.next();
        if (k === '>>') return dict;
        if (!(k instanceof Name) || dict.has(k.name)) unsupported();
        dict.set(k.name, this.#parseObject(lx));
      }
    }
    if (token instanceof Name) return token;
    if (token instanceof Cmd) {
      if (token.cmd === 'true') return true;
      if (token.cmd === 'false') return false;
      if (token.cmd === 'null') return null;
      unsupported();
    }
    if (typeof token === 'object' && token !== null && 'str' in token) return token.str;
    return unsupported();
  }

  fetch(obj: PdfObj): PdfObj {
    if (!(obj instanceof Ref)) return obj;
    if (obj.gen !== 0) unsupported();
    const cached = this.#cache.get(obj.num);
    if (cached !== undefined) return cached;
    const at = this.#offsets.get(obj.num);
    if (at === undefined) unsupported();
    const lx = new Lexer(this.bytes, at);
    if (lx.next() !== obj.num || lx.next() !== 0) unsupported();
    const kw = lx.next();
    if (!(kw instanceof Cmd) || kw.cmd !== 'obj') unsupported();
    let value = this.#parseObject(lx);
    const after = lx.next();
    if (after instanceof Cmd && after.cmd === 'stream') {
      if (!(value instanceof Map)) unsupported();
      value = this.#stream(value, lx.pos);
    } else if (!(after instanceof Cmd && after.cmd === 'endobj')) unsupported();
    if (value instanceof Ref) unsupported();
    this.#cache.set(obj.num, value);
    return value;
  }

  #stream(dict: PdfDict, afterKeyword: number): PdfStream {
    const b = this.bytes;
    let start = afterKeyword;
    if (b[start] === 0x0d && b[start + 1] === 0x0a) start += 2;
    else if (b[start] === 0x0a) start += 1;
    else unsupported();
    const length = dict.get('Length');
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || start + length > b.length) unsupported();
    let end = start + length;
    if (b[end] === 0x0d && b[end + 1] === 0x0a) end += 2;
    else if (b[end] === 0x0a || b[end] === 0x0d) end += 1;
    if (latin1(b, end, end + 9) !== 'endstream') unsupported();
    const lx = new Lexer(b, end + 9);
    const kw = lx.next();
    if (!(kw instanceof Cmd) || kw.cmd !== 'endobj') unsupported();
    return new PdfStream(dict, b.subarray(start, start + length));
  }

  dict(obj: PdfObj): PdfDict {
    const d = this.fetch(obj);
    if (!(d instanceof Map)) unsupported();
    return d;
  }

  pageTexts(): string[] {
    const root = this.dict(this.#trailer.get('Root') ?? null);
    if (!isName(root.get('Type'), 'Catalog')) unsupported();
    const pages: PageInfo[] = [];
    const seen = new Set<number>();
    const walk = (node: PdfDict, inherited: Inherited, parent: Ref | undefined, ref: Ref): void => {
      if (seen.has(ref.num)) unsupported();
      seen.add(ref.num);
      // pdf.js inherits along /Parent links and merges Resources found at several levels: keep to plain trees.
      if (parent !== undefined && !sameRef(node.get('Parent') ?? null, parent)) unsupported();
      if (node.has('CropBox') || node.has('Rotate') || (node.has('Resources') && inherited.resources !== undefined)) unsupported();
      const here: Inherited = {
        resources: node.has('Resources') ? node.get('Resources')! : inherited.resources,
        mediaBox: node.has('MediaBox') ? node.get('MediaBox')! : inherited.mediaBox,
      };
      if (isName(node.get('Type'), 'Pages')) {
        const kids = this.fetch(node.get('Kids') ?? null);
        if (!Array.isArray(kids)) unsupported();
        const before = pages.length;
        for (const kid of kids) {
          if (!(kid instanceof Ref)) unsupported();
          walk(this.dict(kid), here, ref, kid);
        }
        if (node.get('Count') !== pages.length - before) unsupported();
      } else if (isName(node.get('Type'), 'Page')) {
        const userUnit = node.get('UserUnit');
        if (userUnit !== undefined && userUnit !== 1) unsupported();
        pages.push({ dict: node, ...here });
      } else unsupported();
    };
    const pagesRef = root.get('Pages') ?? null;
    if (!(pagesRef instanceof Ref)) unsupported();
    walk(this.dict(pagesRef), { resources: undefined, mediaBox: undefined }, undefined, pagesRef);
    if (pages.length === 0) unsupported();
    return pages.map((p) => this.#pageText(p));
  }

  #pageText(page: PageInfo): string {
    const mediaBox = this.fetch(page.mediaBox ?? null);
    if (!Array.isArray(mediaBox) || mediaBox.length !== 4 || !mediaBox.every((n) => typeof n === 'number')) unsupported();
    const [a, b2, c, d] = mediaBox as number[];
    // pdf.js Util.normalizeRect, and its refusal of empty boxes.
    const view = [Math.min(a!, c!), Math.min(b2!, d!), Math.max(a!, c!), Math.max(b2!, d!)];
    if (!(view[2]! - view[0]! > 0 && view[3]! - view[1]! > 0)) unsupported();
    const resources = page.resources === undefined ? new Map() : this.dict(page.resources);
    const contents = this.fetch(page.dict.get('Contents') ?? null);
    if (!(contents instanceof PdfStream)) unsupported();
    const items = new TextExtractor(this, resources, view).run(decodeStream(this, contents));
    return assemblePageText(items, view);
  }
}

interface Inherited {
  resources: PdfObj | undefined;
  mediaBox: PdfObj | undefined;
}
interface PageInfo extends Inherited {
  dict: PdfDict;
}

function isName(obj: PdfObj | undefined, name: string): boolean {
  return obj instanceof Name && obj.name === name;
}
function sameRef(a: PdfObj, b: PdfObj): boolean {
  return a instanceof Ref && b instanceof Ref && a.num === b.num && a.gen === b.gen;
}

/** A content stream that inflates past this is no bill page: pdf.js, in its worker's memory limits, gets to refuse it. */
const MAX_CONTENT_BYTES = 64 * 2 ** 20;
const INFLATE_OPTIONS = { maxOutputLength: MAX_CONTENT_BYTES };

function decodeStream(pdf: SimplePdf, stream: PdfStream): Uint8Array {
  for (const key of stream.dict.keys()) if (key !== 'Length' && key !== 'Filter') unsupported();
  const filter = pdf.fetch(stream.dict.get('Filter') ?? null);
  if (filter === null) return stream.data;
  if (!isName(filter, 'FlateDecode')) unsupported();
  // zlib is stricter than pdf.js (it checks the Adler-32 sum too); whatever it rejects goes to pdf.js.
  return inflateSync(stream.data, INFLATE_OPTIONS);
}

// ---------------------------------------------------------------------------------------------------------------------
// Fonts

// A glyph's categories (pdf.js Glyph's isWhitespace, isZeroWidthDiacritic, isInvisibleFormatMark), as bits.
const GLYPH_WHITESPACE = 1;
const GLYPH_ZERO_WIDTH_DIACRITIC = 2;
const GLYPH_INVISIBLE_FORMAT_MARK = 4;

/** A font's 256 glyphs, by byte: width, unicode (one UTF-16 unit each) and category bits. */
interface Font {
  widths: Float64Array;
  unicode: Uint16Array;
  flags: Uint8Array;
}

// pdf.js getCharUnicodeCategory, as written there.
const SpecialCharRegExp = /^(\s)|(\p{Mn})|(\p{Cf})$/u;

const fontCache = new Map<string, Font>();

function standardFont(pdf: SimplePdf, dict: PdfDict): Font {
  for (const key of dict.keys()) if (key !== 'Type' && key !== 'Subtype' && key !== 'BaseFont' && key !== 'Encoding' && key !== 'Name') unsupported();
  if (!isName(dict.get('Type'), 'Font') || !isName(dict.get('Subtype'), 'Type1')) unsupported();
  const base = dict.get('BaseFont');
  const encoding = pdf.fetch(dict.get('Encoding') ?? null);
  if (!(base instanceof Name) || !(encoding === null || isName(encoding, 'WinAnsiEncoding'))) unsupported();
  const key = `${base.name}|${encoding === null ? '' : 'WinAnsiEncoding'}`;
  let font = fontCache.get(key);
  if (!font) {
    const table = STANDARD_FONT_GLYPHS[key];
    if (!table) unsupported();
    if (table.widths.length !== 256 || table.unicode.length !== 256) unsupported();
    font = { widths: new Float64Array(table.widths), unicode: new Uint16Array(256), flags: new Uint8Array(256) };
    for (let code = 0; code < 256; code++) {
      const unicode = table.unicode[code]!;
      const groups = SpecialCharRegExp.exec(unicode);
      font.unicode[code] = unicode.charCodeAt(0);
      font.flags[code] = (groups?.[1] ? GLYPH_WHITESPACE : 0) | (groups?.[2] ? GLYPH_ZERO_WIDTH_DIACRITIC : 0) | (groups?.[3] ? GLYPH_INVISIBLE_FORMAT_MARK : 0);
    }
    fontCache.set(key, font);
  }
  return font;
}

// ---------------------------------------------------------------------------------------------------------------------
// Text content: pdf.js getTextContent

type Matrix = number[];

// pdf.js Util.transform(m1, [a, b, c, d, e, f]).
function transformBy(m1: Matrix, a: number, b: number, c: number, d: number, e: number, f: number): Matrix {
  return [
    m1[0]! * a + m1[2]! * b,
    m1[1]! * a + m1[3]! * b,
    m1[0]! * c + m1[2]! * d,
    m1[1]! * c + m1[3]! * d,
    m1[0]! * e + m1[2]! * f + m1[4]!,
    m1[1]! * e + m1[3]! * f + m1[5]!,
  ];
}

const IDENTITY_MATRIX = [1, 0, 0, 1, 0, 0];
const FONT_MATRIX_0 = 0.001;

class TextState {
  fontName: string | null = null;
  fontSize = 0;
  font: Font | null = null;
  charSpacing = 0;
  wordSpacing = 0;
  leading = 0;
  textHScale = 1;
  textRise = 0;

  constructor(
    public ctm: Matrix = IDENTITY_MATRIX.slice(),
    public textMatrix: Matrix = IDENTITY_MATRIX.slice(),
    public textLineMatrix: Matrix = IDENTITY_MATRIX.slice(),
  ) {}

  translateTextMatrix(x: number, y: number): void {
    const m = this.textMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }
  translateTextLineMatrix(x: number, y: number): void {
    const m = this.textLineMatrix;
    m[4] = m[0]! * x + m[2]! * y + m[4]!;
    m[5] = m[1]! * x + m[3]! * y + m[5]!;
  }
  carriageReturn(): void {
    this.translateTextLineMatrix(0, -this.leading);
    this.textMatrixFromLineMatrix();
  }
  // textMatrix and textLineMatrix belong to this state alone (pdf.js copies them wherever it shares them), so they are
  // overwritten in place rather than replaced by copies.
  textMatrixFromLineMatrix(): void {
    const m = this.textMatrix, l = this.textLineMatrix;
    m[0] = l[0]!;
    m[1] = l[1]!;
    m[2] = l[2]!;
    m[3] = l[3]!;
    m[4] = l[4]!;
    m[5] = l[5]!;
  }
  setTextMatrices(a: number, b: number, c: number, d: number, e: number, f: number): void {
    const m = this.textMatrix, l = this.textLineMatrix;
    m[0] = l[0] = a;
    m[1] = l[1] = b;
    m[2] = l[2] = c;
    m[3] = l[3] = d;
    m[4] = l[4] = e;
    m[5] = l[5] = f;
  }
  /** Becomes a copy of other, as pdf.js's clone makes it (the ctm shared: it is replaced, never changed in place). */
  copyFrom(other: TextState): void {
    this.ctm = other.ctm;
    const m = this.textMatrix, om = other.textMatrix, l = this.textLineMatrix, ol = other.textLineMatrix;
    for (let i = 0; i < 6; i++) {
      m[i] = om[i]!;
      l[i] = ol[i]!;
    }
    this.fontName = other.fontName;
    this.fontSize = other.fontSize;
    this.font = other.font;
    this.charSpacing = other.charSpacing;
    this.wordSpacing = other.wordSpacing;
    this.leading = other.leading;
    this.textHScale = other.textHScale;
    this.textRise = other.textRise;
  }
}

export interface TextItem {
  str: string;
  width: number;
  height: number;
  transform: Matrix;
  hasEOL: boolean;
}

interface TextContentItem {
  initialized: boolean;
  totalWidth: number;
  totalHeight: number;
  width: number;
  height: number;
  prevTransform: Matrix | null;
  textAdvanceScale: number;
  spaceInFlowMin: number;
  spaceInFlowMax: number;
  trackingSpaceMin: number;
  negativeSpaceMax: number;
  notASpace: number;
  transform: Matrix | null;
  hasEOL: boolean;
}

const TRACKING_SPACE_FACTOR = 0.102;
const NOT_A_SPACE_FACTOR = 0.03;
const NEGATIVE_SPACE_FACTOR = -0.2;
const SPACE_IN_FLOW_MIN_FACTOR = 0.102;
const SPACE_IN_FLOW_MAX_FACTOR = 0.6;
const VERTICAL_SHIFT_RATIO = 0.25;

function normalizeUnicode(str: string): string {
  return str.replaceAll(NormalizeRegex, (_, p1: string | undefined, p2: string | undefined) => (p1 ? p1.normalize('NFKC') : p2 ? 'ſt'.repeat(p2.length) : ''));
}
// pdf.js normalizeUnicode's pattern.
const NormalizeRegex =
  /([\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06\ufb20-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]+)|(\ufb05+)/gu;

/** Math.hypot(x, y), remembering its last arguments and result. */
class HypotCache {
  #x = NaN;
  #y = NaN;
  #value = NaN;
  of(x: number, y: number): number {
    // Equal arguments give the same result (+0 and -0 included: hypot takes magnitudes; NaN never equals).
    if (x === this.#x && y === this.#y) return this.#value;
    this.#x = x;
    this.#y = y;
    return (this.#value = Math.hypot(x, y));
  }
}

/** Buffers reused from page to page (extraction is synchronous, one page at a time); grown when too small. */
const shared = {
  // The text item's characters as UTF-16 units, and the same as bytes while none is above U+00FF.
  codes: new Uint16Array(1024),
  codeBytes: Buffer.alloc(1024),
  // The lexer's decoded strings.
  strBuf: new Uint8Array(4096) as Uint8Array,
  // The value of each number operand of the current operator, and where each string operand lies in strBuf.
  argNums: new Float64Array(40),
  strStart: new Int32Array(40),
  strEnd: new Int32Array(40),
  // The last array operand's elements: a string (at tjStart..tjEnd in strBuf) or, where tjStart is -1, a number.
  tjStart: new Int32Array(64),
  tjEnd: new Int32Array(64),
  tjNum: new Float64Array(64),
  // #compareWithLastPosition's current transform, the last glyph's (prevTransform), and #computeFixedTerms's terms.
  scratch: new Float64Array(6),
  prev: new Float64Array(6),
  fixedTerms: new Float64Array(6),
};

/** Buffers grown past this by an odd page are dropped after it rather than kept for the life of the process. */
const KEPT_BUFFER_BYTES = 1 << 20;

function releaseLargeBuffers(): void {
  if (shared.codes.byteLength > KEPT_BUFFER_BYTES) {
    shared.codes = new Uint16Array(1024);
    shared.codeBytes = Buffer.alloc(1024);
  }
  if (shared.strBuf.byteLength > KEPT_BUFFER_BYTES) shared.strBuf = new Uint8Array(4096);
  if (shared.tjNum.byteLength > KEPT_BUFFER_BYTES) {
    shared.tjStart = new Int32Array(64);
    shared.tjEnd = new Int32Array(64);
    shared.tjNum = new Float64Array(64);
  }
}

class TextExtractor {
  readonly items: TextItem[] = [];
  readonly #fonts = new Map<string, Font>();
  #state = new TextState();
  readonly #stack: TextState[] = [];
  readonly #freeStates: TextState[] = [];
  // Math.hypot of the same pairs again and again (pages keep their scales): the last result of each kept.
  readonly #heightHypot = new HypotCache();
  readonly #lineHypot = new HypotCache();
  readonly #ctmHypot = new HypotCache();
  readonly #item: TextContentItem = {
    initialized: false,
    totalWidth: 0,
    totalHeight: 0,
    width: 0,
    height: 0,
    prevTransform: null,
    textAdvanceScale: 0,
    spaceInFlowMin: 0,
    spaceInFlowMax: 0,
    trackingSpaceMin: Infinity,
    negativeSpaceMax: -Infinity,
    notASpace: -Infinity,
    transform: null,
    hasEOL: false,
  };
  // The text item's characters (pdf.js keeps an array of strings) are in shared.codes: their count, whether any may
  // need normalizeUnicode (whose pattern only matches from U+00A0 on), and whether any is above U+00FF.
  #codesLen = 0;
  #codesHigh = false;
  #codesWide = false;
  // pdf.js's two last characters as UTF-16 units (0x20 for a space): the one saved before the last, and the last.
  #olderChar = 0x20;
  #newerChar = 0x20;
  // Operands of the current operator: the values (STR_ARG and ARR_ARG for strings and the array, whose bytes and
  // elements are kept aside in shared) and their count.
  readonly #args: Operand[] = [];
  #lx: Lexer | null = null;
  #tjLen = 0;

  #pushCode(code: number): void {
    const n = this.#codesLen;
    if (n === shared.codes.length) {
      const codes = new Uint16Array(n * 2);
      codes.set(shared.codes);
      shared.codes = codes;
      const bytes = Buffer.alloc(n * 2);
      bytes.set(shared.codeBytes);
      shared.codeBytes = bytes;
    }
    shared.codes[n] = code;
    shared.codeBytes[n] = code;
    this.#codesLen = n + 1;
    if (code >= 0xa0) {
      this.#codesHigh = true;
      if (code > 0xff) this.#codesWide = true;
    }
  }

  #pushTjElement(start: number, end: number, value: number): void {
    const k = this.#tjLen;
    if (k === shared.tjStart.length) {
      const start2 = new Int32Array(k * 2), end2 = new Int32Array(k * 2), num2 = new Float64Array(k * 2);
      start2.set(shared.tjStart);
      end2.set(shared.tjEnd);
      num2.set(shared.tjNum);
      shared.tjStart = start2;
      shared.tjEnd = end2;
      shared.tjNum = num2;
    }
    shared.tjStart[k] = start;
    shared.tjEnd[k] = end;
    shared.tjNum[k] = value;
    this.#tjLen = k + 1;
  }

  constructor(
    readonly pdf: SimplePdf,
    readonly resources: PdfDict,
    readonly viewBox: number[],
  ) {}

  run(content: Uint8Array): TextItem[] {
    try {
      this.#run((this.#lx = new Lexer(content)));
    } finally {
      releaseLargeBuffers();
    }
    return this.items;
  }

  #run(lx: Lexer): void {
    const args = this.#args;
    const argNums = shared.argNums;
    let argc = 0;
    for (;;) {
      switch (lx.nextContent()) {
        case Tok.NUM:
          argNums[argc] = lx.num;
          args[argc++] = NUM_ARG;
          break;
        case Tok.CMD:
          this.#op(lx.cmdValue!, args, argc);
          argc = 0;
          lx.strLen = 0;
          continue;
        case Tok.STR:
          shared.strStart[argc] = lx.strStart;
          shared.strEnd[argc] = lx.strLen;
          args[argc++] = STR_ARG;
          break;
        case Tok.NAME:
          args[argc++] = lx.nameValue!;
          break;
        case Tok.ARRAY_START:
          // Only TJ takes an array here: strings and numbers.
          this.#tjLen = 0;
          for (;;) {
            const e = lx.nextContent();
            if (e === Tok.ARRAY_END) break;
            if (e === Tok.NUM) this.#pushTjElement(-1, -1, lx.num);
            else if (e === Tok.STR) this.#pushTjElement(lx.strStart, lx.strLen, 0);
            else unsupported();
          }
          args[argc++] = ARR_ARG;
          break;
        case Tok.DICT_START: {
          // BDC's property list: skipped whole (marked content is not extracted).
          let depth = 1;
          while (depth > 0) {
            const e = lx.nextContent();
            if (e === Tok.EOF) unsupported();
            if (e === Tok.DICT_START) depth++;
            else if (e === Tok.DICT_END) depth--;
          }
          args[argc++] = DICT_ARG;
          break;
        }
        case Tok.EOF:
          if (this.#stack.length !== 0) unsupported();
          this.#flushTextContentItem();
          return;
        default:
          unsupported();
      }
      if (argc > 33) unsupported();
    }
  }

  /** The bytes of string operand i. */
  #str(args: Operand[], i: number): Uint8Array {
    if (args[i] !== STR_ARG) unsupported();
    return this.#lx!.strBuf;
  }

  #op(cmd: Cmd, args: Operand[], argc: number): void {
    const ignored = cmd.ignoredArity;
    if (ignored >= 0) {
      arity(argc, ignored);
      return;
    }
    let textState = this.#state;
    switch (cmd.op) {
      case Op.q:
        arity(argc, 0);
        this.#stack.push(textState);
        // States left by Q are reused.
        this.#state = this.#freeStates.pop() ?? new TextState();
        this.#state.copyFrom(textState);
        return;
      case Op.Q: {
        arity(argc, 0);
        const prev = this.#stack.pop();
        if (!prev) unsupported();
        this.#state = prev;
        this.#freeStates.push(textState);
        if (textState.font !== prev.font || textState.fontSize !== prev.fontSize || textState.fontName !== prev.fontName) this.#flushTextContentItem();
        return;
      }
      case Op.cm:
        arity(argc, 6);
        textState.ctm = transformBy(textState.ctm, num(args, 0), num(args, 1), num(args, 2), num(args, 3), num(args, 4), num(args, 5));
        return;
      case Op.Tf: {
        arity(argc, 2);
        const name = args[0];
        const size = num(args, 1);
        if (!(name instanceof Name)) unsupported();
        if (textState.font && name.name === textState.fontName && size === textState.fontSize) return;
        this.#flushTextContentItem();
        textState.fontName = name.name;
        textState.fontSize = size;
        textState.font = this.#loadFont(name.name);
        return;
      }
      case Op.Ts:
        arity(argc, 1);
        textState.textRise = num(args, 0);
        return;
      case Op.Tz:
        arity(argc, 1);
        textState.textHScale = num(args, 0) / 100;
        return;
      case Op.TL:
        arity(argc, 1);
        textState.leading = num(args, 0);
        return;
      case Op.Td:
        arity(argc, 2);
        textState.translateTextLineMatrix(num(args, 0), num(args, 1));
        textState.textMatrixFromLineMatrix();
        return;
      case Op.TD:
        arity(argc, 2);
        textState.leading = -num(args, 1);
        textState.translateTextLineMatrix(num(args, 0), num(args, 1));
        textState.textMatrixFromLineMatrix();
        return;
      case Op.TStar:
        arity(argc, 0);
        textState.carriageReturn();
        return;
      case Op.Tm: {
        arity(argc, 6);
        textState.setTextMatrices(num(args, 0), num(args, 1), num(args, 2), num(args, 3), num(args, 4), num(args, 5));
        this.#updateAdvanceScale();
        return;
      }
      case Op.Tc:
        arity(argc, 1);
        textState.charSpacing = num(args, 0);
        return;
      case Op.Tw:
        arity(argc, 1);
        textState.wordSpacing = num(args, 0);
        return;
      case Op.BT:
        arity(argc, 0);
        textState.setTextMatrices(1, 0, 0, 1, 0, 0);
        return;
      case Op.ET:
        arity(argc, 0);
        return;
      case Op.TJ: {
        arity(argc, 1);
        const elements = args[0];
        if (elements !== ARR_ARG || !textState.font) unsupported();
        const spaceFactor = (-1 * textState.fontSize) / 1000;
        // pdf.js joins the strings between two non-zero numbers: in strBuf, they follow one another.
        const bytes = this.#lx!.strBuf;
        const { tjStart, tjEnd, tjNum } = shared;
        let bufferStart = -1;
        let bufferEnd = -1;
        for (let k = 0, kk = this.#tjLen; k < kk; k++) {
          const start = tjStart[k]!;
          if (start >= 0) {
            if (bufferStart < 0) bufferStart = start;
            bufferEnd = tjEnd[k]!;
          } else {
            const item = tjNum[k]!;
            if (item !== 0) {
              if (bufferStart < 0) this.#buildTextContentItem(bytes, 0, 0, item * spaceFactor);
              else this.#buildTextContentItem(bytes, bufferStart, bufferEnd, item * spaceFactor);
              bufferStart = -1;
            }
          }
        }
        if (bufferStart >= 0) this.#buildTextContentItem(bytes, bufferStart, bufferEnd, 0);
        return;
      }
      case Op.Tj:
        arity(argc, 1);
        if (!textState.font) unsupported();
        this.#buildTextContentItem(this.#str(args, 0), shared.strStart[0]!, shared.strEnd[0]!, 0);
        return;
      case Op.Quote:
        arity(argc, 1);
        if (!textState.font) unsupported();
        textState.carriageReturn();
        this.#buildTextContentItem(this.#str(args, 0), shared.strStart[0]!, shared.strEnd[0]!, 0);
        return;
      case Op.DoubleQuote:
        arity(argc, 3);
        if (!textState.font) unsupported();
        textState.wordSpacing = num(args, 0);
        textState.charSpacing = num(args, 1);
        textState.carriageReturn();
        this.#buildTextContentItem(this.#str(args, 2), shared.strStart[2]!, shared.strEnd[2]!, 0);
        return;
      case Op.Do: {
        arity(argc, 1);
        this.#flushTextContentItem();
        const name = args[0];
        if (!(name instanceof Name)) unsupported();
        const xobjs = this.pdf.dict(this.resources.get('XObject') ?? null);
        const xobj = this.pdf.fetch(xobjs.get(name.name) ?? null);
        // Images hold no text; forms would need their own pass, so pdf.js reads those files.
        if (!(xobj instanceof PdfStream) || !isName(xobj.dict.get('Subtype'), 'Image')) unsupported();
        return;
      }
      case Op.gs: {
        arity(argc, 1);
        const name = args[0];
        if (!(name instanceof Name)) unsupported();
        const states = this.pdf.dict(this.resources.get('ExtGState') ?? null);
        const gs = this.pdf.dict(states.get(name.name) ?? null);
        if (gs.has('Font')) unsupported();
        return;
      }
      case Op.BMC:
        arity(argc, 1);
        if (!(args[0] instanceof Name)) unsupported();
        this.#flushTextContentItem();
        return;
      case Op.BDC:
        arity(argc, 2);
        if (!(args[0] instanceof Name) || !(args[1] instanceof Name || args[1] === DICT_ARG)) unsupported();
        this.#flushTextContentItem();
        return;
      case Op.EMC:
        arity(argc, 0);
        this.#flushTextContentItem();
        return;
      case Op.SC:
        if (argc < 1 || argc > 4) unsupported();
        for (let k = 0; k < argc; k++) if (args[k] !== NUM_ARG) unsupported();
        return;
      default:
        unsupported();
    }
  }

  #loadFont(name: string): Font {
    let font = this.#fonts.get(name);
    if (!font) {
      const fonts = this.pdf.dict(this.resources.get('Font') ?? null);
      font = standardFont(this.pdf, this.pdf.dict(fonts.get(name) ?? null));
      this.#fonts.set(name, font);
    }
    return font;
  }

  // pdf.js keeps the two characters in a two-slot ring whose current slot holds the older one.
  #saveLastChar(char: number): boolean {
    const ret = this.#olderChar !== 0x20 && this.#newerChar === 0x20;
    this.#olderChar = this.#newerChar;
    this.#newerChar = char;
    return ret;
  }

  #shouldAddWhitespace(): boolean {
    return this.#olderChar !== 0x20 && this.#newerChar === 0x20;
  }

  #resetLastChars(): void {
    this.#olderChar = this.#newerChar = 0x20;
  }

  #pushWhitespace(width: number, transform: Matrix | null): void {
    this.items.push({ str: ' ', width, height: 0, transform: copyMatrix(transform!), hasEOL: false });
  }

  // transform(ctm, transform(textMatrix, [fontSize * textHScale, 0, 0, fontSize, 0, textRise])), written out with the
  // very same operations (zero terms included, so signs of zero match too) but one allocation instead of three.
  // Within one buildTextContentItem only textMatrix[4] and [5] change: the terms that do not depend on them, computed
  // once per string (the four first entries of the result, then m[0] * 0 + m[2] * textRise and m[1] * 0 + m[3] * textRise).

  #computeFixedTerms(): void {
    const s = this.#state;
    const t0 = s.fontSize * s.textHScale, t3 = s.fontSize, t5 = s.textRise;
    const m = s.textMatrix;
    const a0 = m[0]! * t0 + m[2]! * 0;
    const a1 = m[1]! * t0 + m[3]! * 0;
    const a2 = m[0]! * 0 + m[2]! * t3;
    const a3 = m[1]! * 0 + m[3]! * t3;
    const c = s.ctm;
    const k = shared.fixedTerms;
    k[0] = c[0]! * a0 + c[2]! * a1;
    k[1] = c[1]! * a0 + c[3]! * a1;
    k[2] = c[0]! * a2 + c[2]! * a3;
    k[3] = c[1]! * a2 + c[3]! * a3;
    k[4] = m[0]! * 0 + m[2]! * t5;
    k[5] = m[1]! * 0 + m[3]! * t5;
  }

  /** #getCurrentTextTransform(out) from the fixed terms: the same operations on the same values. */
  #glyphTransform(out: Float64Array): Matrix {
    const s = this.#state;
    const k = shared.fixedTerms;
    const m = s.textMatrix;
    const a4 = k[4]! + m[4]!;
    const a5 = k[5]! + m[5]!;
    const c = s.ctm;
    out[0] = k[0]!;
    out[1] = k[1]!;
    out[2] = k[2]!;
    out[3] = k[3]!;
    out[4] = c[0]! * a4 + c[2]! * a5 + c[4]!;
    out[5] = c[1]! * a4 + c[3]! * a5 + c[5]!;
    return out as unknown as Matrix;
  }

  #getCurrentTextTransform(): Matrix {
    const s = this.#state;
    const t0 = s.fontSize * s.textHScale, t3 = s.fontSize, t5 = s.textRise;
    const m = s.textMatrix;
    const a0 = m[0]! * t0 + m[2]! * 0;
    const a1 = m[1]! * t0 + m[3]! * 0;
    const a2 = m[0]! * 0 + m[2]! * t3;
    const a3 = m[1]! * 0 + m[3]! * t3;
    const a4 = m[0]! * 0 + m[2]! * t5 + m[4]!;
    const a5 = m[1]! * 0 + m[3]! * t5 + m[5]!;
    const c = s.ctm;
    return [
      c[0]! * a0 + c[2]! * a1,
      c[1]! * a0 + c[3]! * a1,
      c[0]! * a2 + c[2]! * a3,
      c[1]! * a2 + c[3]! * a3,
      c[0]! * a4 + c[2]! * a5 + c[4]!,
      c[1]! * a4 + c[3]! * a5 + c[5]!,
    ];
  }

  #ensureTextContentItem(): TextContentItem {
    const item = this.#item;
    if (item.initialized) return item;
    const s = this.#state;
    const trm = (item.transform = this.#getCurrentTextTransform());
    item.width = item.totalWidth = 0;
    item.height = item.totalHeight = this.#heightHypot.of(trm[2]!, trm[3]!);
    const scaleLineX = this.#lineHypot.of(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    const scaleCtmX = this.#ctmHypot.of(s.ctm[0]!, s.ctm[1]!);
    item.textAdvanceScale = scaleCtmX * scaleLineX;
    const { fontSize } = s;
    item.trackingSpaceMin = fontSize * TRACKING_SPACE_FACTOR;
    item.notASpace = fontSize * NOT_A_SPACE_FACTOR;
    item.negativeSpaceMax = fontSize * NEGATIVE_SPACE_FACTOR;
    item.spaceInFlowMin = fontSize * SPACE_IN_FLOW_MIN_FACTOR;
    item.spaceInFlowMax = fontSize * SPACE_IN_FLOW_MAX_FACTOR;
    item.hasEOL = false;
    item.initialized = true;
    return item;
  }

  #updateAdvanceScale(): void {
    const item = this.#item;
    if (!item.initialized) return;
    const s = this.#state;
    const scaleLineX = this.#lineHypot.of(s.textLineMatrix[0]!, s.textLineMatrix[1]!);
    const scaleCtmX = this.#ctmHypot.of(s.ctm[0]!, s.ctm[1]!);
    const scaleFactor = scaleCtmX * scaleLineX;
    if (scaleFactor === item.textAdvanceScale) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    item.width = 0;
    item.textAdvanceScale = scaleFactor;
  }

  #runBidiTransform(): TextItem {
    const item = this.#item;
    // Every character the font tables hold is left-to-right, so pdf.js's bidi pass returns the text as it is.
    const n = this.#codesLen;
    const text = this.#codesWide ? codesToString(shared.codes, n) : shared.codeBytes.toString('latin1', 0, n);
    const str = this.#codesHigh ? normalizeUnicode(text) : text;
    return { str, width: Math.abs(item.totalWidth), height: Math.abs(item.totalHeight), transform: item.transform!, hasEOL: item.hasEOL };
  }

  #compareWithLastPosition(glyphWidth: number): boolean {
    const currentTransform = this.#glyphTransform(shared.scratch);
    let posX = currentTransform[4]!;
    let posY = currentTransform[5]!;
    const viewBox = this.viewBox;
    if (posX + glyphWidth < viewBox[0]! || posX > viewBox[2]! || posY < viewBox[1]! || posY > viewBox[3]!) return false;
    const item = this.#item;
    if (!this.#state.font || !item.prevTransform) return true;
    let lastPosX = item.prevTransform[4]!;
    let lastPosY = item.prevTransform[5]!;
    if (lastPosX === posX && lastPosY === posY) return true;
    let rotate = -1;
    if (currentTransform[0] && currentTransform[1] === 0 && currentTransform[2] === 0) rotate = currentTransform[0] > 0 ? 0 : 180;
    else if (currentTransform[1] && currentTransform[0] === 0 && currentTransform[3] === 0) rotate = currentTransform[1] > 0 ? 90 : 270;
    switch (rotate) {
      case 0:
        break;
      case 90:
        [posX, posY] = [posY, posX];
        [lastPosX, lastPosY] = [lastPosY, lastPosX];
        break;
      case 180:
        [posX, posY, lastPosX, lastPosY] = [-posX, -posY, -lastPosX, -lastPosY];
        break;
      case 270:
        [posX, posY] = [-posY, -posX];
        [lastPosX, lastPosY] = [-lastPosY, -lastPosX];
        break;
      default:
        [posX, posY] = applyInverseRotation(posX, posY, currentTransform);
        [lastPosX, lastPosY] = applyInverseRotation(lastPosX, lastPosY, item.prevTransform);
    }
    const advanceX = (posX - lastPosX) / item.textAdvanceScale;
    const advanceY = posY - lastPosY;
    const textOrientation = Math.sign(item.width);
    if (advanceX < textOrientation * item.negativeSpaceMax) {
      if (Math.abs(advanceY) > 0.5 * item.height) {
        this.#appendEOL();
        return true;
      }
      this.#resetLastChars();
      this.#flushTextContentItem();
      return true;
    }
    if (Math.abs(advanceY) > item.height) {
      this.#appendEOL();
      return true;
    }
    if (advanceX <= textOrientation * item.notASpace) this.#resetLastChars();
    if (advanceX <= textOrientation * item.trackingSpaceMin) {
      if (this.#shouldAddWhitespace()) {
        this.#resetLastChars();
        this.#flushTextContentItem();
        this.#pushWhitespace(Math.abs(advanceX), item.prevTransform);
      } else {
        item.width += advanceX;
      }
    } else if (!this.#addFakeSpaces(advanceX, item.prevTransform, textOrientation)) {
      if (this.#codesLen === 0) {
        this.#resetLastChars();
        this.#pushWhitespace(Math.abs(advanceX), item.prevTransform);
      } else {
        item.width += advanceX;
      }
    }
    if (Math.abs(advanceY) > item.height * VERTICAL_SHIFT_RATIO) this.#flushTextContentItem();
    return true;
  }

  /** pdf.js buildTextContentItem for the string at chars[start..end) (a byte string: one glyph a byte). */
  #buildTextContentItem(chars: Uint8Array, start: number, end: number, extraSpacing: number): void {
    const s = this.#state;
    if (start === end) {
      const charSpacing = s.charSpacing + extraSpacing;
      if (charSpacing) s.translateTextMatrix(charSpacing * s.textHScale, 0);
      return;
    }
    const { widths, unicode, flags } = s.font!;
    const scale = FONT_MATRIX_0 * s.fontSize;
    this.#computeFixedTerms();
    // Nothing in the loop changes the state but textMatrix[4] and [5]: the rest is read once. The calls to
    // translateTextMatrix, #glyphTransform and the start of #compareWithLastPosition are written out here, the same
    // operations in the same order.
    const { charSpacing: stateCharSpacing, wordSpacing, textHScale } = s;
    const m = s.textMatrix;
    const m0 = m[0]!, m1 = m[1]!, m2 = m[2]!, m3 = m[3]!;
    const c = s.ctm;
    const c0 = c[0]!, c1 = c[1]!, c2 = c[2]!, c3 = c[3]!, c4 = c[4]!, c5 = c[5]!;
    const k = shared.fixedTerms;
    const k4 = k[4]!, k5 = k[5]!;
    const prev = shared.prev;
    const viewBox = this.viewBox;
    const vb0 = viewBox[0]!, vb1 = viewBox[1]!, vb2 = viewBox[2]!, vb3 = viewBox[3]!;
    const item = this.#item;
    // Whether textMatrix is where it was when prevTransform was last computed (from this string's fixed terms), so
    // that the current transform is prevTransform.
    let atPrev = false;
    for (let i = start; i < end; i++) {
      const code = chars[i]!;
      const flag = flags[code]!;
      if (flag & GLYPH_INVISIBLE_FORMAT_MARK) continue;
      let charSpacing = stateCharSpacing + (i + 1 === end ? extraSpacing : 0);
      let scaledDim = widths[code]! * scale;
      if (code === 0x20) charSpacing += wordSpacing;
      if (flag & GLYPH_WHITESPACE) {
        charSpacing += scaledDim;
        const x = charSpacing * textHScale;
        m[4] = m0 * x + m2 * 0 + m[4]!;
        m[5] = m1 * x + m3 * 0 + m[5]!;
        atPrev = false;
        this.#saveLastChar(0x20);
        continue;
      }
      const zeroWidth = (flag & GLYPH_ZERO_WIDTH_DIACRITIC) !== 0;
      if (!zeroWidth) {
        let visible: boolean;
        const posX = prev[4]!, posY = prev[5]!;
        // #compareWithLastPosition when the current transform is prevTransform (and no NaN): only the view box counts.
        if (atPrev && posX === posX && posY === posY) visible = !(posX + scaledDim < vb0 || posX > vb2 || posY < vb1 || posY > vb3);
        else visible = this.#compareWithLastPosition(scaledDim);
        if (!visible) {
          const x = scaledDim * textHScale;
          m[4] = m0 * x + m2 * 0 + m[4]!;
          m[5] = m1 * x + m3 * 0 + m[5]!;
          atPrev = false;
          continue;
        }
      }
      const textChunk = item.initialized ? item : this.#ensureTextContentItem();
      if (zeroWidth) scaledDim = 0;
      scaledDim *= textHScale;
      m[4] = m0 * scaledDim + m2 * 0 + m[4]!;
      m[5] = m1 * scaledDim + m3 * 0 + m[5]!;
      atPrev = false;
      textChunk.width += scaledDim;
      // Kept in a reused buffer: it is read by the next glyph, and copied only when a whitespace item takes it.
      if (scaledDim) {
        const a4 = k4 + m[4]!;
        const a5 = k5 + m[5]!;
        prev[0] = k[0]!;
        prev[1] = k[1]!;
        prev[2] = k[2]!;
        prev[3] = k[3]!;
        prev[4] = c0 * a4 + c2 * a5 + c4;
        prev[5] = c1 * a4 + c3 * a5 + c5;
        textChunk.prevTransform = prev as unknown as Matrix;
        atPrev = true;
      }
      const u = unicode[code]!;
      if (this.#saveLastChar(u)) this.#pushCode(0x20);
      this.#pushCode(u);
      if (charSpacing) {
        const x = charSpacing * textHScale;
        m[4] = m0 * x + m2 * 0 + m[4]!;
        m[5] = m1 * x + m3 * 0 + m[5]!;
        atPrev = false;
      }
    }
  }

  #appendEOL(): void {
    this.#resetLastChars();
    const item = this.#item;
    if (item.initialized) {
      item.hasEOL = true;
      this.#flushTextContentItem();
    } else {
      this.items.push({ str: '', width: 0, height: 0, transform: this.#getCurrentTextTransform(), hasEOL: true });
    }
  }

  #addFakeSpaces(width: number, transf: Matrix | null, textOrientation: number): boolean {
    const item = this.#item;
    if (textOrientation * item.spaceInFlowMin <= width && width <= textOrientation * item.spaceInFlowMax) {
      if (item.initialized) {
        this.#resetLastChars();
        this.#pushCode(0x20);
      }
      return false;
    }
    this.#flushTextContentItem();
    this.#resetLastChars();
    this.#pushWhitespace(Math.abs(width), transf || this.#getCurrentTextTransform());
    return true;
  }

  #flushTextContentItem(): void {
    const item = this.#item;
    if (!item.initialized) return;
    item.totalWidth += item.width * item.textAdvanceScale;
    this.items.push(this.#runBidiTransform());
    item.initialized = false;
    this.#codesLen = 0;
    this.#codesHigh = this.#codesWide = false;
  }
}

// An operand: a name, or a marker for a number, a string, an array or a dictionary (kept aside or skipped).
const NUM_ARG = { operand: 'number' } as const;
const STR_ARG = { operand: 'string' } as const;
const ARR_ARG = { operand: 'array' } as const;
const DICT_ARG = { operand: 'dictionary' } as const;
type Operand = Name | typeof NUM_ARG | typeof STR_ARG | typeof ARR_ARG | typeof DICT_ARG;

function num(args: Operand[], i: number): number {
  if (args[i] !== NUM_ARG) unsupported();
  return shared.argNums[i]!;
}
function arity(argc: number, n: number): void {
  if (argc !== n) unsupported();
}

function codesToString(codes: Uint16Array, n: number): string {
  if (n <= 4096) return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return out;
}

function copyMatrix(m: Matrix): Matrix {
  return [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
}

function applyInverseRotation(x: number, y: number, matrix: Matrix): [number, number] {
  const scale = Math.hypot(matrix[0]!, matrix[1]!);
  return [(matrix[0]! * x + matrix[1]! * y) / scale, (matrix[2]! * x + matrix[3]! * y) / scale];
}

// ---------------------------------------------------------------------------------------------------------------------
// pdf-parse getPageText with the options billscore uses (lineEnforce, cellSeparator "\t", no hyperlinks)

function assemblePageText(items: TextItem[], view: number[]): string {
  // pdf.js PageViewport at scale 1, rotation 0: its transform, computed the same way.
  const centerX = (view[2]! + view[0]!) / 2;
  const centerY = (view[3]! + view[1]!) / 2;
  const offsetCanvasX = Math.abs(centerX - view[0]!) * 1 + 0;
  const offsetCanvasY = Math.abs(centerY - view[1]!) * 1 + 0;
  const vt = [1 * 1, 0 * 1, 0 * 1, -1 * 1, offsetCanvasX - 1 * 1 * centerX - 0 * 1 * centerY, offsetCanvasY - 0 * 1 * centerX - -1 * 1 * centerY];
  const lineThreshold = 4.6;
  const cellThreshold = 7;
  const strBuf: string[] = [];
  let lastX: number | undefined;
  let lastY: number | undefined;
  let lineHeight = 0;
  for (const item of items) {
    const tm = item.transform;
    const x = tm[4]! * vt[0]! + tm[5]! * vt[2]! + vt[4]!;
    const y = tm[4]! * vt[1]! + tm[5]! * vt[3]! + vt[5]!;
    let str = item.str;
    if (lastY !== undefined && Math.abs(lastY - y) > lineThreshold) {
      const lastItem = strBuf.length ? strBuf[strBuf.length - 1] : undefined;
      const isCurrentItemHasNewLine = str.startsWith('\n') || (str.trim() === '' && item.hasEOL);
      if (lastItem?.endsWith('\n') === false && !isCurrentItemHasNewLine) {
        const ydiff = Math.abs(lastY - y);
        if (ydiff - 1 > lineHeight) {
          strBuf.push('\n');
          lineHeight = 0;
        }
      }
    }
    if (lastY !== undefined && Math.abs(lastY - y) < lineThreshold) {
      if (lastX !== undefined && Math.abs(lastX - x) > cellThreshold) str = `\t${str}`;
    }
    strBuf.push(str);
    lastX = x + item.width;
    lastY = y;
    lineHeight = Math.max(lineHeight, item.height);
    if (item.hasEOL) strBuf.push('\n');
    if (item.hasEOL || str.endsWith('\n')) lineHeight = 0;
  }
  return strBuf.join('');
}
