/**
 * Bytes of an .xls (BIFF5/BIFF8, or a bare BIFF2–4 stream), .ods or .xlsb →
 * the same Grid the .xlsx reader produces. SheetJS reads the values and
 * formulas; two small side readers supply what SheetJS 0.20.3 drops:
 *
 * - .xls: SheetJS parses FONT records but throws them away, and the XF index
 *   of each cell with them (with `cellStyles` a cell's `s` only ever carries
 *   a fill). A walk over the BIFF record stream reads FONT → XF → each cell's
 *   XF, so every cell gets its font, which is how legacy Vietnamese encodings
 *   (".VnTime", "VNI-Times") are recognised. The same walk counts cells, so
 *   the cell limit is enforced before SheetJS builds anything.
 * - .ods: SheetJS reports neither hidden sheets, hidden rows and columns nor
 *   fonts. content.xml and styles.xml are read through the bounded unzip and
 *   walked with our XML scanner for those, counting cells (with their repeat counts)
 *   before SheetJS would expand a repeated cell a billion times.
 * - .xlsb: fonts and hidden columns are not read.
 *
 * SheetJS trusts what files say, so it only ever sees bytes we have measured
 * and checked. An .xls's compound file is opened by hand (compound-file.ts)
 * and SheetJS gets the bare Workbook stream, with records a form does not
 * need neutralised and the rest checked (biff-guard.ts). An .ods or .xlsb is
 * inflated entry by entry through the bounded unzip, the parts a form does not
 * need are dropped and the binary records checked (package-guard.ts), and
 * SheetJS gets a repacked, stored zip: it never inflates anything. In Node it
 * reads from a Buffer, whose strings it slices instead of looping. What is
 * left (formula tokens, for one) is bounded only by the CLI's per-file time
 * and memory limits.
 *
 * Read-only: SheetJS is only asked to parse (no evaluation, no writing, no
 * VBA, no passwords). It prints warnings on console.error for some ordinary
 * LibreOffice files; those are silenced for the duration of the call.
 *
 * SheetJS is heavy to import: callers load this module with `await import()`.
 * Nothing runs at module top level beyond the imports.
 */
import * as XLSX from '@e965/xlsx';
import { XmlScanner } from '../xml/scan-xml.js';
import { xmlFailure } from '../xml/xml-failure.js';
import type { Cell, CellFont, CellValue, Grid, Range, Sheet } from '../grid.js';
import { ReadFailure } from '../xlsx/errors.js';
import { isCompoundFile, readCompoundStream } from './compound-file.js';
import { guardBiffStream } from './biff-guard.js';
import { guardPackage } from './package-guard.js';
import { resolveLimits, type ReadLimits } from '../xlsx/limits.js';
import { createInflateBudget, inflateEntry, inflateEntryToBytes, openZip, storedZip, type InflateBudget } from '../xlsx/zip.js';

export type SheetJsKind = 'xls' | 'ods' | 'xlsb';

export function readWithSheetJs(bytes: Uint8Array, kind: SheetJsKind, limits?: Partial<ReadLimits>): Grid {
  const resolved = resolveLimits(limits);
  checkFileSize(bytes, resolved);
  let input = bytes;
  let side = NOTHING_LEARNED;
  if (kind === 'xls') {
    // SheetJS is handed the bare record stream, as it reads Excel 2–5 files:
    // nothing else of the compound file reaches it. Its container parser runs
    // out of memory on a looping directory, its summary-property parser loops
    // for billions of rounds on a damaged count, and we need neither.
    const stream = biffStream(bytes);
    side = scanXls(stream, resolved);
    input = guardBiffStream(stream);
  } else {
    // Encrypted ODF parts are ciphertext, not deflate: say so before the unzip calls them corrupt.
    if (kind === 'ods') refuseEncryptedOdsEntries(bytes, resolved);
    const unpacked = unpackBounded(bytes, resolved);
    if (kind === 'ods') side = scanOds(unpacked, resolved);
    input = storedZip(guardPackage(kind, unpacked.entries));
  }
  const workbook = parseQuietly(boundedForSheetJs(input), {
    type: 'array',
    dense: true,
    cellFormula: true,
    // Only BIFF keeps hidden columns behind cellStyles; it also turns on stubs
    // for every formatted blank, which only .xls (uncompressed) bounds by size.
    cellStyles: kind === 'xls',
    cellDates: false,
    cellNF: false,
    cellHTML: false,
    cellText: false,
    sheetStubs: false,
    bookVBA: false,
    WTF: false,
  });
  // Without cellStyles SheetJS drops .xlsb column widths and visibility: unknown, not "none hidden".
  return toGrid(workbook, side, resolved, kind !== 'xlsb');
}

// ---------------------------------------------------------------------------
// Shared plumbing

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** Stands in for rows with no cells, as in the xlsx reader; frozen because it is shared. */
const EMPTY_ROW: (Cell | undefined)[] = Object.freeze([]) as unknown as (Cell | undefined)[];

