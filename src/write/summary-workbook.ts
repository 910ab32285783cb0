import type { FormSpec, TableSpec } from '../form/schema.js';
import type { Summary, SummaryTable } from '../consolidate/summary.js';
import { renderMessage, messageContext } from '../diagnostics/render.js';
import { IDENTITY_SHEET_NAME, identityRows, type TemplateIdentity } from '../locate/identity.js';
import { columnName } from '../read/grid.js';
import { LABELS } from './labels.js';
import { BOLD, COUNT_FORMAT, columnWidths, fitRowHeight, HEADER, RATE_FORMAT, writeTableHeader, writeTitleBlock, type TitleBlockText } from './layout.js';
import { OFFICIAL_PAGE, type CellStyle, type CellValue } from './sheet-sink.js';
import type { Compression } from './xlsx/compression.js';
import { WorkbookBuilder, type SheetBuilder } from './xlsx/workbook-builder.js';
import { joinChunks } from './xlsx/zip-writer.js';

export interface SummaryWorkbookOptions {
  issuer?: string;
  place?: string;
  /** The date printed on the document (its place-and-date line); the form's blank line when absent. */
  documentDate?: Date;
  /** Timestamp of the workbook's own metadata, fixed from the inputs so the same inputs give the same bytes. */
  date?: Date;
  /** Deflate and CRC-32 for the package (the CLI passes Node's native zlib). */
  compression?: Compression;
}

/**
 * Summary → the bytes of the summary workbook. Touches no file. Written by our
 * own streaming writer: a national roll-up has hundreds of thousands of rows,
 * which exceljs's in-memory writer needs minutes and gigabytes for.
 */
export async function writeSummaryWorkbook(summary: Summary, form: FormSpec, options: SummaryWorkbookOptions = {}): Promise<Uint8Array> {
  return joinChunks(await writeSummaryWorkbookInChunks(summary, form, options));
}

/** The same bytes in the pieces they were made in: at national scale, one copy of tens of megabytes fewer. */
export async function writeSummaryWorkbookInChunks(summary: Summary, form: FormSpec, options: SummaryWorkbookOptions = {}): Promise<Uint8Array[]> {
  const workbook = new WorkbookBuilder({ compression: options.compression });
  const date = options.date ?? new Date(0);
  const identity: TemplateIdentity = { formId: form.id, formVersion: form.version, unit: options.issuer ?? null, tables: [] };
  const placed: PlacedRows = new Map();
  writeSummarySheet(workbook, summary, form, options, identity, placed);
  writeReasonsSheet(workbook, summary, form);
  writeSubmissionsSheet(workbook, summary);
  writeChecksSheet(workbook, summary, form);
  writeSourcesSheet(workbook, summary, form, placed);
  const hidden = workbook.addSheet(IDENTITY_SHEET_NAME, { state: 'veryHidden' });
  identityRows(identity).forEach((values, r) => values.forEach((value, c) => hidden.setCell(r + 1, c + 1, value)));
  return workbook.finishInChunksSettled({ creator: 'consolidate', created: date, modified: date });
}

