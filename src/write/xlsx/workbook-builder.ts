/**
 * A narrow, streaming XLSX writer for exactly what the summary workbook uses:
 * values, formulas with cached results, a handful of cell styles, column
 * widths, row heights, merges, a frozen header, an auto-filter, A4 page setup
 * and rows repeated on printed pages.
 *
 * Rows are turned into XML as soon as a higher row is touched and deflated
 * straight away, so memory holds the compressed package, the distinct strings
 * and one row, never the sheet. The same calls give the same bytes: nothing
 * depends on the clock, the time zone or map iteration order.
 *
 * Browser-safe: no Node APIs; the result is a Uint8Array.
 */
import { appPropertiesXml, contentTypesXml, corePropertiesXml, packageRelationshipsXml, workbookRelationshipsXml, workbookXml, type DefinedName, type SheetEntry } from './parts.js';
import { StyleTable, type CellStyle } from './styles.js';
import { SharedStrings } from './shared-strings.js';
import {
  MAX_COLUMNS,
  MAX_ROWS,
  absoluteRangeRef,
  cellText,
  columnLetter,
  escapeAttribute,
  escapeString,
  escapeText,
  formatMeasure,
  formatNumber,
  rangeRef,
  stripIllegalXml,
} from './xml.js';
import { fflateCompression, type Compression } from './compression.js';
import { DeferredHeadEntry, joinChunks, PackageWriter, type DeferredPart } from './zip-writer.js';

export type { CellStyle, FontStyle } from './styles.js';

export type CellValue = string | number | boolean | null | { formula: string; result: number | string };

export interface PageSetup {
  orientation: 'portrait' | 'landscape';
  paper: 'A4';
  /** Fit all columns on one page width, any number of pages tall. */
  fitToWidth?: boolean;
  marginsMm: { left: number; right: number; top: number; bottom: number };
}

export interface SheetOptions {
  state?: 'visible' | 'hidden' | 'veryHidden';
}

export interface WorkbookMeta {
  creator: string;
  created: Date;
  modified: Date;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const WORKSHEET_OPEN =
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
/** Excel's row height for its 12-point Times New Roman default font. */
const DEFAULT_ROW_HEIGHT = 15.75;
const PAPER_A4 = 9;
const MM_PER_INCH = 25.4;
const HEADER_FOOTER_INCHES = 0.3;
const MAX_COLUMN_WIDTH = 255;
const MAX_ROW_HEIGHT = 409;
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F]/;

interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

// What only WorkbookBuilder calls on a sheet: keyed by symbols this module keeps to itself.
const closeSheet = Symbol('closeSheet');
const sheetDefinedNames = Symbol('sheetDefinedNames');

/** What the sheets of one workbook share. */
interface WorkbookContext {
  readonly styles: StyleTable;
  readonly strings: SharedStrings;
  readonly sheets: readonly SheetBuilder[];
}

export class SheetBuilder {
  readonly name: string;
  readonly state: 'visible' | 'hidden' | 'veryHidden';

  private readonly context: WorkbookContext;
  private readonly entry: DeferredHeadEntry;
  private closed = false;

  private columnWidths: readonly number[] = [];
  private frozenRows = 0;
  private pageSetup: PageSetup | undefined;
  private printTitles: { first: number; last: number } | undefined;
  private autoFilter: Merge | undefined;
  private readonly merges = new MergeSet();

  // The row being collected: its cells' XML (see cellXml) by column.
  private row = 0;
  private cells: (string | undefined)[] = [];
  private rowLeft = MAX_COLUMNS + 1;
  private rowRight = 0;

  // Heights of rows not yet written, and those rows in ascending order from `nextHeight`.
  private readonly heights = new Map<number, number>();
  private readonly heightRows: number[] = [];
  private nextHeight = 0;

  // The used range, over the rows written so far.
  private top = 0;
  private left = MAX_COLUMNS + 1;
  private bottom = 0;
  private right = 0;

  /** @internal Sheets are made by WorkbookBuilder.addSheet. */
  constructor(name: string, state: 'visible' | 'hidden' | 'veryHidden', context: WorkbookContext, entry: DeferredHeadEntry) {
    this.name = name;
    this.state = state;
    this.context = context;
    this.entry = entry;
  }