function checkFileSize(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) throw new ReadFailure('file-empty', {});
  if (bytes.length > limits.maxFileBytes) {
    throw new ReadFailure('file-too-large', { actual: bytes.length, limit: limits.maxFileBytes });
  }
}

/** Cells still allowed over the whole file, and the limit for the message. */
class CellBudget {
  private left: number;

  constructor(private readonly limit: number) {
    this.left = limit;
  }

  take(count: number, sheet: string): void {
    this.left -= count;
    if (this.left < 0) throw new ReadFailure('file-too-many-cells', { limit: this.limit, sheet });
  }
}

/** What the side readers learned about one sheet; undefined fields fall back to SheetJS. */
interface SideSheet {
  readonly name: string;
  readonly hidden?: boolean;
  readonly hiddenRows?: readonly number[];
  readonly hiddenColumns?: readonly number[];
  fontAt(row: number, col: number): CellFont | undefined;
}

interface SideInfo {
  /** In the order SheetJS lists the sheets; undefined when nothing was learned. */
  readonly sheets: readonly SideSheet[] | undefined;
}

const NOTHING_LEARNED: SideInfo = { sheets: undefined };

/**
 * SheetJS reads a string from a Node Buffer by slicing it, which the data's
 * end bounds; from a plain array it loops once per character a length field
 * claims, and a damaged .xlsb claims up to four billion. So where the platform
 * has Buffer (feature-detected: in a browser SheetJS gets the array as is),
 * SheetJS is given a Buffer view of the same bytes, not a copy.
 */
function boundedForSheetJs(bytes: Uint8Array): Uint8Array {
  const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

/** SheetJS reports some oddities of ordinary files on the console: a CLI's output is not the place. */
function parseQuietly(bytes: Uint8Array, options: XLSX.ParsingOptions & { bookVBA?: boolean }): XLSX.WorkBook {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  const quiet = () => {};
  console.error = quiet;
  console.warn = quiet;
  console.log = quiet;
  try {
    return XLSX.read(bytes, options);
  } catch (error) {
    // "File is password-protected", "Unsupported ODS Encryption", …: the clerk's fix is the same.
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) throw new ReadFailure('file-encrypted', {}, message);
    throw error;
  } finally {
    console.error = saved.error;
    console.warn = saved.warn;
    console.log = saved.log;
  }
}

// ---------------------------------------------------------------------------
// SheetJS workbook → Grid

function toGrid(workbook: XLSX.WorkBook, side: SideInfo, limits: ReadLimits, columnsKnown: boolean): Grid {
  const budget = new CellBudget(limits.maxCells);
  const mergedBudget = new CellBudget(limits.maxCells);
  const names = workbook.SheetNames;
  const sheets = names.map((name, index): Sheet => {
    const info = sideSheetFor(side, names, index);
    const worksheet = workbook.Sheets[name];
    const visibility = workbook.Workbook?.Sheets?.[index]?.Hidden;
    const hidden = info?.hidden ?? (visibility !== undefined && visibility !== 0);
    if (!worksheet) return { name, hidden, rows: [], merges: [], hiddenRows: [], hiddenColumns: [] };
    const rows = readRows(worksheet, name, info, budget);
    return {
      name,
      hidden,
      rows,
      merges: readMerges(worksheet, name, mergedBudget),
      hiddenRows: info?.hiddenRows ? [...info.hiddenRows] : hiddenIndexes(worksheet['!rows'], MAX_ROWS),
      hiddenColumns: info?.hiddenColumns ? [...info.hiddenColumns] : columnsKnown ? hiddenIndexes(worksheet['!cols'], MAX_COLUMNS) : undefined,
    };
  });
  return { sheets };
}

/**
 * The side reader's sheet for SheetJS's sheet `index`: by position when both
 * list the same number of sheets (BIFF5 names may be decoded differently),
 * else by name.
 */
function sideSheetFor(side: SideInfo, names: readonly string[], index: number): SideSheet | undefined {
  const sheets = side.sheets;
  if (!sheets) return undefined;
  if (sheets.length === names.length) return sheets[index];
  return sheets.find((sheet) => sheet.name === names[index]);
}

function readRows(worksheet: XLSX.WorkSheet, sheetName: string, info: SideSheet | undefined, budget: CellBudget): (Cell | undefined)[][] {
  const data = worksheet['!data'] as (XLSX.CellObject | undefined)[][] | undefined;
  const rows: (Cell | undefined)[][] = [];
  if (!data) return rows;
  let lastRow = -1;
  for (const r of presentIndexes(data, MAX_ROWS)) {
    const source = data[r];
    if (!source) continue;
    let row: (Cell | undefined)[] | undefined;
    for (const c of presentIndexes(source, MAX_COLUMNS)) {
      const object = source[c];
      if (!object) continue;
      const cell = toCell(object);
      if (!cell) continue;
      budget.take(1, sheetName);
      const font = info?.fontAt(r, c);
      if (font) cell.font = font;
      row ??= [];
      row[c] = cell;
    }
    if (!row) continue;
    // Rows with no cells become the shared EMPTY_ROW, each charged to the budget as in the xlsx reader.
    for (let empty = lastRow + 1; empty < r; empty++) {
      budget.take(1, sheetName);
      rows.push(EMPTY_ROW);
    }
    rows.push(row);
    lastRow = r;
  }
  return rows;
}

