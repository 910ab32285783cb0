/**
 * Bytes of an .xlsx/.xlsm → Grid, reading only what the rest of the tool needs:
 * package relationships → workbook (sheet names, order, visibility) → its
 * relationships (sheets, shared strings, styles) → shared strings → fonts of
 * cell styles → each worksheet's cells, merges and hidden rows/columns.
 *
 * Every part goes through the bounded unzip (zip.ts) and is parsed as it
 * inflates by our XML scanner (xml/scan-xml.ts), namespaces off: elements
 * are matched by local name, so `x:`-prefixed files and Strict OOXML read
 * like ordinary ones. Browser-safe: no Node APIs, text decoded with
 * TextDecoder.
 */
import { columnName, type Cell, type CellFont, type CellValue, type Grid, type Range, type Sheet } from '../grid.js';
import { LEGACY_FONT_NAME_OVERLAP, mayBeLegacyText, mayNameLegacyFont } from '../vietnamese-text.js';
import { XmlScanner, type XmlEvents } from '../xml/scan-xml.js';
import { xmlFailure } from '../xml/xml-failure.js';
import { ReadFailure } from './errors.js';
import { resolveLimits, type ReadLimits } from './limits.js';
import { createInflateBudget, inflateEntry, openZip, type InflateBudget, type RawInflate, type ZipArchive, type ZipEntry } from './zip.js';

export interface XlsxReadOptions {
  /** A faster inflate than fflate's, when the host has one. */
  inflateRaw?: RawInflate;
  /**
   * Which cells get their font: every cell with content ('always', the
   * default), or only text that legacy decoding will look at (see
   * mayBeLegacyText), with the styles part not even read when there is none.
   * Fonts serve legacy decoding alone, and the styles part is a seventh of
   * the work of reading a small form.
   */
  fonts?: 'always' | 'for-legacy-text';
}

export function readXlsx(bytes: Uint8Array, limits?: Partial<ReadLimits>, options: XlsxReadOptions = {}): Grid {
  const resolved = resolveLimits(limits);
  checkFileSize(bytes, resolved);
  const archive = openZip(bytes, resolved);
  const context: ReadContext = { archive, budget: createInflateBudget(resolved, options.inflateRaw), cellsLeft: resolved.maxCells, mergedCellsLeft: resolved.maxCells };

  const workbookPart = findWorkbookPart(context);
  const workbook = readWorkbook(context, workbookPart);
  const relationships = readWorkbookRelationships(context, workbookPart, workbook.sheets.length);
  const sharedStrings = relationships.sharedStrings ? readSharedStrings(context, relationships.sharedStrings) : [];
  const fonts: FontAssignment =
    options.fonts === 'for-legacy-text'
      ? { kind: 'later', cells: [] }
      : { kind: 'now', byStyle: relationships.styles ? readCellFonts(context, relationships.styles) : [] };

  const sheets = workbook.sheets.map((declared, index): Sheet => {
    const target = sheetTarget(declared, index, relationships, workbookPart);
    if (target.kind !== 'worksheet') {
      // Chart sheets, dialog sheets, macro sheets: kept for names and order, with no cells.
      return { name: declared.name, hidden: declared.hidden, rows: [], merges: [], hiddenRows: [], hiddenColumns: [] };
    }
    const reader = new WorksheetReader(context, declared.name, sharedStrings, fonts, target.part);
    parseXmlPart(context, target.part, reader);
    return reader.toSheet(declared.hidden);
  });
  if (fonts.kind === 'later' && fonts.cells.length > 0 && relationships.styles && partMayNameLegacyFont(context, relationships.styles)) {
    const byStyle = readCellFonts(context, relationships.styles);
    for (const [cell, style] of fonts.cells) {
      const font = fontOfStyle(byStyle, style);
      if (font) cell.font = font;
    }
  }
  return { sheets };
}

/** Fonts given to cells as they are read, or remembered for the cells that need one and given at the end. */
type FontAssignment =
  | { kind: 'now'; byStyle: readonly (CellFont | undefined)[] }
  | { kind: 'later'; cells: [Cell, string | undefined][] };

/**
 * Every cell with content gets the font of its style, style 0 included:
 * the workbook's default font (".VnTime" and friends) is how legacy
 * Vietnamese encodings are recognised.
 */
function fontOfStyle(byStyle: readonly (CellFont | undefined)[], style: string | undefined): CellFont | undefined {
  if (style !== undefined) {
    const font = byStyle[Number(style)];
    if (font) return font;
  }
  return byStyle[0];
}