  /**
   * Excel character widths, column 1 first; a hole or `undefined` leaves that
   * column at the default width. May be called at any time before the sheet
   * is finished (the sheet's head is written last).
   */
  setColumnWidths(widths: number[]): void {
    this.checkOpen();
    for (const width of widths) {
      if (width !== undefined && (!Number.isFinite(width) || width <= 0 || width > MAX_COLUMN_WIDTH)) {
        throw new RangeError(`column width ${width} is not a number above 0 and up to ${MAX_COLUMN_WIDTH}`);
      }
    }
    if (widths.length > MAX_COLUMNS) throw new RangeError(`more than ${MAX_COLUMNS} column widths`);
    this.columnWidths = [...widths];
  }

  /**
   * Rows must be written in non-decreasing order; cells within a row in any
   * order (writing a cell again replaces it). Once a higher row is touched,
   * lower rows are final and are written out.
   */
  setCell(row: number, col: number, value: CellValue, style?: CellStyle): void {
    this.checkOpen();
    checkRow(row);
    checkColumn(col);
    if (row !== this.row) {
      if (row < this.row) throw new RangeError(`${this.name}: row ${row} is already written (rows go in order; now at row ${this.row})`);
      this.advanceTo(row);
    }
    const styleIndex = style === undefined ? 0 : this.context.styles.index(style);
    const xml = cellXml(this.context.strings, value, styleIndex, row, col);
    this.cells[col] = xml;
    if (xml !== undefined) {
      if (col < this.rowLeft) this.rowLeft = col;
      if (col > this.rowRight) this.rowRight = col;
    }
  }

  /** A row height in points; for the current row or any later one. */
  setRowHeight(row: number, points: number): void {
    this.checkOpen();
    checkRow(row);
    if (!Number.isFinite(points) || points < 0 || points > MAX_ROW_HEIGHT) throw new RangeError(`row height ${points} is not between 0 and ${MAX_ROW_HEIGHT} points`);
    if (row < this.row) throw new RangeError(`${this.name}: row ${row} is already written (now at row ${this.row})`);
    if (!this.heights.has(row)) {
      // Usually appended in order; otherwise inserted in place.
      let at = this.heightRows.length;
      while (at > this.nextHeight && this.heightRows[at - 1]! > row) at--;
      this.heightRows.splice(at, 0, row);
    }
    this.heights.set(row, points);
  }

  /** Merges a range (1-based, inclusive). Overlapping merges are refused: Excel would have to repair the file. */
  merge(top: number, left: number, bottom: number, right: number): void {
    this.checkOpen();
    const range = checkRange(top, left, bottom, right);
    if (range.top === range.bottom && range.left === range.right) return;
    const other = this.merges.overlapping(range);
    if (other) {
      throw new RangeError(`${this.name}: merge ${rangeRef(range.top, range.left, range.bottom, range.right)} overlaps ${rangeRef(other.top, other.left, other.bottom, other.right)}`);
    }
    this.merges.add(range);
  }

  /** Freezes the panes below this many rows (0 unfreezes). */
  freezeRows(rows: number): void {
    this.checkOpen();
    if (!Number.isInteger(rows) || rows < 0 || rows >= MAX_ROWS) throw new RangeError(`cannot freeze ${rows} rows`);
    this.frozenRows = rows;
  }

  setPageSetup(setup: PageSetup): void {
    this.checkOpen();
    if (setup.paper !== 'A4') throw new RangeError(`unsupported paper "${String(setup.paper)}"`);
    if (setup.orientation !== 'portrait' && setup.orientation !== 'landscape') throw new RangeError(`unknown orientation "${String(setup.orientation)}"`);
    for (const side of ['left', 'right', 'top', 'bottom'] as const) {
      const margin = setup.marginsMm[side];
      if (!Number.isFinite(margin) || margin < 0 || margin > 500) throw new RangeError(`${side} margin ${margin} mm is not between 0 and 500`);
    }
    this.pageSetup = { ...setup, marginsMm: { ...setup.marginsMm } };
  }

