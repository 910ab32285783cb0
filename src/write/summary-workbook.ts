import ExcelJS from 'exceljs';
import type { FormSpec, TableSpec } from '../form/schema.js';
import type { Summary, SummaryTable } from '../consolidate/summary.js';
import { renderMessage, messageContext } from '../diagnostics/render.js';
import type { TemplateIdentity } from '../locate/identity.js';
import { columnName } from '../read/grid.js';
import { addIdentitySheet } from './identity-sheet.js';
import { LABELS } from './labels.js';
import { columnWidths, font, printSetup, setText, writeTableHeader, writeTitleBlock, type TitleBlockText } from './layout.js';

export interface SummaryWorkbookOptions {
  issuer?: string;
  placeDate?: string;
  /** Fixed document date, so the same inputs give the same workbook. */
  date?: Date;
}

const COUNT_FORMAT = '#,##0';
const RATE_FORMAT = '0.0%';

/** Summary → the bytes of the summary workbook. Touches no file. */
export async function writeSummaryWorkbook(summary: Summary, form: FormSpec, options: SummaryWorkbookOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const date = options.date ?? new Date(0);
  workbook.creator = 'consolidate';
  workbook.created = date;
  workbook.modified = date;

  const identity: TemplateIdentity = { formId: form.id, formVersion: form.version, unit: options.issuer ?? null, tables: [] };
  writeSummarySheet(workbook, summary, form, options, identity);
  writeReasonsSheet(workbook, summary, form);
  writeSubmissionsSheet(workbook, summary);
  writeChecksSheet(workbook, summary, form);
  writeSourcesSheet(workbook, summary, form);
  addIdentitySheet(workbook, identity);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function writeSummarySheet(
  workbook: ExcelJS.Workbook,
  summary: Summary,
  form: FormSpec,
  options: SummaryWorkbookOptions,
  identity: TemplateIdentity,
): void {
  const sheet = workbook.addWorksheet(LABELS.sheets.summary);
  const widest = Math.max(...form.tables.map((t) => t.columns.length)) + 1;
  const title: TitleBlockText = {
    issuer: options.issuer ?? form.titleBlock.issuer,
    number: form.titleBlock.number,
    subject: form.titleBlock.subject,
    placeDate: options.placeDate ?? form.titleBlock.placeDate,
  };
  let row = writeTitleBlock(sheet, form, title, widest);
  const first = form.tables[0]!;
  sheet.columns = columnWidths(first, form.summary.unitColumn, [14]).map((width) => ({ width }));
  let firstHeader = 0;
  for (const spec of form.tables) {
    const table = summary.tables.find((t) => t.tableId === spec.id)!;
    const headerRow = writeTableHeader(sheet, spec, row, [form.summary.rate.header]);
    if (!firstHeader) firstHeader = headerRow;
    identity.tables.push({ tableId: spec.id, sheet: sheet.name, headerRow: headerRow - 1 });
    row = writeTableRows(sheet, spec, table, form, headerRow + 1) + 2;
  }
  writeSignature(sheet, row, widest);
  sheet.views = [{ state: 'frozen', ySplit: firstHeader, xSplit: 0 }];
  printSetup(sheet);
}

/** Rows, then a totals row of live SUM formulas carrying their cached values. Returns the totals row. */
function writeTableRows(sheet: ExcelJS.Worksheet, spec: TableSpec, table: SummaryTable, form: FormSpec, startRow: number): number {
  const col = (key: string) => spec.columns.findIndex((c) => c.key === key) + 1;
  const rateCol = spec.columns.length + 1;
  const { numerator, denominator } = form.summary.rate;
  let row = startRow;
  table.rows.forEach((summaryRow, i) => {
    for (const [index, column] of spec.columns.entries()) {
      const value = column.type === 'ordinal' ? i + 1 : (summaryRow.values[column.key] ?? null);
      setText(sheet, row, index + 1, value, {
        border: true,
        numFmt: column.type === 'count' ? COUNT_FORMAT : undefined,
        align: { vertical: 'middle', wrapText: column.type === 'text', horizontal: column.type === 'ordinal' ? 'center' : undefined },
      });
    }
    writeRate(sheet, row, rateCol, col(numerator), col(denominator), summaryRow.rate);
    row++;
  });
  const totalsRow = row;
  const lastDataRow = row - 1;
  for (const [index, column] of spec.columns.entries()) {
    const c = index + 1;
    let value: ExcelJS.CellValue = null;
    if (column.key === form.summary.unitColumn) value = form.summary.totalsLabel;
    else if (column.type === 'count') {
      const result = table.totals[column.key] ?? 0;
      value = table.rows.length ? { formula: `SUM(${columnName(c - 1)}${startRow}:${columnName(c - 1)}${lastDataRow})`, result } : result;
    }
    setText(sheet, totalsRow, c, value, {
      font: font({ bold: true }),
      border: true,
      numFmt: column.type === 'count' ? COUNT_FORMAT : undefined,
      align: { vertical: 'middle', horizontal: column.key === form.summary.unitColumn ? 'center' : undefined },
    });
  }
  writeRate(sheet, totalsRow, rateCol, col(numerator), col(denominator), table.rate, true);
  return totalsRow;
}

function writeRate(sheet: ExcelJS.Worksheet, row: number, rateCol: number, numCol: number, denCol: number, rate: number | null, bold = false): void {
  const n = `${columnName(numCol - 1)}${row}`;
  const d = `${columnName(denCol - 1)}${row}`;
  const cell = setText(sheet, row, rateCol, null, { border: true, numFmt: RATE_FORMAT, font: font({ bold }), align: { vertical: 'middle' } });
  cell.value = { formula: `IF(N(${d})>0,${n}/${d},"")`, result: rate ?? '' };
}

function writeSignature(sheet: ExcelJS.Worksheet, row: number, width: number): void {
  setText(sheet, row, 2, LABELS.signature.preparer, { font: font({ bold: true }), align: { horizontal: 'center' } });
  setText(sheet, row + 1, 2, LABELS.signature.signHint, { font: font({ italic: true }), align: { horizontal: 'center' } });
  sheet.mergeCells(row, width - 2, row, width);
  setText(sheet, row, width - 2, LABELS.signature.head, { font: font({ bold: true }), align: { horizontal: 'center' } });
  sheet.mergeCells(row + 1, width - 2, row + 1, width);
  setText(sheet, row + 1, width - 2, LABELS.signature.headHint, { font: font({ italic: true }), align: { horizontal: 'center' } });
}

function writeListSheet(workbook: ExcelJS.Workbook, name: string, headers: { label: string; width: number }[], rows: (string | number | null)[][]): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = headers.map((h) => ({ width: h.width }));
  headers.forEach((h, i) =>
    setText(sheet, 1, i + 1, h.label, { font: font({ bold: true }), border: true, align: { horizontal: 'center', vertical: 'middle', wrapText: true } }),
  );
  rows.forEach((values, r) =>
    values.forEach((value, c) =>
      setText(sheet, r + 2, c + 1, value, { border: true, align: { vertical: 'top', wrapText: typeof value === 'string' }, numFmt: typeof value === 'number' ? COUNT_FORMAT : undefined }),
    ),
  );
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  printSetup(sheet);
}