/** Where a declared sheet's cells live; a sheet pointing nowhere is damage, not an empty sheet. */
function sheetTarget(declared: DeclaredSheet, index: number, relationships: WorkbookRelationships, workbookPart: string): SheetTarget {
  const target = relationships.byRelationship
    ? declared.relationshipId !== undefined ? relationships.byRelationship.get(declared.relationshipId) : undefined
    : relationships.byPosition[index];
  if (!target) {
    throw new ReadFailure('file-corrupt-xml', {
      entry: workbookPart,
      detail: `sheet "${declared.name}" points to a missing relationship ${declared.relationshipId ?? ''}`.trim(),
    });
  }
  return target;
}

// ---------------------------------------------------------------------------
// Shared plumbing

interface ReadContext {
  readonly archive: ZipArchive;
  readonly budget: InflateBudget;
  /** Cells with a value or formula still allowed, over all sheets. */
  cellsLeft: number;
  /** Cells covered by merges (anchors aside) still allowed, over all sheets. */
  mergedCellsLeft: number;
}

function checkFileSize(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) throw new ReadFailure('file-empty', {});
  if (bytes.length > limits.maxFileBytes) {
    throw new ReadFailure('file-too-large', { actual: bytes.length, limit: limits.maxFileBytes });
  }
}

/** What a part parser gets: element local names (prefix stripped) and text. */
type XmlHandler = XmlEvents;

/** The attribute with this local name, whatever its prefix (`r:id`, `ns1:id`, …). */
function attributeByLocalName(attributes: Record<string, string>, name: string): string | undefined {
  const suffix = `:${name}`;
  for (const key in attributes) if (key.endsWith(suffix)) return attributes[key];
  return attributes[name];
}

function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** SpreadsheetML nests a dozen levels; rich text in a cell a few more. */
export const MAX_XML_DEPTH = 256;

/**
 * Streams one part through the XML scanner as it inflates. A DOCTYPE or
 * ENTITY declaration anywhere is refused outright (entity expansion is how
 * XML bombs work, and no spreadsheet program writes one); so is anything
 * not well-formed, and elements nested deeper than MAX_XML_DEPTH.
 */
function parseXmlPart(context: ReadContext, partName: string, handler: XmlHandler): void {
  const entry = context.archive.find(partName);
  if (!entry) throw new ReadFailure('file-corrupt-zip', { detail: `missing part ${partName}` });
  const scanner = new XmlScanner(handler, { maxDepth: MAX_XML_DEPTH });
  try {
    inflateText(context, entry, (text) => scanner.write(text));
    scanner.close();
  } catch (error) {
    throw xmlFailure(error, entry.name);
  }
}

/**
 * Inflates a part and hands on its text, decoded by its byte-order mark. A
 * part inflated in one piece (most are) is decoded in one call: several
 * times faster than a streaming decode.
 */
function inflateText(context: ReadContext, entry: ZipEntry, onText: (text: string) => void): void {
  let decoder: TextDecoder | undefined;
  inflateEntry(context.archive, entry, context.budget, (chunk, whole) => {
    if (whole) onText(wholeDecoder(xmlEncodingFromBom(chunk)).decode(chunk));
    else {
      decoder ??= new TextDecoder(xmlEncodingFromBom(chunk));
      onText(decoder.decode(chunk, { stream: true }));
    }
  });
  if (decoder) onText(decoder.decode());
}

/** Decoders used without `stream`, which keep nothing from one call to the next: one per encoding will do. */
const wholeDecoders = new Map<string, TextDecoder>();

function wholeDecoder(encoding: string): TextDecoder {
  let decoder = wholeDecoders.get(encoding);
  if (!decoder) wholeDecoders.set(encoding, (decoder = new TextDecoder(encoding)));
  return decoder;
}

/** Parts are UTF-8 unless they start with a UTF-16 byte-order mark (which OOXML allows). */
function xmlEncodingFromBom(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Decodes the `_xHHHH_` escapes OOXML uses for characters XML cannot carry (`_x000D_` is a CR). */
function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ---------------------------------------------------------------------------
// Package and workbook relationships

interface Relationship {
  readonly id: string;
  readonly type: string;
  /** Resolved part name, no leading slash. Undefined for external targets. */
  readonly part: string | undefined;
}

class RelationshipsReader implements XmlHandler {
  readonly relationships: Relationship[] = [];

  constructor(private readonly sourcePart: string) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name !== 'Relationship') return;
    const target = attributes['Target'];
    const external = attributes['TargetMode'] === 'External';
    this.relationships.push({
      id: attributes['Id'] ?? '',
      type: attributes['Type'] ?? '',
      part: external || target === undefined ? undefined : resolveTarget(this.sourcePart, target),
    });
  }

  close(): void {}
  text(): void {}
}