  /** Rows first…last (1-based) printed at the top of every page: the sheet's `_xlnm.Print_Titles`. */
  repeatRowsWhenPrinted(first: number, last: number): void {
    this.checkOpen();
    checkRow(first);
    checkRow(last);
    if (last < first) throw new RangeError(`print title rows ${first}–${last} are reversed`);
    this.printTitles = { first, last };
  }

  setAutoFilter(top: number, left: number, bottom: number, right: number): void {
    this.checkOpen();
    this.autoFilter = checkRange(top, left, bottom, right);
  }

  /** The workbook-level names this sheet needs. */
  [sheetDefinedNames](sheetIndex: number): DefinedName[] {
    const names: DefinedName[] = [];
    const quoted = `'${this.name.replace(/'/g, "''")}'`;
    if (this.autoFilter) {
      const { top, left, bottom, right } = this.autoFilter;
      names.push({ name: '_xlnm._FilterDatabase', sheetIndex, formula: `${quoted}!${absoluteRangeRef(top, left, bottom, right)}`, hidden: true });
    }
    if (this.printTitles) {
      names.push({ name: '_xlnm.Print_Titles', sheetIndex, formula: `${quoted}!$${this.printTitles.first}:$${this.printTitles.last}`, hidden: false });
    }
    return names;
  }

  /** Writes what is left; the sheet's compressed part, ready for the package. */
  [closeSheet](): DeferredPart {
    if (this.closed) throw new Error(`sheet "${this.name}" is already finished`);
    this.advanceTo(MAX_ROWS + 1);
    this.closed = true;
    this.entry.write('</sheetData>');
    this.entry.write(this.tailXml());
    return this.entry.close(this.headXml());
  }

  private checkOpen(): void {
    if (this.closed) throw new Error(`sheet "${this.name}" is finished: a sheet is finished when the next one is added`);
  }

  /** Writes the current row, and any rows that only have a height, below `row`. */
  private advanceTo(row: number): void {
    if (this.row > 0) this.writeRow();
    this.writeHeightOnlyRows(row);
    this.row = row;
  }

  private writeHeightOnlyRows(before: number): void {
    while (this.nextHeight < this.heightRows.length && this.heightRows[this.nextHeight]! < before) {
      const row = this.heightRows[this.nextHeight++]!;
      if (row === this.row) continue; // written with its cells
      this.entry.write(`<row r="${row}"${this.heightAttributes(row)}/>`);
    }
    if (this.nextHeight > 1024 && this.nextHeight * 2 > this.heightRows.length) {
      this.heightRows.splice(0, this.nextHeight);
      this.nextHeight = 0;
    }
  }

  private heightAttributes(row: number): string {
    const height = this.heights.get(row);
    if (height === undefined) return '';
    this.heights.delete(row);
    return ` ht="${formatMeasure(height)}" customHeight="1"`;
  }

  private writeRow(): void {
    const row = this.row;
    const heightAttributes = this.heightAttributes(row);
    if (this.rowRight === 0) {
      if (heightAttributes !== '') this.entry.write(`<row r="${row}"${heightAttributes}/>`);
      return;
    }
    const cells = this.cells;
    let xml = `<row r="${row}"${heightAttributes}>`;
    let left = 0;
    let right = 0;
    for (let col = this.rowLeft; col <= this.rowRight; col++) {
      const cell = cells[col];
      if (cell === undefined) continue;
      xml += `<c r="${columnLetter(col)}${row}"${cell}`;
      if (left === 0) left = col;
      right = col;
    }
    if (right === 0) {
      // Every cell of the row was cleared again.
      xml = heightAttributes === '' ? '' : `<row r="${row}"${heightAttributes}/>`;
    } else {
      xml += '</row>';
      if (this.top === 0) this.top = row;
      this.bottom = row;
      if (left < this.left) this.left = left;
      if (right > this.right) this.right = right;
    }
    if (xml !== '') this.entry.write(xml);
    this.cells = [];
    this.rowLeft = MAX_COLUMNS + 1;
    this.rowRight = 0;
  }