function writeSummarySheet(
  workbook: WorkbookBuilder,
  summary: Summary,
  form: FormSpec,
  options: SummaryWorkbookOptions,
  identity: TemplateIdentity,
  placed: PlacedRows,
): void {
  const sheet = workbook.addSheet(LABELS.sheets.summary);
  const widest = Math.max(...form.tables.map((t) => t.columns.length)) + 1;
  const widths = columnWidths(form.tables[0]!, form.summary.unitColumn, [14]);
  sheet.setColumnWidths(widths);
  const title: TitleBlockText = {
    issuer: options.issuer ?? form.titleBlock.issuer,
    number: form.titleBlock.number,
    subject: form.titleBlock.subject,
    placeDate: options.documentDate ? placeAndDate(form, options.place ?? form.titleBlock.place, options.documentDate) : form.titleBlock.placeDate,
  };
  let row = writeTitleBlock(sheet, form, title, widest);
  const headers: number[] = [];
  for (const spec of form.tables) {
    const table = summary.tables.find((t) => t.tableId === spec.id)!;
    const headerRow = writeTableHeader(sheet, spec, row, [form.summary.rate.header]);
    headers.push(headerRow);
    identity.tables.push({ tableId: spec.id, sheet: sheet.name, headerRow: headerRow - 1 });
    row = writeTableRows(sheet, spec, table, form, { groups: summary.groups, startRow: headerRow + 1, placed, widths }) + 2;
  }
  writeSignature(sheet, row, widest);
  sheet.freezeRows(headers[0]!);
  sheet.setPageSetup(OFFICIAL_PAGE);
  // A sheet has one set of rows repeated on printed pages: the header of the one table with rows, when only one has any.
  const withRows = form.tables
    .map((spec, i) => ({ header: headers[i]!, rows: summary.tables.find((t) => t.tableId === spec.id)!.rows.length }))
    .filter((t) => t.rows > 0);
  if (withRows.length === 1) sheet.repeatRowsWhenPrinted(withRows[0]!.header, withRows[0]!.header);
}

/**
 * Per table, the row of Tổng hợp each of its rows was written to, by its
 * place in the table (0: not written). Typed arrays, where a map keyed by
 * row was 10 MB at national scale.
 */
type PlacedRows = Map<string, Int32Array>;

interface TableLayout {
  groups: string[];
  startRow: number;
  placed: PlacedRows;
  widths: number[];
}

/**
 * Rows — by roster group with a subtotal each when the roster has groups —
 * then a totals row of live SUM formulas carrying their cached values.
 * Returns the totals row.
 */