/** Relationship types are matched by suffix, so transitional and Strict (purl.oclc.org) URIs both match. */
function hasType(relationship: Relationship, suffix: string): boolean {
  return relationship.type.endsWith(`/${suffix}`);
}

function readRelationships(context: ReadContext, sourcePart: string): Relationship[] | undefined {
  const relsPart = relationshipsPartFor(sourcePart);
  if (!context.archive.find(relsPart)) return undefined;
  const reader = new RelationshipsReader(sourcePart);
  parseXmlPart(context, relsPart, reader);
  return reader.relationships;
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; the package itself ('') → `_rels/.rels`. */
function relationshipsPartFor(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against the folder of its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  const decoded = safeDecodeUri(target);
  const absolute = decoded.startsWith('/');
  const base = absolute ? [] : sourcePart.split('/').slice(0, -1);
  const segments = [...base];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

function safeDecodeUri(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function findWorkbookPart(context: ReadContext): string {
  const packageRelationships = readRelationships(context, '') ?? [];
  const officeDocument = packageRelationships.find((r) => hasType(r, 'officeDocument') && r.part);
  const part = officeDocument?.part ?? (context.archive.find('xl/workbook.xml') ? 'xl/workbook.xml' : undefined);
  if (!part) throw new ReadFailure('file-not-workbook', { detail: 'no workbook part in the package' });
  if (part.toLowerCase().endsWith('.bin')) throw new ReadFailure('file-not-workbook', { detail: 'binary workbook (.xlsb)' });
  if (!context.archive.find(part)) throw new ReadFailure('file-not-workbook', { detail: `workbook part ${part} is missing` });
  return part;
}

interface SheetTarget {
  readonly kind: 'worksheet' | 'other';
  readonly part: string;
}

interface WorkbookRelationships {
  /** Sheet parts by relationship id; undefined when the workbook has no relationships part. */
  readonly byRelationship: Map<string, SheetTarget> | undefined;
  /** Conventional sheet parts by position, used only when the workbook has no relationships part. */
  readonly byPosition: SheetTarget[];
  readonly sharedStrings: string | undefined;
  readonly styles: string | undefined;
}

const SHEET_RELATIONSHIP_TYPES = ['worksheet', 'chartsheet', 'dialogsheet', 'xlMacrosheet', 'xlIntlMacrosheet'];

function readWorkbookRelationships(context: ReadContext, workbookPart: string, sheetCount: number): WorkbookRelationships {
  const relationships = readRelationships(context, workbookPart);
  if (!relationships) return conventionalRelationships(context, workbookPart, sheetCount);

  const byId = new Map<string, SheetTarget>();
  let sharedStrings: string | undefined;
  let styles: string | undefined;
  for (const relationship of relationships) {
    if (!relationship.part) continue;
    if (hasType(relationship, 'worksheet')) byId.set(relationship.id, { kind: 'worksheet', part: relationship.part });
    else if (SHEET_RELATIONSHIP_TYPES.some((type) => hasType(relationship, type))) byId.set(relationship.id, { kind: 'other', part: relationship.part });
    else if (hasType(relationship, 'sharedStrings')) sharedStrings ??= relationship.part;
    else if (hasType(relationship, 'styles')) styles ??= relationship.part;
  }
  return {
    byRelationship: byId,
    byPosition: [],
    sharedStrings: sharedStrings && context.archive.find(sharedStrings) ? sharedStrings : undefined,
    styles: styles && context.archive.find(styles) ? styles : undefined,
  };
}

/** A workbook without its relationships part: fall back to the names every writer uses. */
function conventionalRelationships(context: ReadContext, workbookPart: string, sheetCount: number): WorkbookRelationships {
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const existing = (part: string) => (context.archive.find(part) ? part : undefined);
  const byPosition: SheetTarget[] = [];
  for (let i = 1; i <= sheetCount; i++) byPosition.push({ kind: 'worksheet', part: `${folder}worksheets/sheet${i}.xml` });
  return {
    byRelationship: undefined,
    byPosition,
    sharedStrings: existing(`${folder}sharedStrings.xml`),
    styles: existing(`${folder}styles.xml`),
  };
}

// ---------------------------------------------------------------------------
// Workbook: sheet names, order and visibility

interface DeclaredSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly relationshipId: string | undefined;
}

class WorkbookReader implements XmlHandler {
  readonly sheets: DeclaredSheet[] = [];
  private sawRoot = false;

  constructor(private readonly part: string) {}

  open(name: string, attributes: Record<string, string>): void {
    if (!this.sawRoot) {
      this.sawRoot = true;
      // The package's main document may be a Word or PowerPoint document: stop at its root.
      if (name !== 'workbook') throw new ReadFailure('file-not-workbook', { detail: `${this.part} is a <${name}>, not a workbook` });
      return;
    }
    if (name !== 'sheet') return;
    const state = attributes['state'];
    this.sheets.push({
      name: attributes['name'] ?? `Sheet${this.sheets.length + 1}`,
      hidden: state === 'hidden' || state === 'veryHidden',
      relationshipId: attributeByLocalName(attributes, 'id'),
    });
  }

  close(): void {}
  text(): void {}
}

function readWorkbook(context: ReadContext, workbookPart: string): WorkbookReader {
  const reader = new WorkbookReader(workbookPart);
  parseXmlPart(context, workbookPart, reader);
  return reader;
}

// ---------------------------------------------------------------------------
// Shared strings: plain <t> and rich-text runs <r><t>, phonetic runs <rPh> skipped

class SharedStringsReader implements XmlHandler {
  readonly strings: string[] = [];
  private current = '';
  private inItem = false;
  private inText = false;
  private phoneticDepth = 0;

  open(name: string): void {
    switch (name) {
      case 'si':
        this.inItem = true;
        this.current = '';
        break;
      case 'rPh':
        this.phoneticDepth++;
        break;
      case 't':
        this.inText = this.inItem && this.phoneticDepth === 0;
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'si':
        this.strings.push(decodeOoxmlEscapes(this.current));
        this.inItem = false;
        break;
      case 'rPh':
        this.phoneticDepth--;
        break;
      case 't':
        this.inText = false;
        break;
    }
  }

  text(text: string): void {
    if (this.inText) this.current += text;
  }
}

function readSharedStrings(context: ReadContext, part: string): string[] {
  const reader = new SharedStringsReader();
  parseXmlPart(context, part, reader);
  return reader.strings;
}

// ---------------------------------------------------------------------------
// Styles: the font of each cell format (cellXfs[i].fontId → fonts[fontId])

class StylesReader implements XmlHandler {
  readonly fonts: CellFont[] = [];
  readonly fontIdByStyle: number[] = [];
  private inFonts = false;
  private inCellFormats = false;
  private font: CellFont | undefined;

  open(name: string, attributes: Record<string, string>): void {
    switch (name) {
      case 'fonts':
        this.inFonts = true;
        return;
      case 'cellXfs':
        this.inCellFormats = true;
        return;
      case 'font':
        // Fonts also appear inside <dxfs> (conditional formats): only <fonts> counts.
        if (this.inFonts) this.font = {};
        return;
      case 'xf':
        if (this.inCellFormats) this.fontIdByStyle.push(Number(attributes['fontId'] ?? 0) || 0);
        return;
    }
    if (!this.font) return;
    if (name === 'name') this.font.name = attributes['val'] ?? '';
    else if (name === 'b' && isOn(attributes['val'])) this.font.bold = true;
    else if (name === 'i' && isOn(attributes['val'])) this.font.italic = true;
  }

  close(name: string): void {
    if (name === 'fonts') this.inFonts = false;
    else if (name === 'cellXfs') this.inCellFormats = false;
    else if (name === 'font' && this.font) {
      this.fonts.push(Object.freeze(this.font));
      this.font = undefined;
    }
  }

  text(): void {}
}

/** `<b/>` and `<b val="1"/>` are on; `<b val="0"/>` and `<b val="false"/>` are off. */
function isOn(value: string | undefined): boolean {
  return value === undefined || (value !== '0' && value !== 'false');
}

/**
 * Looks through a part's text for a legacy font name without parsing it:
 * parsing the styles part was a tenth of reading a small form, and only
 * legacy fonts matter to the cells that are given fonts later.
 */
function partMayNameLegacyFont(context: ReadContext, part: string): boolean {
  const entry = context.archive.find(part);
  if (!entry) return false;
  let found = false;
  let tail = '';
  try {
    inflateText(context, entry, (piece) => {
      if (found) return;
      const text = tail + piece;
      found = mayNameLegacyFont(text);
      tail = text.slice(-LEGACY_FONT_NAME_OVERLAP);
    });
  } catch (error) {
    throw xmlFailure(error, entry.name);
  }
  return found;
}

/** One shared, frozen font per cell format index. */
function readCellFonts(context: ReadContext, part: string): (CellFont | undefined)[] {
  const reader = new StylesReader();
  parseXmlPart(context, part, reader);
  return reader.fontIdByStyle.map((fontId) => reader.fonts[fontId]);
}

// ---------------------------------------------------------------------------
// Worksheets

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** Stands in for rows with no cells, so `rows` has no holes; frozen because it is shared. */
const EMPTY_ROW: (Cell | undefined)[] = Object.freeze([]) as unknown as (Cell | undefined)[];

const enum Collecting {
  Nothing,
  Value,
  Formula,
  InlineText,
}

interface SharedFormula {
  readonly formula: string;
  readonly row: number;
  readonly col: number;
}

/** Formula attributes of the current cell's <f>. */
interface FormulaAttributes {
  type: string | undefined;
  sharedIndex: string | undefined;
  dataTable: Record<string, string> | undefined;
}

class WorksheetReader implements XmlHandler {
  private readonly rows: (Cell | undefined)[][] = [];
  private readonly merges: Range[] = [];
  private readonly hiddenRows: number[] = [];
  /** [first, last] zero-based, as declared: expanded once at the end, so a million <col> elements cost nothing. */
  private readonly hiddenColumnSpans: [number, number][] = [];
  private readonly sharedFormulas = new Map<string, SharedFormula>();

  private inSheetData = false;
  private rowIndex = -1;
  private colIndex = -1;

  // The cell being read.
  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private cellType: string | undefined;
  private cellStyle: string | undefined;
  private collecting = Collecting.Nothing;
  private valueText: string | undefined;
  private formulaText: string | undefined;
  private formula: FormulaAttributes = { type: undefined, sharedIndex: undefined, dataTable: undefined };
  private inlineText: string | undefined;
  private inInlineString = false;
  private phoneticDepth = 0;

  // Scratch output of parseCellReference, to avoid an object per cell.
  private refRow = 0;
  private refCol = 0;

  constructor(
    private readonly context: ReadContext,
    private readonly sheetName: string,
    private readonly sharedStrings: readonly string[],
    private readonly fonts: FontAssignment,
    private readonly part: string,
  ) {}

  open(name: string, attributes: Record<string, string>): void {
    if (this.inCell) {
      this.openInsideCell(name, attributes);
      return;
    }
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        break;
      case 'row':
        if (this.inSheetData) this.openRow(attributes);
        break;
      case 'c':
        if (this.inSheetData) this.openCell(attributes);
        break;
      case 'mergeCell':
        this.addMerge(attributes['ref']);
        break;
      case 'col':
        this.addColumns(attributes);
        break;
    }
  }

  close(name: string): void {
    if (!this.inCell) {
      if (name === 'sheetData') this.inSheetData = false;
      return;
    }
    switch (name) {
      case 'v':
      case 'f':
        this.collecting = Collecting.Nothing;
        break;
      case 't':
        if (this.collecting === Collecting.InlineText) this.collecting = Collecting.Nothing;
        break;
      case 'rPh':
        this.phoneticDepth--;
        break;
      case 'is':
        this.inInlineString = false;
        break;
      case 'c':
        this.closeCell();
        break;
    }
  }

  text(text: string): void {
    switch (this.collecting) {
      case Collecting.Nothing:
        return;
      case Collecting.Value:
        this.valueText = (this.valueText ?? '') + text;
        return;
      case Collecting.Formula:
        this.formulaText = (this.formulaText ?? '') + text;
        return;
      case Collecting.InlineText:
        this.inlineText = (this.inlineText ?? '') + text;
        return;
    }
  }

  private openRow(attributes: Record<string, string>): void {
    const r = attributes['r'];
    // Rows without `r` follow the previous row.
    const index = r !== undefined ? Number(r) - 1 : this.rowIndex + 1;
    if (!Number.isInteger(index) || index < 0 || index >= MAX_ROWS) this.fail(`bad row number "${r ?? ''}"`);
    this.rowIndex = index;
    this.colIndex = -1;
    if (isTrue(attributes['hidden'])) this.hiddenRows.push(index);
  }

  private openCell(attributes: Record<string, string>): void {
    const ref = attributes['r'];
    if (ref !== undefined) {
      if (!this.parseCellReference(ref)) this.fail(`bad cell reference "${ref}"`);
      this.cellRow = this.refRow;
      this.cellCol = this.refCol;
    } else {
      // Cells without `r` follow the previous cell of the row.
      this.cellRow = Math.max(this.rowIndex, 0);
      this.cellCol = this.colIndex + 1;
      if (this.cellCol >= MAX_COLUMNS) this.fail('too many cells in a row');
    }
    this.rowIndex = this.cellRow;
    this.colIndex = this.cellCol;
    this.inCell = true;
    this.cellType = attributes['t'];
    this.cellStyle = attributes['s'];
    this.valueText = undefined;
    this.formulaText = undefined;
    this.formula = { type: undefined, sharedIndex: undefined, dataTable: undefined };
    this.inlineText = undefined;
    this.inInlineString = false;
    this.phoneticDepth = 0;
    this.collecting = Collecting.Nothing;
  }

  private openInsideCell(name: string, attributes: Record<string, string>): void {
    switch (name) {
      case 'v':
        this.collecting = Collecting.Value;
        this.valueText ??= '';
        break;
      case 'f':
        this.collecting = Collecting.Formula;
        this.formulaText ??= '';
        this.formula = {
          type: attributes['t'],
          sharedIndex: attributes['si'],
          dataTable: attributes['t'] === 'dataTable' ? attributes : undefined,
        };
        break;
      case 'is':
        this.inInlineString = true;
        this.inlineText ??= '';
        break;
      case 'rPh':
        this.phoneticDepth++;
        break;
      case 't':
        if (this.inInlineString && this.phoneticDepth === 0) this.collecting = Collecting.InlineText;
        break;
    }
  }

  private closeCell(): void {
    this.inCell = false;
    this.collecting = Collecting.Nothing;
    const formula = this.resolveFormula();
    const value = this.cellValue(formula !== undefined);
    if (value === null && formula === undefined) return; // formatting only: an empty cell

    this.countCell();
    const cell: Cell = { value };
    if (formula !== undefined) cell.formula = formula;
    if (this.fonts.kind === 'now') {
      const font = fontOfStyle(this.fonts.byStyle, this.cellStyle);
      if (font) cell.font = font;
    } else if (typeof value === 'string' && mayBeLegacyText(value)) {
      this.fonts.cells.push([cell, this.cellStyle]);
    }
    const row = (this.rows[this.cellRow] ??= []);
    row[this.cellCol] = cell;
  }

  private countCell(): void {
    if (--this.context.cellsLeft < 0) {
      throw new ReadFailure('file-too-many-cells', { limit: this.context.budget.limits.maxCells, sheet: this.sheetName });
    }
  }

  private cellValue(hasFormula: boolean): CellValue {
    const type = this.cellType;
    if (type === 'inlineStr' && this.inlineText !== undefined) return decodeOoxmlEscapes(this.inlineText);
    const text = this.valueText;
    // No cached result, or an empty one: the file saved no value (distinct from a cached 0).
    if (text === undefined) return null;
    if (text === '') return hasFormula || (type !== 'str' && type !== 'inlineStr') ? null : '';
    switch (type) {
      case 's':
        return this.sharedString(text);
      case 'str':
      case 'inlineStr':
      case 'd':
        return text;
      case 'b':
        return text === '1' || text === 'true';
      case 'e':
        return { error: text };
      default: {
        const number = Number(text);
        return Number.isNaN(number) ? text : number;
      }
    }
  }

  private sharedString(text: string): string {
    const index = Number(text);
    const value = Number.isInteger(index) ? this.sharedStrings[index] : undefined;
    if (value === undefined) this.fail(`shared string ${text} does not exist`);
    return value;
  }

  /** The formula text (no leading '='), shared formulas expanded for the cells that follow the master. */
  private resolveFormula(): string | undefined {
    const text = this.formulaText;
    if (text === undefined) return undefined;
    const { type, sharedIndex, dataTable } = this.formula;
    if (dataTable) return dataTableFormula(dataTable);
    const own = text.startsWith('=') ? text.slice(1) : text;
    if (type !== 'shared' || sharedIndex === undefined) return own === '' ? undefined : own;
    if (own !== '') {
      this.sharedFormulas.set(sharedIndex, { formula: own, row: this.cellRow, col: this.cellCol });
      return own;
    }
    const master = this.sharedFormulas.get(sharedIndex);
    if (!master) return undefined;
    return shiftFormula(master.formula, this.cellRow - master.row, this.cellCol - master.col);
  }

  private addMerge(ref: string | undefined): void {
    if (!ref) return;
    const colon = ref.indexOf(':');
    if (!this.parseCellReference(colon < 0 ? ref : ref.slice(0, colon))) return;
    const top = this.refRow;
    const left = this.refCol;
    if (colon >= 0 && !this.parseCellReference(ref.slice(colon + 1))) return;
    const merge = {
      top: Math.min(top, this.refRow),
      left: Math.min(left, this.refCol),
      bottom: Math.max(top, this.refRow),
      right: Math.max(left, this.refCol),
    };
    // Each cell a merge covers reads as its anchor's value downstream, which
    // costs like a cell: covered cells have a budget of their own, the size of
    // the cell limit, so one merge over the whole sheet (17 billion cells) is
    // refused here, before anything builds a map of it.
    this.context.mergedCellsLeft -= (merge.bottom - merge.top + 1) * (merge.right - merge.left + 1) - 1;
    if (this.context.mergedCellsLeft < 0) {
      throw new ReadFailure('file-too-many-cells', { limit: this.context.budget.limits.maxCells, sheet: this.sheetName });
    }
    this.merges.push(merge);
  }

  private addColumns(attributes: Record<string, string>): void {
    if (!isTrue(attributes['hidden'])) return;
    const min = Number(attributes['min']);
    const max = Number(attributes['max'] ?? attributes['min']);
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1) return;
    if (min > MAX_COLUMNS || max < min) return;
    this.hiddenColumnSpans.push([min - 1, Math.min(max, MAX_COLUMNS) - 1]);
  }

  /** "B12" or "$B$12" → refRow/refCol (zero-based), with a char loop: this runs for every cell. */
  private parseCellReference(ref: string): boolean {
    let col = 0;
    let row = 0;
    let i = 0;
    const length = ref.length;
    if (ref.charCodeAt(i) === 36 /* $ */) i++;
    const lettersStart = i;
    for (; i < length; i++) {
      const code = ref.charCodeAt(i) | 0x20; // lower-case
      if (code < 97 || code > 122) break;
      col = col * 26 + (code - 96);
    }
    if (i === lettersStart || i - lettersStart > 3) return false;
    if (ref.charCodeAt(i) === 36) i++;
    const digitsStart = i;
    for (; i < length; i++) {
      const code = ref.charCodeAt(i);
      if (code < 48 || code > 57) return false;
      row = row * 10 + (code - 48);
    }
    if (i === digitsStart || row < 1 || row > MAX_ROWS || col > MAX_COLUMNS) return false;
    this.refRow = row - 1;
    this.refCol = col - 1;
    return true;
  }

  private fail(detail: string): never {
    throw new ReadFailure('file-corrupt-xml', { entry: this.part, detail });
  }

  /**
   * The sheet as plain data. Rows with no cells become the shared EMPTY_ROW,
   * so `rows` can be iterated without holes; each one is charged to the cell
   * budget, or a workbook of tiny sheets each with one cell at row 1,048,576
   * would cost gigabytes of row slots.
   */
  toSheet(hidden: boolean): Sheet {
    // Built by push: filling the holes of a sparse array in place is many times slower.
    const rows: (Cell | undefined)[][] = [];
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (row === undefined) this.countCell();
      rows.push(row ?? EMPTY_ROW);
    }
    return {
      name: this.sheetName,
      hidden,
      rows,
      merges: this.merges,
      hiddenRows: [...new Set(this.hiddenRows)].sort((a, b) => a - b),
      hiddenColumns: expandSpans(this.hiddenColumnSpans),
    };
  }
}