/**
 * The indexes below `max` an array holds, ascending. SheetJS's dense rows are
 * sparse arrays whose length a damaged record can set to billions: a long
 * array is walked by its keys, never by its length.
 */
function presentIndexes(array: readonly unknown[], max: number): Iterable<number> {
  if (array.length <= 4096) {
    const indexes: number[] = [];
    for (let i = 0; i < array.length && i < max; i++) if (array[i] !== undefined) indexes.push(i);
    return indexes;
  }
  const indexes: number[] = [];
  for (const key of Object.keys(array)) {
    const index = Number(key);
    if (Number.isInteger(index) && index >= 0 && index < max) indexes.push(index);
  }
  return indexes.sort((a, b) => a - b);
}

/** One SheetJS cell → a Grid cell; undefined for stubs (blank, formatted, or covered by a merge). */
function toCell(object: XLSX.CellObject): Cell | undefined {
  const formula = formulaText(object.f as string | boolean | undefined);
  let value: CellValue;
  switch (object.t) {
    case 'n':
      value = typeof object.v === 'number' ? object.v : Number(object.v);
      break;
    case 's':
      value = object.v === undefined || object.v === null ? '' : String(object.v);
      break;
    case 'b':
      value = object.v === true || object.v === 1 || object.v === 'TRUE' || object.v === 'true';
      break;
    case 'e':
      value = { error: errorText(object) };
      break;
    case 'd':
      value = object.v instanceof Date ? dateToSerial(object.v) : String(object.v ?? '');
      break;
    default:
      value = null;
  }
  if (value === null && formula === undefined) return undefined;
  const cell: Cell = { value };
  if (formula !== undefined) cell.formula = formula;
  return cell;
}

function formulaText(formula: string | boolean | undefined): string | undefined {
  // SheetJS 0.20.3 turns a BIFF formula that is just TRUE or FALSE into a boolean, which then reads "true".
  if (formula === true || formula === 'true') return 'TRUE';
  if (formula === false || formula === 'false') return 'FALSE';
  if (typeof formula !== 'string') return undefined;
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  return text === '' ? undefined : text;
}

/** Excel's error codes, as BIFF and SheetJS number them. */
const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

function errorText(object: XLSX.CellObject): string {
  if (typeof object.w === 'string' && object.w.startsWith('#')) return object.w;
  if (typeof object.v === 'number' && ERROR_TEXT[object.v] !== undefined) return ERROR_TEXT[object.v]!;
  if (typeof object.v === 'string' && object.v.startsWith('#')) return object.v;
  return '#N/A';
}

