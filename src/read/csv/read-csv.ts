/**
 * Bytes of a .csv → a one-sheet Grid named 'CSV', shaped like every other
 * reader's Grid (rows[r][c] zero-based, row r of the file is row r of the
 * sheet, empty fields are empty cells).
 *
 * - Encoding: a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE); without
 *   one, UTF-16 is recognised by its zero bytes, valid UTF-8 is UTF-8, and
 *   anything else is Windows-1258, what Excel's plain "CSV" writes on a
 *   Vietnamese Windows. Windows-1258 writes tone marks as combining characters
 *   after the letter, so that text is NFC-normalised.
 * - Delimiter: an Excel `sep=;` first line decides; otherwise whichever of
 *   `,` `;` tab splits the first lines most consistently (Excel uses `;` where
 *   the decimal separator is `,`, as in Vietnamese settings).
 * - Fields: RFC 4180, leniently: quoted fields with `""` escapes, delimiters
 *   and line breaks inside quotes, CRLF, LF or CR line ends.
 * - Values: every field is text in a CSV. A field that is a plain number in
 *   canonical form (`-12`, `3.5`) becomes a number, as a spreadsheet would
 *   read it; anything else ("12 người", " 56 ", "1,5") stays a string, so
 *   the checks can point at numbers typed as text. So does "1.234", canonical
 *   but ambiguous: one to three digits, a dot and three digits is how a
 *   Vietnamese office writes 1234. Nothing is ever evaluated: "=SUM(A1:A3)"
 *   is the text "=SUM(A1:A3)".
 *
 * Browser-safe: no Node APIs, text decoded with TextDecoder.
 */
import type { Cell, Grid } from '../grid.js';
import { ReadFailure } from '../xlsx/errors.js';
import { resolveLimits, type ReadLimits } from '../xlsx/limits.js';

export const CSV_SHEET_NAME = 'CSV';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';
export type CsvDelimiter = ',' | ';' | '\t';

export function readCsv(bytes: Uint8Array, limits?: Partial<ReadLimits>): Grid {
  const resolved = resolveLimits(limits);
  if (bytes.length === 0) throw new ReadFailure('file-empty', {});
  if (bytes.length > resolved.maxFileBytes) {
    throw new ReadFailure('file-too-large', { actual: bytes.length, limit: resolved.maxFileBytes });
  }
  const { text } = decodeCsvText(bytes);
  const { delimiter, start } = detectDelimiter(text);
  const rows = parseRows(text, start, delimiter, resolved.maxCells);
  return { sheets: [{ name: CSV_SHEET_NAME, hidden: false, rows, merges: [], hiddenRows: [], hiddenColumns: [] }] };
}

// ---------------------------------------------------------------------------
// Encoding

/** The text of a CSV file, without its byte-order mark, and the encoding it was read in. */
export function decodeCsvText(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decode('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decode(utf16, bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1258(bytes).normalize('NFC'), encoding: 'windows-1258' };
  }
}

function decode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  // ignoreBOM: the mark has been cut off already; a second one is content.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/**
 * UTF-16 saved without a mark still shows itself: text in Latin letters,
 * digits and punctuation has a zero byte in every other position, which no
 * 8-bit text has.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = Math.min(bytes.length, 512) & ~1;
  if (sample < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) zeroEven++;
    else zeroOdd++;
  }
  const half = sample / 2;
  if (zeroOdd >= half * 0.6 && zeroEven === 0) return 'utf-16le';
  if (zeroEven >= half * 0.6 && zeroOdd === 0) return 'utf-16be';
  return undefined;
}

/** Windows-1258 bytes 0x80–0xFF (WHATWG index); 0x00–0x7F are ASCII. */
const WINDOWS_1258_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x008a, 0x2039, 0x0152, 0x008d, 0x008e, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x009a, 0x203a, 0x0153, 0x009d, 0x009e, 0x0178,
  0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7, 0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
  0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7, 0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
  0x00c0, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x00c5, 0x00c6, 0x00c7, 0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x0300, 0x00cd, 0x00ce, 0x00cf,
  0x0110, 0x00d1, 0x0309, 0x00d3, 0x00d4, 0x01a0, 0x00d6, 0x00d7, 0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x01af, 0x0303, 0x00df,
  0x00e0, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x00e5, 0x00e6, 0x00e7, 0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x0301, 0x00ed, 0x00ee, 0x00ef,
  0x0111, 0x00f1, 0x0323, 0x00f3, 0x00f4, 0x01a1, 0x00f6, 0x00f7, 0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x01b0, 0x20ab, 0x00ff,
] as const;

/**
 * Windows-1258 → text (not yet normalised). Uses the platform's decoder where
 * it has one (Node with full ICU, browsers), else the table above.
 */
export function decodeWindows1258(bytes: Uint8Array): string {
  let decoder: TextDecoder | undefined;
  try {
    decoder = new TextDecoder('windows-1258');
  } catch {
    decoder = undefined;
  }
  return decoder ? decoder.decode(bytes) : decodeWindows1258ByTable(bytes);
}

/** The table path of decodeWindows1258, exported for the test that checks it against the platform. */
export function decodeWindows1258ByTable(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  const codes = new Array<number>(CHUNK);
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    codes.length = end - start;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      codes[i - start] = byte < 0x80 ? byte : WINDOWS_1258_HIGH[byte - 0x80]!;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------
// Delimiter

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];
const SAMPLE_LINES = 20;

/**
 * The delimiter, and where the data starts (after an Excel `sep=` line).
 * Each candidate is counted outside quotes on the first lines; the one whose
 * count is the same on the most lines wins, then the one with more fields.
 */