/** Every index covered by the spans, once, ascending: at most MAX_COLUMNS whatever the spans. */
function expandSpans(spans: [number, number][]): number[] {
  spans.sort((a, b) => a[0] - b[0]);
  const indexes: number[] = [];
  let next = 0;
  for (const [first, last] of spans) {
    for (let index = Math.max(first, next); index <= last; index++) indexes.push(index);
    next = Math.max(next, last + 1);
  }
  return indexes;
}

/** What Excel shows for a what-if data table cell: TABLE(row input, column input). */
function dataTableFormula(attributes: Record<string, string>): string {
  const r1 = attributes['r1'] ?? '';
  const r2 = attributes['r2'] ?? '';
  if (isTrue(attributes['dt2D'])) return `TABLE(${r1},${r2})`;
  return isTrue(attributes['dtr']) ? `TABLE(${r1},)` : `TABLE(,${r1})`;
}

// ---------------------------------------------------------------------------
// Shared formulas: shifting relative references

const enum Char {
  Dollar = 36,
  DoubleQuote = 34,
  SingleQuote = 39,
  OpenParen = 40,
  Colon = 58,
  Bang = 33,
  OpenBracket = 91,
  CloseBracket = 93,
}

/**
 * Moves the relative parts of every A1 reference in `formula` by the given
 * offsets, as Excel does when it fills a shared formula down or across.
 * `$`-absolute parts, string literals, quoted sheet names, structured
 * references and function names are left alone; a reference moved off the
 * sheet becomes #REF!.
 */