/** Only reached if a format yields dates despite cellDates: false. 1900 date system. */
function dateToSerial(date: Date): number {
  return (date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Cells covered by merges have their own budget, as in the xlsx reader: one merge may not stand for billions. */
function readMerges(worksheet: XLSX.WorkSheet, sheetName: string, budget: CellBudget): Range[] {
  const merges: Range[] = [];
  for (const source of worksheet['!merges'] ?? []) {
    const range = toRange(source);
    // A merge reaching outside the sheet is damage (a flipped byte made one 4.7 million columns wide).
    if (![range.top, range.left, range.bottom, range.right].every((n) => Number.isInteger(n) && n >= 0)) continue;
    if (range.bottom >= MAX_ROWS || range.right >= MAX_COLUMNS) continue;
    budget.take((range.bottom - range.top + 1) * (range.right - range.left + 1) - 1, sheetName);
    merges.push(range);
  }
  return merges;
}

function toRange(range: XLSX.Range): Range {
  return {
    top: Math.min(range.s.r, range.e.r),
    left: Math.min(range.s.c, range.e.c),
    bottom: Math.max(range.s.r, range.e.r),
    right: Math.max(range.s.c, range.e.c),
  };
}

/**
 * Indexes flagged hidden, below `max`. A damaged row or column record can
 * make SheetJS's array billions long and sparse: only the indexes it holds
 * are visited, never its length.
 */
function hiddenIndexes(infos: readonly (XLSX.RowInfo | XLSX.ColInfo | undefined)[] | undefined, max: number): number[] {
  const indexes: number[] = [];
  if (!infos) return indexes;
  for (const key of Object.keys(infos)) {
    const index = Number(key);
    if (Number.isInteger(index) && index >= 0 && index < max && infos[index]?.hidden) indexes.push(index);
  }
  return indexes.sort((a, b) => a - b);
}

function freezeFont(name: string | undefined, bold: boolean, italic: boolean): CellFont {
  const font: CellFont = {};
  if (name !== undefined) font.name = name;
  if (bold) font.bold = true;
  if (italic) font.italic = true;
  return Object.freeze(font);
}

// ---------------------------------------------------------------------------
// .xlsb and .ods: every zip entry inflated through the bounded unzip first

/** Every entry of a package, inflated and measured, in directory order. */
interface UnpackedPackage {
  readonly entries: readonly { readonly name: string; readonly data: Uint8Array }[];
  /** Lower-cased name → inflated bytes. */
  readonly byName: ReadonlyMap<string, Uint8Array>;
}

/**
 * SheetJS inflates every entry of a zip itself: with no limit, into a buffer
 * sized by the *local* header's declared size, and with an inflater that
 * spins forever (growing its buffer) on a corrupt stream. So SheetJS never
 * inflates anything here: every entry, folders included, goes through the
 * bounded unzip, counted against the same budgets as the xlsx reader, and
 * SheetJS is handed a repacked zip of those measured bytes, all stored.
 */
function unpackBounded(bytes: Uint8Array, limits: ReadLimits): UnpackedPackage {
  const archive = openZip(bytes, limits);
  const budget: InflateBudget = createInflateBudget(limits);
  const entries: { name: string; data: Uint8Array }[] = [];
  const byName = new Map<string, Uint8Array>();
  for (const entry of archive.entries) {
    const chunks: Uint8Array[] = [];
    inflateEntry(archive, entry, budget, (chunk) => chunks.push(chunk));
    const data = concatenate(chunks);
    entries.push({ name: entry.name, data });
    byName.set(entry.name.toLowerCase(), data);
  }
  return { entries, byName };
}

function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}


// ---------------------------------------------------------------------------
// .xls: fonts and a cell count from the BIFF record stream

/**
 * The BIFF stream of an .xls: the `Workbook` (BIFF8) or `Book` (BIFF5) stream
 * of the compound file, or the file itself for a bare BIFF2–4 worksheet.
 */
function biffStream(bytes: Uint8Array): Uint8Array {
  if (!isCompoundFile(bytes)) return bytes;
  const stream = readCompoundStream(bytes, ['Workbook', 'Book']);
  if (!stream) throw new ReadFailure('file-not-workbook', { detail: 'no Workbook stream in the compound file' });
  return stream;
}

/**
 * Reads fonts (FONT), cell formats (XF), sheets (BOUNDSHEET) and each cell's
 * XF index from a BIFF5/BIFF8 stream, counting cells against the limit. A
 * stream it cannot follow (BIFF2–4, encrypted, damaged) yields no fonts and
 * leaves everything to SheetJS; only the cell limit is ever thrown.
 */
function scanXls(stream: Uint8Array, limits: ReadLimits): SideInfo {
  const scan = new BiffScan(stream, new CellBudget(limits.maxCells));
  scan.run();
  return scan.result();
}

const BIFF = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  FONT: 0x0031,
  XF: 0x00e0,
  BOUNDSHEET: 0x0085,
  FORMULA: 0x0006,
  LABELSST: 0x00fd,
  NUMBER: 0x0203,
  RK: 0x027e,
  BOOLERR: 0x0205,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  MULRK: 0x00bd,
} as const;

const BIFF8_VERSION = 0x0600;
const BIFF5_VERSION = 0x0500;
const BIFF_COLUMNS = 256;

interface BoundSheet {
  readonly position: number;
  readonly name: string;
}

/** Per sheet: XF index + 1 of each cell by row (0 = no cell), 256 columns a row. */
type XfGrid = (Uint16Array | undefined)[];

class BiffScan {
  private readonly view: DataView;
  private version = 0;
  private readonly fonts: CellFont[] = [];
  private readonly fontByXf: number[] = [];
  private readonly boundSheets: BoundSheet[] = [];
  private readonly xfBySheetPosition = new Map<number, XfGrid>();
  private usable = true;

  constructor(private readonly stream: Uint8Array, private readonly budget: CellBudget) {
    this.view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  }

  run(): void {
    const length = this.stream.length;
    let depth = 0;
    let inGlobals = false;
    let seenGlobals = false;
    let sheet: { grid: XfGrid; name: string } | undefined;
    for (let at = 0; at + 4 <= length;) {
      const type = this.view.getUint16(at, true);
      const size = this.view.getUint16(at + 2, true);
      const data = at + 4;
      if (data + size > length) break;
      if (type === BIFF.BOF) {
        depth++;
        if (depth === 1) {
          if (!seenGlobals) {
            seenGlobals = true;
            inGlobals = true;
            this.version = size >= 2 ? this.view.getUint16(data, true) : 0;
            if (this.version !== BIFF8_VERSION && this.version !== BIFF5_VERSION) {
              this.usable = false;
              return;
            }
          } else {
            const grid: XfGrid = [];
            this.xfBySheetPosition.set(at, grid);
            sheet = { grid, name: this.boundSheets.find((s) => s.position === at)?.name ?? '' };
          }
        }
      } else if (type === BIFF.EOF) {
        depth--;
        if (depth === 0) {
          inGlobals = false;
          sheet = undefined;
        }
        if (depth < 0) depth = 0;
      } else if (depth === 1 && inGlobals) {
        if (type === BIFF.FILEPASS) {
          // Encrypted: record bodies from here on are ciphertext.
          this.usable = false;
          return;
        }
        this.globalsRecord(type, data, size);
      } else if (depth === 1 && sheet) {
        this.cellRecord(type, data, size, sheet);
      }
      at = data + size;
    }
  }