  private headXml(): string {
    const parts = [XML_DECLARATION, WORKSHEET_OPEN];
    if (this.pageSetup?.fitToWidth) parts.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    parts.push(`<dimension ref="${this.bottom === 0 ? 'A1' : rangeRef(this.top, this.left, this.bottom, this.right)}"/>`);

    const selected = this.context.sheets.find((sheet) => sheet.state === 'visible') === this ? ' tabSelected="1"' : '';
    if (this.frozenRows > 0) {
      const topLeft = `A${this.frozenRows + 1}`;
      parts.push(
        `<sheetViews><sheetView${selected} workbookViewId="0">`,
        `<pane ySplit="${this.frozenRows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/>`,
        `<selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>`,
        '</sheetView></sheetViews>',
      );
    } else {
      parts.push(`<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`);
    }
    parts.push(`<sheetFormatPr defaultRowHeight="${DEFAULT_ROW_HEIGHT}"/>`);

    const cols: string[] = [];
    this.columnWidths.forEach((width, i) => {
      if (width === undefined || width <= 0) return;
      cols.push(`<col min="${i + 1}" max="${i + 1}" width="${formatMeasure(width)}" customWidth="1"/>`);
    });
    if (cols.length > 0) parts.push('<cols>', ...cols, '</cols>');
    parts.push('<sheetData>');
    return parts.join('');
  }

  private tailXml(): string {
    const parts: string[] = [];
    if (this.autoFilter) {
      const { top, left, bottom, right } = this.autoFilter;
      parts.push(`<autoFilter ref="${rangeRef(top, left, bottom, right)}"/>`);
    }
    const merges = this.merges.all;
    if (merges.length > 0) {
      parts.push(`<mergeCells count="${merges.length}">`);
      for (const { top, left, bottom, right } of merges) parts.push(`<mergeCell ref="${rangeRef(top, left, bottom, right)}"/>`);
      parts.push('</mergeCells>');
    }
    const setup = this.pageSetup;
    if (setup) {
      const inches = (mm: number) => formatMeasure(mm / MM_PER_INCH);
      const { left, right, top, bottom } = setup.marginsMm;
      parts.push(
        `<pageMargins left="${inches(left)}" right="${inches(right)}" top="${inches(top)}" bottom="${inches(bottom)}" header="${HEADER_FOOTER_INCHES}" footer="${HEADER_FOOTER_INCHES}"/>`,
      );
      const fit = setup.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : '';
      parts.push(`<pageSetup paperSize="${PAPER_A4}" orientation="${setup.orientation}"${fit}/>`);
    }
    parts.push('</worksheet>');
    return parts.join('');
  }
}

/** Merges are indexed by bands of 64 rows. */
const BAND_BITS = 6;

/**
 * Merges in insertion order, indexed by bands of rows so that checking a new
 * merge against the others stays cheap when a long sheet has thousands.
 */
class MergeSet {
  readonly all: Merge[] = [];
  private readonly bands = new Map<number, Merge[]>();

  overlapping(range: Merge): Merge | undefined {
    for (let band = range.top >>> BAND_BITS; band <= range.bottom >>> BAND_BITS; band++) {
      for (const other of this.bands.get(band) ?? []) {
        if (range.top <= other.bottom && other.top <= range.bottom && range.left <= other.right && other.left <= range.right) return other;
      }
    }
    return undefined;
  }

  add(range: Merge): void {
    this.all.push(range);
    for (let band = range.top >>> BAND_BITS; band <= range.bottom >>> BAND_BITS; band++) {
      let members = this.bands.get(band);
      if (!members) this.bands.set(band, (members = []));
      members.push(range);
    }
  }
}

/**
 * A cell as XML after its opening `<c r="…"`, which writeRow adds; `undefined`
 * for no cell at all. Every cell carries its reference: the attribute is
 * optional in the schema, but Gnumeric misplaces cells without it.
 */
function cellXml(strings: SharedStrings, value: CellValue, style: number, row: number, col: number): string | undefined {
  const s = style === 0 ? '' : ` s="${style}"`;
  switch (typeof value) {
    case 'string':
      return strings.enabled
        ? `${s} t="s"><v>${strings.index(value)}</v></c>`
        : `${s} t="inlineStr"><is><t xml:space="preserve">${escapeString(cellText(value))}</t></is></c>`;
    case 'number':
      return Number.isFinite(value) ? `${s}><v>${formatNumber(value)}</v></c>` : emptyCell(s);
    case 'boolean':
      return `${s} t="b"><v>${value ? 1 : 0}</v></c>`;
    case 'object':
      return value === null ? emptyCell(s) : formulaCell(s, value, row, col);
    default:
      throw new TypeError(`cell ${columnLetter(col)}${row}: unsupported value ${String(value)}`);
  }
}