export function shiftFormula(formula: string, rowOffset: number, colOffset: number): string {
  if (rowOffset === 0 && colOffset === 0) return formula;
  let out = '';
  let i = 0;
  const length = formula.length;
  while (i < length) {
    const code = formula.charCodeAt(i);
    let end: number;
    if (code === Char.DoubleQuote || code === Char.SingleQuote) end = skipQuoted(formula, i, code);
    else if (code === Char.OpenBracket) end = skipBracketed(formula, i);
    else if (isIdentifierChar(code) || code === Char.Dollar) {
      const reference = matchReference(formula, i, rowOffset, colOffset);
      if (reference) {
        out += reference.text;
        i = reference.end;
        continue;
      }
      end = skipIdentifier(formula, i);
    } else end = i + 1;
    out += formula.slice(i, end);
    i = end;
  }
  return out;
}

function isIdentifierChar(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) ||
    code === 95 /* _ */ || code === 46 /* . */ || code === 92 /* \ */ || code > 127
  );
}

function skipQuoted(text: string, start: number, quote: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text.charCodeAt(i) === quote) {
      if (text.charCodeAt(i + 1) === quote) i += 2; // doubled quote escapes itself
      else return i + 1;
    } else i++;
  }
  return i;
}

function skipBracketed(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === Char.OpenBracket) depth++;
    else if (code === Char.CloseBracket && --depth === 0) return i + 1;
  }
  return text.length;
}