  private globalsRecord(type: number, data: number, size: number): void {
    switch (type) {
      case BIFF.FONT:
        this.fonts.push(this.readFont(data, size));
        break;
      case BIFF.XF:
        if (size >= 2) this.fontByXf.push(this.view.getUint16(data, true));
        break;
      case BIFF.BOUNDSHEET:
        if (size >= 6) this.boundSheets.push({ position: this.view.getUint32(data, true), name: this.readShortString(data + 6, data + size) });
        break;
    }
  }

  /** FONT: height, flags (bit 1 italic), colour, weight (700 bold), …, then the name at offset 14. */
  private readFont(data: number, size: number): CellFont {
    if (size < 15) return freezeFont(undefined, false, false);
    const flags = this.view.getUint16(data + 2, true);
    const weight = this.view.getUint16(data + 6, true);
    const name = this.readShortString(data + 14, data + size);
    return freezeFont(name, weight >= 600, (flags & 0x02) !== 0);
  }

  /** ShortXLUnicodeString (BIFF8: length, flags, chars) or a BIFF5 byte string (length, bytes). */
  private readShortString(at: number, end: number): string {
    if (at >= end) return '';
    const count = this.stream[at]!;
    if (this.version === BIFF8_VERSION) {
      const flags = this.stream[at + 1] ?? 0;
      const start = at + 2;
      if (flags & 0x01) {
        const bytes = this.stream.subarray(start, Math.min(end, start + count * 2));
        return new TextDecoder('utf-16le').decode(bytes);
      }
      return latin1(this.stream.subarray(start, Math.min(end, start + count)));
    }
    return latin1(this.stream.subarray(at + 1, Math.min(end, at + 1 + count)));
  }

  private cellRecord(type: number, data: number, size: number, sheet: { grid: XfGrid; name: string }): void {
    switch (type) {
      case BIFF.FORMULA:
      case BIFF.LABELSST:
      case BIFF.NUMBER:
      case BIFF.RK:
      case BIFF.BOOLERR:
      case BIFF.LABEL:
      case BIFF.RSTRING:
        if (size < 6) return;
        this.budget.take(1, sheet.name);
        this.setXf(sheet.grid, this.view.getUint16(data, true), this.view.getUint16(data + 2, true), this.view.getUint16(data + 4, true));
        return;
      case BIFF.MULRK: {
        if (size < 6) return;
        const row = this.view.getUint16(data, true);
        const first = this.view.getUint16(data + 2, true);
        const count = Math.floor((size - 4) / 6);
        this.budget.take(count, sheet.name);
        for (let i = 0; i < count; i++) this.setXf(sheet.grid, row, first + i, this.view.getUint16(data + 4 + i * 6, true));
        return;
      }
    }
  }

  private setXf(grid: XfGrid, row: number, col: number, xf: number): void {
    if (col >= BIFF_COLUMNS || xf >= 0xffff) return;
    const cells = (grid[row] ??= new Uint16Array(BIFF_COLUMNS));
    cells[col] = xf + 1;
  }

  /** Sheets in SheetJS's order (by stream position), each with a font lookup. */
  result(): SideInfo {
    if (!this.usable || this.fonts.length === 0) return NOTHING_LEARNED;
    const fontCache = new Map<number, CellFont | undefined>();
    const fontForXf = (xf: number): CellFont | undefined => {
      if (fontCache.has(xf)) return fontCache.get(xf);
      const index = this.fontByXf[xf];
      // Font index 4 does not exist in BIFF: indexes above it are one too high.
      const font = index === undefined ? undefined : this.fonts[index < 4 ? index : index - 1];
      fontCache.set(xf, font);
      return font;
    };
    const sheets = [...this.boundSheets]
      .sort((a, b) => a.position - b.position)
      .map((bound): SideSheet => {
        const grid = this.xfBySheetPosition.get(bound.position) ?? [];
        return {
          name: bound.name,
          fontAt(row, col) {
            const xf = col < BIFF_COLUMNS ? grid[row]?.[col] : undefined;
            return xf ? fontForXf(xf - 1) : undefined;
          },
        };
      });
    return { sheets };
  }
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

// ---------------------------------------------------------------------------
// .ods: sheet visibility, hidden rows and columns, fonts and a cell count

/**
 * A password-protected .ods lists `encryption-data` for its parts in the
 * manifest; the parts themselves are ciphertext, which the unzip would call a
 * corrupt deflate stream.
 */
function refuseEncryptedOdsEntries(bytes: Uint8Array, limits: ReadLimits): void {
  const archive = openZip(bytes, limits);
  const manifest = archive.find('META-INF/manifest.xml');
  if (!manifest) return;
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(inflateEntryToBytes(archive, manifest, createInflateBudget(limits)));
  } catch {
    return; // a damaged manifest is for the unzip to report
  }
  if (text.includes('encryption-data')) throw new ReadFailure('file-encrypted', {}, 'the OpenDocument package is encrypted');
}

