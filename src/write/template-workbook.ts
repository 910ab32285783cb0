import ExcelJS from 'exceljs';
import type { FormSpec, TableSpec } from '../form/schema.js';
import type { TemplateIdentity } from '../locate/identity.js';
import { columnName } from '../read/grid.js';
import { repackWithFixedTime } from './deterministic-zip.js';
import { addIdentitySheet } from './identity-sheet.js';
import { LABELS } from './labels.js';
import { applyStyle, exceljsPageSetup, exceljsSink } from './exceljs-sink.js';
import { BOLD, COUNT_FORMAT, columnWidths, writeTableHeader, writeTitleBlock } from './layout.js';
import { OFFICIAL_PAGE } from './sheet-sink.js';

export interface TemplateOptions {
  unit?: string;
  /** Empty rows per table, for units that list their sub-units. */
  rowsPerTable?: number;
  date?: Date;
}

const DEFAULT_ROWS = 10;

/** The form ready to fill, as the bytes of an .xlsx workbook. */
export async function writeTemplateWorkbook(form: FormSpec, options: TemplateOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const date = options.date ?? new Date(0);
  workbook.creator = 'consolidate';
  workbook.created = date;
  workbook.modified = date;
  const sheet = workbook.addWorksheet(LABELS.sheets.template);
  const width = Math.max(...form.tables.map((t) => t.columns.length));
  sheet.columns = columnWidths(form.tables[0]!, form.summary.unitColumn).map((w) => ({ width: w }));
  const sink = exceljsSink(sheet);
  let row = writeTitleBlock(
    sink,
    form,
    {
      issuer: options.unit ?? form.titleBlock.issuer,
      number: form.titleBlock.number,
      subject: form.titleBlock.subject,
      placeDate: form.titleBlock.placeDate,
    },
    width,
  );
  const identity: TemplateIdentity = { formId: form.id, formVersion: form.version, unit: options.unit ?? null, tables: [] };
  const rows = options.rowsPerTable ?? DEFAULT_ROWS;
  for (const table of form.tables) {
    const headerRow = writeTableHeader(sink, table, row);
    identity.tables.push({ tableId: table.id, sheet: sheet.name, headerRow: headerRow - 1 });
    row = writeBlankRows(sheet, table, form, headerRow + 1, rows, options.unit) + 2;
  }
  sink.setCell(row, 2, LABELS.signature.preparer, { ...BOLD, horizontal: 'center' });
  sink.setCell(row, width - 1, LABELS.signature.head, { ...BOLD, horizontal: 'center' });
  // Headers and formulas are locked; the cells a unit fills are not. No password: this guards against slips, not people.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: true });
  exceljsPageSetup(sheet, OFFICIAL_PAGE);
  addIdentitySheet(workbook, identity);
  const buffer = await workbook.xlsx.writeBuffer();
  return repackWithFixedTime(new Uint8Array(buffer as ArrayBuffer), date);
}

/** Empty rows to fill, the derived column as a formula, and a totals row. Returns the totals row. */
function writeBlankRows(sheet: ExcelJS.Worksheet, table: TableSpec, form: FormSpec, start: number, count: number, unit?: string): number {
  const columnOf = (key: string) => columnName(table.columns.findIndex((c) => c.key === key));
  const difference = form.rules.find((r) => r.kind === 'difference');
  for (let r = start; r < start + count; r++) {
    table.columns.forEach((column, i) => {
      const cell = sheet.getCell(r, i + 1);
      applyStyle(cell, { border: true, numFmt: column.type === 'count' ? COUNT_FORMAT : undefined, vertical: 'middle', wrap: column.type === 'text' });
      if (difference && column.key === difference.column) {
        const total = `${columnOf(difference.minuend)}${r}`;
        const registered = `${columnOf(difference.subtrahend)}${r}`;
        cell.value = { formula: `IF(AND(${total}="",${registered}=""),"",N(${total})-N(${registered}))`, result: '' };
        return;
      }
      cell.protection = { locked: false };
      if (column.type === 'count') {
        cell.dataValidation = {
          type: 'whole',
          operator: 'greaterThanOrEqual',
          allowBlank: true,
          showErrorMessage: true,
          formulae: [0],
          errorTitle: column.header.slice(0, 32),
          error: LABELS.template.wholeNumber,
        };
      }
    });
    if (unit && r === start && table.required) sheet.getCell(r, table.columns.findIndex((c) => c.key === form.summary.unitColumn) + 1).value = unit;
  }
  const totals = start + count;
  table.columns.forEach((column, i) => {
    const letter = columnName(i);
    let value: ExcelJS.CellValue = null;
    if (column.key === form.summary.unitColumn) value = form.summary.totalsLabel;
    else if (column.type === 'count') value = { formula: `SUM(${letter}${start}:${letter}${totals - 1})`, result: 0 };
    const cell = sheet.getCell(totals, i + 1);
    cell.value = value;
    applyStyle(cell, { ...BOLD, border: true, numFmt: column.type === 'count' ? COUNT_FORMAT : undefined, horizontal: column.type === 'text' ? 'center' : undefined });
  });
  return totals;
}