function skipIdentifier(text: string, start: number): number {
  let i = start;
  while (i < text.length && (isIdentifierChar(text.charCodeAt(i)) || text.charCodeAt(i) === Char.Dollar)) i++;
  return i;
}

/** One side of a reference: `$`?letters `$`?digits, either part possibly absent. */
interface ReferencePart {
  end: number;
  col: number; // -1 when absent
  colAbsolute: boolean;
  row: number; // -1 when absent
  rowAbsolute: boolean;
}

function scanReferencePart(text: string, start: number): ReferencePart | null {
  let i = start;
  let colAbsolute = false;
  let rowAbsolute = false;
  let col = -1;
  let row = -1;
  if (text.charCodeAt(i) === Char.Dollar) {
    colAbsolute = true;
    i++;
  }
  const lettersStart = i;
  let letters = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i) | 0x20;
    if (code < 97 || code > 122) break;
    letters = letters * 26 + (code - 96);
    i++;
  }
  if (i - lettersStart > 3) return null;
  if (i > lettersStart) col = letters - 1;
  if (text.charCodeAt(i) === Char.Dollar) {
    if (col < 0 && colAbsolute) return null; // "$$"
    rowAbsolute = true;
    i++;
  } else if (col < 0 && colAbsolute) {
    // "$1": a lone absolute row (as in $1:$3).
    rowAbsolute = true;
    colAbsolute = false;
  }
  const digitsStart = i;
  let digits = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    digits = digits * 10 + (code - 48);
    i++;
  }
  if (i > digitsStart) row = digits - 1;
  else if (rowAbsolute && col >= 0) return null; // "A$" with no row
  if (col < 0 && row < 0) return null;
  if (col >= MAX_COLUMNS || row >= MAX_ROWS) return null;
  // Followed by more name characters, '(' or '!': a name, a function or a sheet, not a reference.
  const next = text.charCodeAt(i);
  if (i < text.length && (isIdentifierChar(next) || next === Char.OpenParen || next === Char.Bang || next === Char.Dollar)) return null;
  return { end: i, col, colAbsolute, row, rowAbsolute };
}