function scanOds(unpacked: UnpackedPackage, limits: ReadLimits): SideInfo {
  const content = unpacked.byName.get('content.xml');
  if (!content) return NOTHING_LEARNED; // SheetJS says "missing content.xml"
  const styles = new OdsStyles();
  const stylesXml = unpacked.byName.get('styles.xml');
  if (stylesXml) parseOdsXml(stylesXml, 'styles.xml', new OdsStylesReader(styles, 'common'));
  const reader = new OdsContentReader(styles, new CellBudget(limits.maxCells));
  parseOdsXml(content, 'content.xml', reader);
  return { sheets: reader.sheets.map((sheet) => sheet.toSideSheet(styles)) };
}

/** What the walkers get: element and attribute names without their prefix. */
interface OdsHandler {
  open(name: string, attributes: Map<string, string>): void;
  close(name: string): void;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** ODF nests tables, rows, cells, paragraphs and spans: a few dozen levels at most. */
const MAX_ODS_DEPTH = 256;

/** One XML part through the XML scanner; a DOCTYPE is refused (no spreadsheet program writes one). */
function parseOdsXml(bytes: Uint8Array, entry: string, handler: OdsHandler): void {
  const scanner = new XmlScanner(
    {
      open(name, attributes) {
        const byLocalName = new Map<string, string>();
        for (const key in attributes) {
          const local = localName(key);
          if (!byLocalName.has(local)) byLocalName.set(local, attributes[key]!);
        }
        handler.open(name, byLocalName);
      },
      close: (name) => handler.close(name),
      text: () => undefined,
    },
    { maxDepth: MAX_ODS_DEPTH },
  );
  try {
    scanner.write(new TextDecoder('utf-8').decode(bytes));
    scanner.close();
  } catch (error) {
    throw xmlFailure(error, entry);
  }
}

/** The text properties of one cell style, as declared (undefined = inherit). */
interface DeclaredStyle {
  parent: string | undefined;
  fontName: string | undefined;
  fontFamily: string | undefined;
  bold: boolean | undefined;
  italic: boolean | undefined;
  /** Table styles: table:display="false" hides the sheet. */
  display: boolean | undefined;
}

class OdsStyles {
  readonly fontFaces = new Map<string, string>();
  /** Common (styles.xml) cell styles, by name. */
  readonly common = new Map<string, DeclaredStyle>();
  /** Automatic (content.xml) styles, by family and name. */
  readonly automatic = new Map<string, DeclaredStyle>();
  defaultCell: DeclaredStyle | undefined;
  private readonly resolved = new Map<string, CellFont | undefined>();

  tableHidden(styleName: string | undefined): boolean {
    return styleName !== undefined && this.automatic.get(`table:${styleName}`)?.display === false;
  }

  /** The font a cell style gives, its parent chain and the default cell style filling what it leaves open. */
  fontFor(styleName: string | undefined): CellFont | undefined {
    const key = styleName ?? '';
    if (this.resolved.has(key)) return this.resolved.get(key);
    const chain: DeclaredStyle[] = [];
    let style = styleName !== undefined ? this.automatic.get(`table-cell:${styleName}`) ?? this.common.get(styleName) : this.common.get('Default');
    for (let depth = 0; style && depth < 32; depth++) {
      chain.push(style);
      style = style.parent !== undefined ? this.common.get(style.parent) : undefined;
    }
    if (this.defaultCell) chain.push(this.defaultCell);
    let name: string | undefined;
    let bold: boolean | undefined;
    let italic: boolean | undefined;
    for (const declared of chain) {
      if (name === undefined) {
        if (declared.fontName !== undefined) name = this.fontFaces.get(declared.fontName) ?? declared.fontName;
        else if (declared.fontFamily !== undefined) name = firstFamily(declared.fontFamily);
      }
      bold ??= declared.bold;
      italic ??= declared.italic;
    }
    const font = name === undefined && bold === undefined && italic === undefined ? undefined : freezeFont(name, bold === true, italic === true);
    this.resolved.set(key, font);
    return font;
  }
}

/** `'Times New Roman', serif` → `Times New Roman`. */
function firstFamily(family: string): string {
  const first = family.split(',')[0] ?? '';
  return first.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
}

function isBoldWeight(weight: string | undefined): boolean | undefined {
  if (weight === undefined) return undefined;
  if (weight === 'bold') return true;
  if (weight === 'normal') return false;
  const numeric = Number(weight);
  return Number.isFinite(numeric) ? numeric >= 600 : undefined;
}

function isItalicStyle(style: string | undefined): boolean | undefined {
  if (style === undefined) return undefined;
  return style === 'italic' || style === 'oblique';
}

/** Font faces and cell/table styles, from styles.xml (common) or content.xml (automatic). */
class OdsStylesReader implements OdsHandler {
  private current: DeclaredStyle | undefined;
  private inStyles = 0;

