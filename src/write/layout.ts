import type ExcelJS from 'exceljs';
import type { FormSpec, TableSpec } from '../form/schema.js';

/** Nghị định 30/2020/NĐ-CP: administrative documents are set in Times New Roman. */
export const FONT_NAME = 'Times New Roman';
export const BODY_SIZE = 12;

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export interface TitleBlockText {
  issuer: string;
  number: string;
  subject: string;
  placeDate: string;
}

export function font(extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: FONT_NAME, size: BODY_SIZE, ...extra };
}

export function setText(
  sheet: ExcelJS.Worksheet,
  row: number,
  col: number,
  value: ExcelJS.CellValue,
  style: { font?: Partial<ExcelJS.Font>; align?: Partial<ExcelJS.Alignment>; border?: boolean; numFmt?: string } = {},
): ExcelJS.Cell {
  const cell = sheet.getCell(row, col);
  cell.value = value;
  cell.font = style.font ?? font();
  if (style.align) cell.alignment = style.align;
  if (style.border) cell.border = THIN_BORDER;
  if (style.numFmt) cell.numFmt = style.numFmt;
  return cell;
}

function mergedLine(
  sheet: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  f: Partial<ExcelJS.Font>,
  horizontal: ExcelJS.Alignment['horizontal'] = 'center',
): void {
  if (to > from) sheet.mergeCells(row, from, row, to);
  setText(sheet, row, from, text, { font: f, align: { horizontal, vertical: 'middle', wrapText: true } });
}

/**
 * The heading of an official document: issuing body top left, Quốc hiệu and
 * Tiêu ngữ top right, then the title. Returns the next free row.
 */
export function writeTitleBlock(sheet: ExcelJS.Worksheet, form: FormSpec, text: TitleBlockText, width: number): number {
  const split = Math.max(2, Math.floor(width / 2) - 1);
  mergedLine(sheet, 1, 1, split, text.issuer.toLocaleUpperCase('vi'), font({ bold: true }));
  mergedLine(sheet, 1, split + 1, width, form.titleBlock.nationalTitle, font({ bold: true }));
  mergedLine(sheet, 2, 1, split, text.number, font());
  // Nghị định 30: a rule is drawn under the Tiêu ngữ, as long as the line itself; an underline is that rule in a cell.
  mergedLine(sheet, 2, split + 1, width, form.titleBlock.motto, font({ bold: true, size: 13, underline: 'single' }));
  mergedLine(sheet, 3, 1, split, text.subject, font({ size: 11 }));
  mergedLine(sheet, 3, split + 1, width, text.placeDate, font({ italic: true }));
  sheet.getRow(3).height = 32;
  mergedLine(sheet, 5, 1, width, form.titleBlock.title, font({ bold: true, size: 14 }));
  mergedLine(sheet, 6, 1, width, form.titleBlock.subtitle, font({ bold: true }));
  sheet.getRow(6).height = 34;
  return 8;
}

/** A table's heading line and its header row in the form's own words. Returns the header row. */
export function writeTableHeader(sheet: ExcelJS.Worksheet, table: TableSpec, row: number, extraHeaders: string[] = []): number {
  setText(sheet, row, 1, table.heading, { font: font({ bold: true }) });
  const headerRow = row + 1;
  [...table.columns.map((c) => c.header), ...extraHeaders].forEach((header, i) => {
    setText(sheet, headerRow, i + 1, header, {
      font: font({ bold: true }),
      align: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: true,
    });
  });
  sheet.getRow(headerRow).height = 96;
  return headerRow;
}

export function columnWidths(table: TableSpec, unitKey: string, extra: number[] = []): number[] {
  const widths = table.columns.map((c) => (c.type === 'ordinal' ? 6 : c.type === 'count' ? 17 : c.key === unitKey ? 36 : 34));
  return [...widths, ...extra];
}

export function printSetup(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
  };
}

const POINTS_PER_LINE = 16;

/**
 * Spreadsheet programs do not always grow a row for wrapped text they did not
 * lay out themselves; a row tall enough for its longest wrapped cell prints whole.
 */
export function fitRowHeight(sheet: ExcelJS.Worksheet, row: number, texts: { text: string; width: number }[]): void {
  const lines = Math.max(1, ...texts.map(({ text, width }) => Math.ceil(text.length / Math.max(1, width * 1.05))));
  if (lines > 1) sheet.getRow(row).height = lines * POINTS_PER_LINE + 2;
}

/** Repeat these rows at the top of every printed page. */
export function repeatRowsWhenPrinted(sheet: ExcelJS.Worksheet, first: number, last: number): void {
  sheet.pageSetup.printTitlesRow = `${first}:${last}`;
}