function matchReference(text: string, start: number, rowOffset: number, colOffset: number): { text: string; end: number } | null {
  const first = scanReferencePart(text, start);
  if (!first) return null;
  const isCell = first.col >= 0 && first.row >= 0;
  if (isCell) return { text: formatReferencePart(first, rowOffset, colOffset), end: first.end };

  // Whole columns (A:C) or whole rows (1:3) only exist as ranges.
  if (text.charCodeAt(first.end) !== Char.Colon) return null;
  const second = scanReferencePart(text, first.end + 1);
  if (!second || (second.col >= 0) !== (first.col >= 0) || (second.row >= 0) !== (first.row >= 0)) return null;
  return {
    text: `${formatReferencePart(first, rowOffset, colOffset)}:${formatReferencePart(second, rowOffset, colOffset)}`,
    end: second.end,
  };
}

function formatReferencePart(part: ReferencePart, rowOffset: number, colOffset: number): string {
  let text = '';
  if (part.col >= 0) {
    const col = part.colAbsolute ? part.col : part.col + colOffset;
    if (col < 0 || col >= MAX_COLUMNS) return '#REF!';
    text += (part.colAbsolute ? '$' : '') + columnName(col);
  }
  if (part.row >= 0) {
    const row = part.rowAbsolute ? part.row : part.row + rowOffset;
    if (row < 0 || row >= MAX_ROWS) return '#REF!';
    text += (part.rowAbsolute ? '$' : '') + String(row + 1);
  }
  return text;
}