  constructor(private readonly styles: OdsStyles, private readonly where: 'common' | 'automatic') {}

  open(name: string, attributes: Map<string, string>): void {
    switch (name) {
      case 'styles':
      case 'automatic-styles':
        this.inStyles++;
        return;
      case 'font-face': {
        const faceName = attributes.get('name');
        const family = attributes.get('font-family');
        if (faceName !== undefined) this.styles.fontFaces.set(faceName, family !== undefined ? firstFamily(family) : faceName);
        return;
      }
      case 'default-style':
        if (this.inStyles > 0 && attributes.get('family') === 'table-cell') {
          this.current = emptyStyle(undefined);
          this.styles.defaultCell = this.current;
        }
        return;
      case 'style': {
        const family = attributes.get('family');
        const styleName = attributes.get('name');
        if (this.inStyles === 0 || styleName === undefined || (family !== 'table-cell' && family !== 'table')) return;
        this.current = emptyStyle(attributes.get('parent-style-name'));
        if (this.where === 'automatic') this.styles.automatic.set(`${family}:${styleName}`, this.current);
        else if (family === 'table-cell') this.styles.common.set(styleName, this.current);
        return;
      }
      case 'text-properties':
        if (!this.current) return;
        this.current.fontName = attributes.get('font-name') ?? this.current.fontName;
        this.current.fontFamily = attributes.get('font-family') ?? this.current.fontFamily;
        this.current.bold = isBoldWeight(attributes.get('font-weight')) ?? this.current.bold;
        this.current.italic = isItalicStyle(attributes.get('font-style')) ?? this.current.italic;
        return;
      case 'table-properties':
        if (!this.current) return;
        if (attributes.has('display')) this.current.display = attributes.get('display') !== 'false';
        return;
    }
  }

  close(name: string): void {
    if (name === 'styles' || name === 'automatic-styles') this.inStyles--;
    else if (name === 'style' || name === 'default-style') this.current = undefined;
  }
}

function emptyStyle(parent: string | undefined): DeclaredStyle {
  return { parent, fontName: undefined, fontFamily: undefined, bold: undefined, italic: undefined, display: undefined };
}

/** A run of columns or cells sharing a style: [start, end], inclusive. */
interface StyledSpan {
  readonly start: number;
  readonly end: number;
  readonly style: string | undefined;
}

/** Consecutive rows (a repeated row) and the styled cell spans they hold. */
interface RowGroup {
  readonly start: number;
  readonly end: number;
  readonly spans: StyledSpan[];
}

class OdsSheet {
  readonly rowGroups: RowGroup[] = [];
  readonly columns: (StyledSpan & { hidden: boolean })[] = [];
  readonly hiddenRowSpans: [number, number][] = [];

  constructor(readonly name: string, readonly hidden: boolean) {}

  /** Spans are in column order (each starts where the last ended): a binary search, as cells may be millions. */
  columnStyle(col: number): string | undefined {
    let low = 0;
    let high = this.columns.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = this.columns[mid]!;
      if (col < span.start) high = mid - 1;
      else if (col > span.end) low = mid + 1;
      else return span.style;
    }
    return undefined;
  }

  toSideSheet(styles: OdsStyles): SideSheet {
    const groups = this.rowGroups;
    const hiddenColumns: number[] = [];
    for (const span of this.columns) {
      if (!span.hidden) continue;
      for (let col = span.start; col <= span.end && col < MAX_COLUMNS; col++) hiddenColumns.push(col);
    }
    // Rows past the last one holding a cell hide nothing anyone reads: LibreOffice
    // writes a million trailing rows as one repeated row, hidden or not.
    const lastRow = groups.length > 0 ? groups[groups.length - 1]!.end : -1;
    const hiddenRows: number[] = [];
    for (const [start, end] of this.hiddenRowSpans) {
      for (let row = start; row <= Math.min(end, lastRow); row++) hiddenRows.push(row);
    }
    return {
      name: this.name,
      hidden: this.hidden,
      hiddenRows,
      hiddenColumns,
      fontAt(row, col) {
        const group = findGroup(groups, row);
        if (!group) return undefined;
        // Spans are in column order: a binary search, as a row may hold thousands.
        const span = findSpan(group.spans, col);
        return span ? styles.fontFor(span.style) : undefined;
      },
    };
  }
}

function findSpan(spans: readonly StyledSpan[], col: number): StyledSpan | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid]!;
    if (col < span.start) high = mid - 1;
    else if (col > span.end) low = mid + 1;
    else return span;
  }
  return undefined;
}

function findGroup(groups: readonly RowGroup[], row: number): RowGroup | undefined {
  let low = 0;
  let high = groups.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const group = groups[mid]!;
    if (row < group.start) high = mid - 1;
    else if (row > group.end) low = mid + 1;
    else return group;
  }
  return undefined;
}

function repeatCount(value: string | undefined, max: number): number {
  const count = value === undefined ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(count) && count >= 1 ? Math.min(count, max) : 1;
}

const HIDDEN_VISIBILITY = new Set(['collapse', 'filter']);