function writeTableRows(sheet: SheetBuilder, spec: TableSpec, table: SummaryTable, form: FormSpec, layout: TableLayout): number {
  const col = (key: string) => spec.columns.findIndex((c) => c.key === key) + 1;
  const rateCol = spec.columns.length + 1;
  const rate = { rateCol, numCol: col(form.summary.rate.numerator), denCol: col(form.summary.rate.denominator) };
  const countColumns = spec.columns.filter((c) => c.type === 'count');
  let row = layout.startRow;
  let ordinal = 0;
  const dataRanges: [number, number][] = [];

  // One style object per column, reused for every row: the writer remembers a style by its object.
  const cellStyles: CellStyle[] = spec.columns.map((column) => ({
    border: true,
    numFmt: column.type === 'count' ? COUNT_FORMAT : undefined,
    vertical: 'middle',
    wrap: column.type === 'text',
    horizontal: column.type === 'ordinal' ? 'center' : undefined,
  }));
  const sumStyles: CellStyle[] = spec.columns.map((column) => ({
    font: { bold: true },
    border: true,
    numFmt: column.type === 'count' ? COUNT_FORMAT : undefined,
    vertical: 'middle',
    horizontal: column.key === form.summary.unitColumn ? 'center' : undefined,
    wrap: true,
  }));
  const placedRows = new Int32Array(table.rows.length);
  layout.placed.set(table.tableId, placedRows);
  /** Writes the table's rows at these places in it. */
  const writeRows = (places: Iterable<number>): [number, number] | null => {
    const first = row;
    for (const place of places) {
      const summaryRow = table.rows[place]!;
      for (const [index, column] of spec.columns.entries()) {
        const value = column.type === 'ordinal' ? ++ordinal : (summaryRow.values[column.key] ?? null);
        sheet.setCell(row, index + 1, value, cellStyles[index]);
      }
      writeRate(sheet, row, rate, summaryRow.rate);
      fitRowHeight(
        sheet,
        row,
        spec.columns.map((c, i) => ({ text: c.type === 'text' ? String(summaryRow.values[c.key] ?? '') : '', width: layout.widths[i] ?? 10 })),
      );
      placedRows[place] = row;
      row++;
    }
    if (row === first) return null;
    dataRanges.push([first, row - 1]);
    return [first, row - 1];
  };

  const sumRow = (label: string, ranges: [number, number][], totals: Record<string, number>, rowRate: number | null) => {
    for (const [index, column] of spec.columns.entries()) {
      const c = index + 1;
      let value: CellValue = null;
      if (column.key === form.summary.unitColumn) value = label;
      else if (column.type === 'count') {
        const letter = columnName(c - 1);
        const result = totals[column.key] ?? 0;
        value = ranges.length ? { formula: `SUM(${ranges.map(([a, b]) => `${letter}${a}:${letter}${b}`).join(',')})`, result } : result;
      }
      sheet.setCell(row, c, value, sumStyles[index]);
    }
    writeRate(sheet, row, rate, rowRate, true);
    row++;
  };

  if (layout.groups.length === 0) {
    writeRows(table.rows.keys());
  } else {
    let heading = 0;
    for (const group of [...layout.groups, null]) {
      const places: number[] = [];
      table.rows.forEach((r, place) => {
        if (group === null ? !layout.groups.includes(r.group ?? '') : r.group === group) places.push(place);
      });
      if (places.length === 0) continue;
      const rows = places.map((place) => table.rows[place]!);
      const label = group ?? LABELS.otherGroup;
      // The heading spans TT and ĐƠN VỊ so that, read back, it is a heading and not a unit without figures.
      sheet.merge(row, 1, row, 2);
      sheet.setCell(row, 1, `${romanNumeral(++heading)}. ${label}`, { font: { bold: true }, border: true });
      for (let c = 2; c <= rateCol; c++) sheet.setCell(row, c, null, { border: true });
      row++;
      const range = writeRows(places)!;
      const totals = Object.fromEntries(countColumns.map((column) => [column.key, rows.reduce((s, r) => s + numberOr0(r.values[column.key]), 0)]));
      sumRow(`${form.summary.subtotalLabel} ${label}`, [range], totals, rateOf(totals[form.summary.rate.numerator], totals[form.summary.rate.denominator]));
    }
  }
  const totalsRow = row;
  sumRow(form.summary.totalsLabel, dataRanges, table.totals, table.rate);
  return totalsRow;
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

/** "Hải Phòng, ngày 3 tháng 12 năm 2026", in the words the form uses. */
function placeAndDate(form: FormSpec, place: string, date: Date): string {
  const { day, month, year } = form.dateWords;
  return `${place}, ${day} ${date.getUTCDate()} ${month} ${date.getUTCMonth() + 1} ${year} ${date.getUTCFullYear()}`;
}

function rateOf(numerator: number | undefined, denominator: number | undefined): number | null {
  return numerator !== undefined && denominator ? numerator / denominator : null;
}

function romanNumeral(n: number): string {
  const table: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

const RATE_STYLE: CellStyle = { border: true, numFmt: RATE_FORMAT, vertical: 'middle' };
const RATE_TOTAL_STYLE: CellStyle = { ...RATE_STYLE, font: { bold: true } };

function writeRate(sheet: SheetBuilder, row: number, at: { rateCol: number; numCol: number; denCol: number }, rate: number | null, bold = false): void {
  const n = `${columnName(at.numCol - 1)}${row}`;
  const d = `${columnName(at.denCol - 1)}${row}`;
  sheet.setCell(row, at.rateCol, { formula: `IF(N(${d})>0,${n}/${d},"")`, result: rate ?? '' }, bold ? RATE_TOTAL_STYLE : RATE_STYLE);
}

function writeSignature(sheet: SheetBuilder, row: number, width: number): void {
  const centred = (bold: boolean) => ({ font: bold ? { bold: true } : { italic: true }, horizontal: 'center' as const });
  sheet.setCell(row, 2, LABELS.signature.preparer, centred(true));
  sheet.merge(row, width - 2, row, width);
  sheet.setCell(row, width - 2, LABELS.signature.head, centred(true));
  sheet.setCell(row + 1, 2, LABELS.signature.signHint, centred(false));
  sheet.merge(row + 1, width - 2, row + 1, width);
  sheet.setCell(row + 1, width - 2, LABELS.signature.headHint, centred(false));
}

function writeListSheet(workbook: WorkbookBuilder, name: string, headers: Section['headers'], rows: Section['rows']): void {
  writeSectionsSheet(workbook, name, [{ headers, rows }]);
}

function tableLabel(form: FormSpec, id: string): string {
  return form.tables.find((t) => t.id === id)?.label ?? id;
}

const LIST_TEXT: CellStyle = { border: true, vertical: 'top', wrap: true };
const LIST_NUMBER: CellStyle = { border: true, vertical: 'top', numFmt: COUNT_FORMAT };
const LIST_EMPTY: CellStyle = { border: true, vertical: 'top' };

type ListRow = (string | number | null)[];

interface Section {
  title?: string;
  headers: { label: string; width: number }[];
  /** Made one at a time as they are written: a national roll-up has hundreds of thousands. */
  rows: Iterable<ListRow>;
}

function* lazily<T>(items: readonly T[], row: (item: T, index: number) => ListRow): Generator<ListRow> {
  for (let i = 0; i < items.length; i++) yield row(items[i]!, i);
}

/**
 * A sheet of one or more titled tables, one under the other. A single
 * untitled table gets its header frozen and an autofilter.
 */
function writeSectionsSheet(workbook: WorkbookBuilder, name: string, sections: Section[]): void {
  const sheet = workbook.addSheet(name);
  const widths: number[] = [];
  for (const section of sections) section.headers.forEach((h, i) => (widths[i] = Math.max(widths[i] ?? 0, h.width)));
  sheet.setColumnWidths(widths);
  let row = 1;
  let lastRowCount = 0;
  for (const section of sections) {
    if (section.title) sheet.setCell(row++, 1, section.title, BOLD);
    section.headers.forEach((h, i) => sheet.setCell(row, i + 1, h.label, HEADER));
    row++;
    lastRowCount = 0;
    for (const values of section.rows) {
      values.forEach((value, c) => sheet.setCell(row, c + 1, value, typeof value === 'string' ? LIST_TEXT : typeof value === 'number' ? LIST_NUMBER : LIST_EMPTY));
      row++;
      lastRowCount++;
    }
    row++;
  }
  const only = sections.length === 1 && !sections[0]!.title ? sections[0]! : null;
  if (only) {
    sheet.freezeRows(1);
    sheet.setAutoFilter(1, 1, Math.max(1, lastRowCount + 1), only.headers.length);
  }
  sheet.setPageSetup(OFFICIAL_PAGE);
}

function writeReasonsSheet(workbook: WorkbookBuilder, summary: Summary, form: FormSpec): void {
  const L = LABELS.reasons;
  const analysis = summary.reasonAnalysis;
  const G = LABELS.reasonGroups;
  const C = LABELS.reasonCategories;
  const categoryRows: (string | number | null)[][] = analysis.categories.map((c, i) => [i + 1, c.label, c.rows, c.count]);
  if (analysis.uncategorised > 0) categoryRows.push([categoryRows.length + 1, LABELS.uncategorised, null, analysis.uncategorised]);
  writeSectionsSheet(workbook, LABELS.sheets.reasons, [
    {
      title: LABELS.reasonsSections.all,
      headers: [
        { label: L.ordinal, width: 6 },
        { label: L.table, width: 22 },
        { label: L.unit, width: 36 },
        { label: L.count, width: 14 },
        { label: L.reason, width: 50 },
        { label: L.file, width: 30 },
      ],
      rows: lazily(summary.reasons, (r, i) => [i + 1, tableLabel(form, r.tableId), r.unit, r.count, r.reason, r.file]),
    },
    {
      title: LABELS.reasonsSections.grouped,
      headers: [
        { label: G.ordinal, width: 6 },
        { label: G.reason, width: 22 },
        { label: G.units, width: 36 },
        { label: G.count, width: 14 },
        { label: G.unitNames, width: 50 },
      ],
      rows: lazily(analysis.groups, (g, i) => [i + 1, g.text, g.units.length, g.count, g.units.join('; ')]),
    },
    {
      title: LABELS.reasonsSections.categories,
      headers: [
        { label: C.ordinal, width: 6 },
        { label: C.category, width: 22 },
        { label: C.rows, width: 36 },
        { label: C.count, width: 14 },
      ],
      rows: categoryRows,
    },
  ]);
}

function writeSubmissionsSheet(workbook: WorkbookBuilder, summary: Summary): void {
  const L = LABELS.submissions;
  const files: Section = {
    headers: [
      { label: L.ordinal, width: 6 },
      { label: L.file, width: 36 },
      { label: L.unit, width: 36 },
      { label: L.status, width: 22 },
      { label: L.errors, width: 10 },
      { label: L.warnings, width: 12 },
      { label: L.supersededBy, width: 30 },
    ],
    rows: lazily(summary.files, (f, i) => [i + 1, f.file, f.rosterUnit ?? f.unit, LABELS.status[f.status], f.counts.error, f.counts.warning, f.supersededBy]),
  };
  const c = summary.completeness;
  if (!c) {
    writeSectionsSheet(workbook, LABELS.sheets.submissions, [files]);
    return;
  }
  const R = LABELS.roster;
  const rate = `${(c.reportingRate * 100).toFixed(1).replace('.', ',')}%`;
  const line = R.summaryLine
    .replace('{expected}', String(c.expected))
    .replace('{submitted}', String(c.submitted))
    .replace('{accepted}', String(c.accepted))
    .replace('{rejected}', String(c.rejected))
    .replace('{missing}', String(c.missing.length))
    .replace('{rate}', rate);
  writeSectionsSheet(workbook, LABELS.sheets.submissions, [
    {
      title: line,
      headers: [
        { label: R.ordinal, width: 6 },
        { label: R.unit, width: 36 },
        { label: R.code, width: 10 },
        { label: R.group, width: 20 },
        { label: R.state, width: 20 },
        { label: R.file, width: 32 },
        { label: R.date, width: 12 },
        { label: R.dateSource, width: 20 },
        { label: R.onTime, width: 10 },
        { label: R.superseded, width: 30 },
      ],
      rows: lazily(c.units, (u, i) => [
        i + 1,
        u.unit.name,
        u.unit.code,
        u.unit.group,
        LABELS.unitState[u.state],
        u.file,
        u.date,
        u.dateSource ? LABELS.dateSource[u.dateSource] : null,
        u.onTime === null ? null : u.onTime ? LABELS.yesNo.yes : LABELS.yesNo.no,
        u.superseded.join('; ') || null,
      ]),
    },
    files,
  ]);
}

function writeChecksSheet(workbook: WorkbookBuilder, summary: Summary, form: FormSpec): void {
  const L = LABELS.checks;
  const context = messageContext(form);
  writeListSheet(workbook, LABELS.sheets.checks,
    [
      { label: L.file, width: 32 },
      { label: L.sheet, width: 14 },
      { label: L.cell, width: 8 },
      { label: L.severity, width: 11 },
      { label: L.code, width: 28 },
      { label: L.message, width: 80 },
    ],
    lazily(summary.diagnostics, (d) => [
      d.location.file,
      d.location.sheet ?? null,
      d.location.cell ?? null,
      LABELS.severity[d.severity],
      d.code,
      renderMessage(d, 'vi', context),
    ]),
  );
}

function writeSourcesSheet(workbook: WorkbookBuilder, summary: Summary, form: FormSpec, placed: PlacedRows): void {
  const L = LABELS.sources;
  function* rows(): Generator<ListRow> {
    for (const table of summary.tables) {
      const label = tableLabel(form, table.tableId);
      const placedRows = placed.get(table.tableId);
      for (const [place, r] of table.rows.entries()) {
        yield [label, placedRows?.[place] || null, String(r.values[form.summary.unitColumn] ?? ''), r.source.file, r.source.sheet, r.sourceRow, r.source.sha256];
      }
    }
  }
  writeListSheet(workbook, LABELS.sheets.sources,
    [
      { label: L.table, width: 22 },
      { label: L.summaryRow, width: 10 },
      { label: L.unit, width: 36 },
      { label: L.file, width: 36 },
      { label: L.sheet, width: 16 },
      { label: L.row, width: 8 },
      { label: L.sha256, width: 30 },
    ],
    rows(),
  );
}