export function detectDelimiter(text: string): { delimiter: CsvDelimiter; start: number } {
  const sep = /^sep=(.)(\r\n|\n|\r|$)/i.exec(text.slice(0, 8));
  if (sep) {
    const declared = sep[1] as string;
    const delimiter = (DELIMITERS as readonly string[]).includes(declared) ? (declared as CsvDelimiter) : ',';
    return { delimiter, start: sep[0].length };
  }
  const counts = sampleCounts(text);
  let best: CsvDelimiter = ',';
  let bestConsistency = 0;
  let bestFields = 0;
  for (let d = 0; d < DELIMITERS.length; d++) {
    const perLine = counts.map((line) => line[d]!);
    const { mode, lines } = modalCount(perLine);
    if (mode === 0) continue;
    const consistency = lines / perLine.length;
    if (consistency > bestConsistency || (consistency === bestConsistency && mode > bestFields)) {
      best = DELIMITERS[d]!;
      bestConsistency = consistency;
      bestFields = mode;
    }
  }
  return { delimiter: best, start: 0 };
}

/** For each of the first non-blank lines, how often each candidate occurs outside quotes. */
function sampleCounts(text: string): number[][] {
  const lines: number[][] = [];
  let current = [0, 0, 0];
  let blank = true;
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < SAMPLE_LINES; i++) {
    const ch = text.charCodeAt(i);
    if (inQuotes) {
      if (ch === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === QUOTE) {
      inQuotes = true;
      blank = false;
    } else if (ch === LF || ch === CR) {
      if (!blank) lines.push(current);
      current = [0, 0, 0];
      blank = true;
    } else {
      blank = false;
      const index = ch === COMMA ? 0 : ch === SEMICOLON ? 1 : ch === TAB ? 2 : -1;
      if (index >= 0) current[index] = current[index]! + 1;
    }
  }
  if (!blank && lines.length < SAMPLE_LINES) lines.push(current);
  return lines;
}

/** The most common non-zero count, and on how many lines it occurs. */
function modalCount(counts: readonly number[]): { mode: number; lines: number } {
  const frequency = new Map<number, number>();
  for (const count of counts) if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  let mode = 0;
  let lines = 0;
  for (const [count, times] of frequency) {
    if (times > lines || (times === lines && count > mode)) {
      mode = count;
      lines = times;
    }
  }
  return { mode, lines };
}

// ---------------------------------------------------------------------------
// Fields

const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const LF = 10;
const CR = 13;

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** Stands in for rows with no cells, as in the xlsx reader; frozen because it is shared. */
const EMPTY_ROW: (Cell | undefined)[] = Object.freeze([]) as unknown as (Cell | undefined)[];
const CANONICAL_NUMBER = /^-?\d+(\.\d+)?$/;
/** "1.234" is 1234 in a Vietnamese office and 1.234 elsewhere: left as text for the checks to judge. */
const THOUSANDS_LOOKALIKE = /^-?\d{1,3}\.\d{3}$/;

/**
 * RFC 4180 records → rows of cells. Lenient where Excel is: text after a
 * closing quote is kept, a quote inside an unquoted field is a character, an
 * unterminated quote runs to the end of the file. Rows past Excel's last row
 * and fields past its last column are dropped, as Excel drops them.
 */
function parseRows(text: string, start: number, delimiter: CsvDelimiter, maxCells: number): (Cell | undefined)[][] {
  const separator = delimiter.charCodeAt(0);
  const rows: (Cell | undefined)[][] = [];
  let cellsLeft = maxCells;
  const spend = () => {
    if (--cellsLeft < 0) throw new ReadFailure('file-too-many-cells', { limit: maxCells, sheet: CSV_SHEET_NAME });
  };

  let row: (Cell | undefined)[] | undefined;
  let col = 0;
  let field = '';
  let quoted = false;
  let emptyRows = 0;

  const endField = () => {
    if (col < MAX_COLUMNS && field !== '') {
      const cell = toCell(field);
      if (cell) {
        spend();
        row ??= [];
        row[col] = cell;
      }
    }
    col++;
    field = '';
    quoted = false;
  };
  const endRow = () => {
    endField();
    if (row) {
      // Rows without cells in between become the shared EMPTY_ROW, each charged like a cell.
      for (; emptyRows > 0; emptyRows--) {
        spend();
        rows.push(EMPTY_ROW);
      }
      rows.push(row);
    } else emptyRows++;
    row = undefined;
    col = 0;
  };

  const length = text.length;
  let i = start;
  while (i < length && rows.length + emptyRows < MAX_ROWS) {
    const ch = text.charCodeAt(i);
    if (ch === QUOTE && field === '' && !quoted) {
      // A quoted field: up to the closing quote, "" standing for one quote.
      quoted = true;
      let j = i + 1;
      let piece = '';
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) {
          piece += text.slice(j);
          j = length;
          break;
        }
        piece += text.slice(j, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          piece += '"';
          j = close + 2;
        } else {
          j = close + 1;
          break;
        }
      }
      field = piece;
      i = j;
      continue;
    }
    if (ch === separator) {
      endField();
      i++;
    } else if (ch === LF || ch === CR) {
      endRow();
      i += ch === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    } else {
      // A run of ordinary characters at once.
      let j = i + 1;
      while (j < length) {
        const next = text.charCodeAt(j);
        if (next === separator || next === LF || next === CR) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  // The last record, unless the file ended with a line break.
  if (field !== '' || quoted || col > 0 || row) endRow();
  return rows;
}

/** A field's value: canonical numbers become numbers, everything else stays text ("" is an empty cell). */
function toCell(field: string): Cell {
  if (CANONICAL_NUMBER.test(field) && !THOUSANDS_LOOKALIKE.test(field)) {
    const number = Number(field);
    if (Number.isFinite(number)) return { value: number };
  }
  return { value: field };
}