function tableLabel(form: FormSpec, id: string): string {
  return form.tables.find((t) => t.id === id)?.label ?? id;
}

function writeReasonsSheet(workbook: ExcelJS.Workbook, summary: Summary, form: FormSpec): void {
  const L = LABELS.reasons;
  writeListSheet(
    workbook,
    LABELS.sheets.reasons,
    [
      { label: L.ordinal, width: 6 },
      { label: L.table, width: 22 },
      { label: L.unit, width: 36 },
      { label: L.count, width: 14 },
      { label: L.reason, width: 50 },
      { label: L.file, width: 30 },
    ],
    summary.reasons.map((r, i) => [i + 1, tableLabel(form, r.tableId), r.unit, r.count, r.reason, r.file]),
  );
}

function writeSubmissionsSheet(workbook: ExcelJS.Workbook, summary: Summary): void {
  const L = LABELS.submissions;
  writeListSheet(
    workbook,
    LABELS.sheets.submissions,
    [
      { label: L.ordinal, width: 6 },
      { label: L.file, width: 36 },
      { label: L.unit, width: 36 },
      { label: L.status, width: 22 },
      { label: L.errors, width: 10 },
      { label: L.warnings, width: 12 },
      { label: L.supersededBy, width: 30 },
    ],
    summary.files.map((f, i) => [i + 1, f.file, f.unit, LABELS.status[f.status], f.counts.error, f.counts.warning, f.supersededBy]),
  );
}

function writeChecksSheet(workbook: ExcelJS.Workbook, summary: Summary, form: FormSpec): void {
  const L = LABELS.checks;
  const context = messageContext(form);
  writeListSheet(
    workbook,
    LABELS.sheets.checks,
    [
      { label: L.file, width: 32 },
      { label: L.sheet, width: 14 },
      { label: L.cell, width: 8 },
      { label: L.severity, width: 11 },
      { label: L.code, width: 28 },
      { label: L.message, width: 80 },
    ],
    summary.diagnostics.map((d) => [
      d.location.file,
      d.location.sheet ?? null,
      d.location.cell ?? null,
      LABELS.severity[d.severity],
      d.code,
      renderMessage(d, 'vi', context),
    ]),
  );
}

function writeSourcesSheet(workbook: ExcelJS.Workbook, summary: Summary, form: FormSpec): void {
  const L = LABELS.sources;
  const rows: (string | number | null)[][] = [];
  for (const table of summary.tables) {
    for (const r of table.rows) {
      rows.push([tableLabel(form, table.tableId), String(r.values[form.summary.unitColumn] ?? ''), r.source.file, r.source.sheet, r.source.row]);
    }
  }
  writeListSheet(
    workbook,
    LABELS.sheets.sources,
    [
      { label: L.table, width: 22 },
      { label: L.unit, width: 36 },
      { label: L.file, width: 36 },
      { label: L.sheet, width: 16 },
      { label: L.row, width: 8 },
    ],
    rows,
  );
}