function emptyCell(s: string): string | undefined {
  // A styled empty cell keeps its border and format; an unstyled one is no cell at all.
  return s === '' ? undefined : `${s}/>`;
}

function formulaCell(s: string, value: { formula: string; result: number | string }, row: number, col: number): string {
  if (typeof value.formula !== 'string') throw new TypeError(`cell ${columnLetter(col)}${row}: a formula must be text`);
  const text = stripIllegalXml(value.formula.startsWith('=') ? value.formula.slice(1) : value.formula);
  if (text.trim() === '') throw new RangeError(`cell ${columnLetter(col)}${row}: empty formula`);
  const f = `<f>${escapeText(text)}</f>`;
  const result = value.result;
  if (typeof result === 'string') return `${s} t="str">${f}<v>${escapeText(cellText(result))}</v></c>`;
  if (typeof result === 'number' && Number.isFinite(result)) return `${s}>${f}<v>${formatNumber(result)}</v></c>`;
  // No cached value: the program computes it on opening.
  return `${s}>${f}</c>`;
}

function checkRow(row: number): void {
  if (!Number.isInteger(row) || row < 1 || row > MAX_ROWS) throw new RangeError(`row ${row} is not between 1 and ${MAX_ROWS}`);
}

function checkColumn(col: number): void {
  if (!Number.isInteger(col) || col < 1 || col > MAX_COLUMNS) throw new RangeError(`column ${col} is not between 1 and ${MAX_COLUMNS}`);
}

function checkRange(top: number, left: number, bottom: number, right: number): Merge {
  checkRow(top);
  checkRow(bottom);
  checkColumn(left);
  checkColumn(right);
  if (bottom < top || right < left) throw new RangeError(`range ${top},${left}–${bottom},${right} is reversed`);
  return { top, left, bottom, right };
}

/** Excel's rules for a sheet name; the caller controls names, so a bad one is a bug and throws. */
function checkSheetName(name: string, existing: readonly SheetBuilder[]): void {
  if (typeof name !== 'string' || name.length === 0) throw new RangeError('a sheet name cannot be empty');
  if (name.length > 31) throw new RangeError(`sheet name "${name}" is longer than 31 characters`);
  if (FORBIDDEN_IN_SHEET_NAME.test(name)) throw new RangeError(`sheet name "${name}" contains one of [ ] : * ? / \\`);
  if (name.startsWith("'") || name.endsWith("'")) throw new RangeError(`sheet name "${name}" starts or ends with an apostrophe`);
  if (CONTROL_CHARACTER.test(name) || stripIllegalXml(name) !== name) throw new RangeError(`sheet name "${escapeAttribute(name)}" contains a control character`);
  if (name.toUpperCase() === 'HISTORY') throw new RangeError('"History" is a sheet name Excel reserves');
  const folded = name.toUpperCase();
  if (existing.some((sheet) => sheet.name.toUpperCase() === folded)) throw new RangeError(`there is already a sheet named "${name}"`);
}

/** Zip timestamps are DOS local times from 1980 to 2107; fflate takes them from a Date's local fields. */
function zipTime(modified: Date): Date {
  const time = modified.getTime();
  if (!Number.isFinite(time)) throw new RangeError('modified is not a valid date');
  const utc = new Date(Math.min(Math.max(time, Date.UTC(1980, 0, 1)), Date.UTC(2099, 11, 31, 23, 59, 58)));
  // The UTC wall-clock time, so the bytes do not depend on the machine's time zone.
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds());
}

export interface WorkbookBuilderOptions {
  /**
   * 'shared' (default) writes each distinct text once, in xl/sharedStrings.xml;
   * 'inline' writes text in its cells and keeps none of it in memory.
   */
  strings?: 'shared' | 'inline';
  /** Deflate and CRC-32 for the package; fflate unless the host has something faster. */
  compression?: Compression;
}

