/**
 * Text → SpreadsheetML: XML escaping, the characters XML 1.0 cannot carry,
 * Excel's cell-length limit, and A1 column letters. Pure string work, no
 * Node APIs.
 */

/** Excel refuses to show more than this many UTF-16 code units in a cell. */
export const MAX_CELL_TEXT = 32_767;
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * Characters XML 1.0 forbids: C0 controls other than tab, LF and CR; U+FFFE
 * and U+FFFF; surrogates that are not half of a pair.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ILLEGAL_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- as above
const ILLEGAL_XML_TEST = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** The text without characters XML 1.0 cannot carry. */
export function stripIllegalXml(text: string): string {
  // Astral characters are legal pairs; the cheap test only says "look closer".
  return ILLEGAL_XML_TEST.test(text) ? text.replace(ILLEGAL_XML, '') : text;
}

/** What a cell can hold: legal XML, at most 32,767 code units, never half a surrogate pair. */
export function cellText(value: string): string {
  let text = stripIllegalXml(value);
  if (text.length > MAX_CELL_TEXT) {
    const last = text.charCodeAt(MAX_CELL_TEXT - 1);
    text = text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT);
  }
  return text;
}

const NEEDS_STRING_ESCAPE = /[&<>\r]|_x[0-9A-Fa-f]{4}_/;
const STRING_ESCAPE = /[&<>\r]|_(?=x[0-9A-Fa-f]{4}_)/g;
const NEEDS_TEXT_ESCAPE = /[&<>\r]/;
const TEXT_ESCAPE = /[&<>\r]/g;

/**
 * Escapes the text of a string cell (`<t>` of an inline or shared string),
 * already legal XML. A CR is written as a character reference (a literal one
 * would be read back as LF), and the `_` of anything that looks like OOXML's
 * `_xHHHH_` escape is itself escaped (`_x005F_`), so such text reads back
 * literally instead of as the character it names.
 */
export function escapeString(text: string): string {
  if (!NEEDS_STRING_ESCAPE.test(text)) return text;
  return text.replace(STRING_ESCAPE, textReplacement);
}

/** Escapes other element text (formulas, cached string results, metadata), already legal XML. */
export function escapeText(text: string): string {
  if (!NEEDS_TEXT_ESCAPE.test(text)) return text;
  return text.replace(TEXT_ESCAPE, textReplacement);
}

function textReplacement(match: string): string {
  switch (match) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '\r':
      return '&#13;';
    default:
      return '_x005F_';
  }
}

const NEEDS_ATTRIBUTE_ESCAPE = /[&<>"\t\n\r]/;
const ATTRIBUTE_ESCAPE = /[&<>"\t\n\r]/g;

/** Escapes an attribute value (whitespace as references, so attribute normalisation leaves it alone). */
export function escapeAttribute(text: string): string {
  const legal = stripIllegalXml(text);
  if (!NEEDS_ATTRIBUTE_ESCAPE.test(legal)) return legal;
  return legal.replace(ATTRIBUTE_ESCAPE, attributeReplacement);
}

function attributeReplacement(match: string): string {
  switch (match) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case '\t':
      return '&#9;';
    case '\n':
      return '&#10;';
    default:
      return '&#13;';
  }
}

const columnLetters: string[] = [''];

/** 1 → "A", 28 → "AB"; cached, since every cell needs one. */
export function columnLetter(col: number): string {
  let letters = columnLetters[col];
  if (letters === undefined) {
    letters = '';
    let n = col;
    while (n > 0) {
      const rem = (n - 1) % 26;
      letters = String.fromCharCode(65 + rem) + letters;
      n = Math.floor((n - 1) / 26);
    }
    columnLetters[col] = letters;
  }
  return letters;
}

/** "A1:H20" from 1-based inclusive bounds ("A1" for one cell). */
export function rangeRef(top: number, left: number, bottom: number, right: number): string {
  const start = `${columnLetter(left)}${top}`;
  return top === bottom && left === right ? start : `${start}:${columnLetter(right)}${bottom}`;
}

/** "$A$1:$H$20" from 1-based inclusive bounds. */
export function absoluteRangeRef(top: number, left: number, bottom: number, right: number): string {
  return `$${columnLetter(left)}$${top}:$${columnLetter(right)}$${bottom}`;
}

/** A number as OOXML writes it: shortest round-trip form, never "-0". */
export function formatNumber(value: number): string {
  return value === 0 ? '0' : String(value);
}

/** A measurement (inches, points, widths) with at most 6 decimals, so float noise never reaches the file. */
export function formatMeasure(value: number): string {
  return formatNumber(Math.round(value * 1e6) / 1e6);
}