/**
 * Walks content.xml: automatic styles first (they precede the body), then
 * each table's columns, rows and cells, keeping positions as ODF's repeat
 * attributes move them. A cell counts when it has a value type, a formula or
 * any content, times its row and column repeats: what SheetJS would build.
 */
class OdsContentReader implements OdsHandler {
  readonly sheets: OdsSheet[] = [];
  private readonly stylesReader: OdsStylesReader;
  private sheet: OdsSheet | undefined;
  private columnCursor = 0;
  private rowCursor = 0;
  private row: { repeat: number; style: string | undefined; spans: StyledSpan[] } | undefined;
  private cellCursor = 0;
  private cell: { start: number; repeat: number; style: string | undefined; covered: boolean; content: boolean } | undefined;
  private cellDepth = 0;
  private tableDepth = 0;

  constructor(private readonly styles: OdsStyles, private readonly budget: CellBudget) {
    this.stylesReader = new OdsStylesReader(styles, 'automatic');
  }

  open(name: string, attributes: Map<string, string>): void {
    if (this.cell) {
      this.cellDepth++;
      this.cell.content = true;
      return;
    }
    if (this.tableDepth === 0 && name !== 'table') {
      this.stylesReader.open(name, attributes);
      return;
    }
    switch (name) {
      case 'table':
        if (this.tableDepth++ > 0) return; // a table inside a table (sub-table) is not a sheet
        this.sheet = new OdsSheet(attributes.get('name') ?? `Sheet${this.sheets.length + 1}`, this.styles.tableHidden(attributes.get('style-name')));
        this.sheets.push(this.sheet);
        this.columnCursor = 0;
        this.rowCursor = 0;
        return;
      case 'table-column': {
        if (!this.sheet || this.tableDepth !== 1) return;
        const repeat = repeatCount(attributes.get('number-columns-repeated'), MAX_COLUMNS);
        const start = this.columnCursor;
        this.columnCursor += repeat;
        if (start >= MAX_COLUMNS) return;
        this.sheet.columns.push({
          start,
          end: Math.min(start + repeat, MAX_COLUMNS) - 1,
          style: attributes.get('default-cell-style-name'),
          hidden: HIDDEN_VISIBILITY.has(attributes.get('visibility') ?? ''),
        });
        return;
      }
      case 'table-row': {
        if (!this.sheet || this.tableDepth !== 1) return;
        const repeat = repeatCount(attributes.get('number-rows-repeated'), MAX_ROWS);
        this.row = { repeat, style: attributes.get('default-cell-style-name'), spans: [] };
        this.cellCursor = 0;
        if (HIDDEN_VISIBILITY.has(attributes.get('visibility') ?? '') && this.rowCursor < MAX_ROWS) {
          this.sheet.hiddenRowSpans.push([this.rowCursor, Math.min(this.rowCursor + repeat, MAX_ROWS) - 1]);
        }
        return;
      }
      case 'table-cell':
      case 'covered-table-cell': {
        if (!this.row || this.tableDepth !== 1) return;
        const repeat = repeatCount(attributes.get('number-columns-repeated'), MAX_COLUMNS);
        this.cell = {
          start: this.cellCursor,
          repeat,
          style: attributes.get('style-name'),
          covered: name === 'covered-table-cell',
          content: attributes.has('value-type') || attributes.has('formula'),
        };
        this.cellCursor += repeat;
        this.cellDepth = 0; // a self-closing cell gets its closetag at once
        return;
      }
    }
  }

  close(name: string): void {
    if (this.cell) {
      if (this.cellDepth > 0) {
        this.cellDepth--;
        return;
      }
      this.closeCell();
      return;
    }
    if (this.tableDepth === 0) {
      this.stylesReader.close(name);
      return;
    }
    switch (name) {
      case 'table':
        if (--this.tableDepth === 0) this.sheet = undefined;
        return;
      case 'table-row':
        if (!this.row || this.tableDepth !== 1) return;
        if (this.row.spans.length > 0 && this.sheet && this.rowCursor < MAX_ROWS) {
          this.sheet.rowGroups.push({ start: this.rowCursor, end: Math.min(this.rowCursor + this.row.repeat, MAX_ROWS) - 1, spans: this.row.spans });
        }
        this.rowCursor += this.row.repeat;
        this.row = undefined;
        return;
    }
  }

  private closeCell(): void {
    const cell = this.cell!;
    this.cell = undefined;
    const row = this.row;
    const sheet = this.sheet;
    if (!row || !sheet || cell.covered || !cell.content || cell.start >= MAX_COLUMNS || this.rowCursor >= MAX_ROWS) return;
    const rows = Math.min(row.repeat, MAX_ROWS - this.rowCursor);
    const cols = Math.min(cell.repeat, MAX_COLUMNS - cell.start);
    this.budget.take(rows * cols, sheet.name);
    const style = cell.style ?? row.style ?? sheet.columnStyle(cell.start);
    row.spans.push({ start: cell.start, end: cell.start + cols - 1, style });
  }
}