export class WorkbookBuilder {
  private readonly sheets: SheetBuilder[] = [];
  private readonly parts: DeferredPart[] = [];
  private readonly styles = new StyleTable();
  private readonly strings: SharedStrings;
  private readonly context: WorkbookContext;
  private readonly compression: Compression;
  private finished = false;

  constructor(options: WorkbookBuilderOptions = {}) {
    this.compression = options.compression ?? fflateCompression;
    this.strings = new SharedStrings(options.strings !== 'inline');
    this.context = { styles: this.styles, strings: this.strings, sheets: this.sheets };
  }

  /** Sheets are written in the order added; a sheet is finished when the next one is added or at finish(). */
  addSheet(name: string, options: SheetOptions = {}): SheetBuilder {
    if (this.finished) throw new Error('the workbook is finished');
    checkSheetName(name, this.sheets);
    const state = options.state ?? 'visible';
    if (state !== 'visible' && state !== 'hidden' && state !== 'veryHidden') throw new RangeError(`unknown sheet state "${String(state)}"`);
    this.closeLastSheet();
    const sheet = new SheetBuilder(name, state, this.context, new DeferredHeadEntry(this.compression));
    this.sheets.push(sheet);
    return sheet;
  }

  /** The package; every zip entry is stamped with `modified` (its UTC wall-clock time, clamped to 1980–2099). */
  finish(meta: WorkbookMeta): Uint8Array {
    return joinChunks(this.finishInChunks(meta));
  }

  /** The package in the pieces it was made in, so a large one is never copied into one array. */
  finishInChunks(meta: WorkbookMeta): Uint8Array[] {
    return this.closeParts(meta).finish();
  }

  /** finishInChunks for a compression that hands its output on later (one with `settled`). */
  async finishInChunksSettled(meta: WorkbookMeta): Promise<Uint8Array[]> {
    return this.closeParts(meta).finishSettled();
  }

  /** Every part written and closed, in package order; deflating may still be going on. */
  private closeParts(meta: WorkbookMeta): PackageWriter {
    if (this.finished) throw new Error('the workbook is already finished');
    if (this.sheets.length === 0) throw new Error('a workbook needs at least one sheet');
    if (!this.sheets.some((sheet) => sheet.state === 'visible')) throw new Error('a workbook needs at least one visible sheet');
    const core = corePropertiesXml(meta.creator, meta.created, meta.modified);
    const pack = new PackageWriter(zipTime(meta.modified), this.compression);
    this.finished = true;
    this.closeLastSheet();

    // Sheets were deflated as they were written; the zip needs its timestamp first, so they join it now.
    const sheets: SheetEntry[] = this.sheets.map((sheet, i) => ({ name: sheet.name, state: sheet.state, part: `xl/worksheets/sheet${i + 1}.xml` }));
    sheets.forEach((sheet, i) => pack.addDeferred(sheet.part, this.parts[i]!));
    this.parts.length = 0;

    const hasSharedStrings = this.strings.enabled && this.strings.references > 0;
    if (hasSharedStrings) {
      const entry = pack.openText('xl/sharedStrings.xml');
      this.strings.write((text) => entry.write(text));
      entry.close();
    }
    pack.addText('xl/styles.xml', this.styles.toXml());
    const definedNames = this.sheets.flatMap((sheet, i) => sheet[sheetDefinedNames](i));
    definedNames.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.sheetIndex - b.sheetIndex));
    pack.addText('xl/workbook.xml', workbookXml(sheets, definedNames));
    pack.addText('xl/_rels/workbook.xml.rels', workbookRelationshipsXml(sheets, hasSharedStrings));
    pack.addText('[Content_Types].xml', contentTypesXml(sheets, hasSharedStrings));
    pack.addText('_rels/.rels', packageRelationshipsXml());
    pack.addText('docProps/core.xml', core);
    pack.addText('docProps/app.xml', appPropertiesXml());
    return pack;
  }

  private closeLastSheet(): void {
    const last = this.sheets.at(-1);
    if (last && this.parts.length < this.sheets.length) this.parts.push(last[closeSheet]());
  }
}
