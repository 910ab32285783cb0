import type { FormSpec, TableSpec } from '../form/schema.js';
import type { CellStyle, CellValue, SheetSink } from './sheet-sink.js';

export interface TitleBlockText {
  issuer: string;
  number: string;
  subject: string;
  placeDate: string;
}

export const BOLD: CellStyle = { font: { bold: true } };
export const HEADER: CellStyle = { font: { bold: true }, horizontal: 'center', vertical: 'middle', wrap: true, border: true };
export const COUNT_FORMAT = '#,##0';
export const RATE_FORMAT = '0.0%';

function mergedLine(sheet: SheetSink, row: number, from: number, to: number, text: CellValue, style: CellStyle): void {
  if (to > from) sheet.merge(row, from, row, to);
  sheet.setCell(row, from, text, { horizontal: 'center', vertical: 'middle', wrap: true, ...style });
}

/**
 * The heading of an official document (Nghị định 30/2020/NĐ-CP): issuing body
 * top left in capitals, Quốc hiệu and Tiêu ngữ top right, then the title.
 * Returns the next free row.
 */
export function writeTitleBlock(sheet: SheetSink, form: FormSpec, text: TitleBlockText, width: number): number {
  const split = Math.max(2, Math.floor(width / 2) - 1);
  mergedLine(sheet, 1, 1, split, text.issuer.toLocaleUpperCase('vi'), BOLD);
  mergedLine(sheet, 1, split + 1, width, form.titleBlock.nationalTitle, BOLD);
  mergedLine(sheet, 2, 1, split, text.number, {});
  // A rule is drawn under the Tiêu ngữ, as long as the line itself: in a cell, an underline is that rule.
  mergedLine(sheet, 2, split + 1, width, form.titleBlock.motto, { font: { bold: true, size: 13, underline: true } });
  mergedLine(sheet, 3, 1, split, text.subject, { font: { size: 11 } });
  mergedLine(sheet, 3, split + 1, width, text.placeDate, { font: { italic: true } });
  sheet.setRowHeight(3, 32);
  mergedLine(sheet, 5, 1, width, form.titleBlock.title, { font: { bold: true, size: 14 } });
  mergedLine(sheet, 6, 1, width, form.titleBlock.subtitle, BOLD);
  sheet.setRowHeight(6, 34);
  return 8;
}

/** A table's heading line and its header row in the form's own words. Returns the header row. */
export function writeTableHeader(sheet: SheetSink, table: TableSpec, row: number, extraHeaders: string[] = []): number {
  sheet.setCell(row, 1, table.heading, BOLD);
  const headerRow = row + 1;
  [...table.columns.map((c) => c.header), ...extraHeaders].forEach((header, i) => sheet.setCell(headerRow, i + 1, header, HEADER));
  sheet.setRowHeight(headerRow, 96);
  return headerRow;
}

export function columnWidths(table: TableSpec, unitKey: string, extra: number[] = []): number[] {
  const widths = table.columns.map((c) => (c.type === 'ordinal' ? 6 : c.type === 'count' ? 17 : c.key === unitKey ? 36 : 34));
  return [...widths, ...extra];
}

const POINTS_PER_LINE = 16;

/**
 * Spreadsheet programs do not always grow a row for wrapped text they did not
 * lay out themselves; a row tall enough for its longest wrapped cell prints whole.
 */
export function fitRowHeight(sheet: SheetSink, row: number, texts: { text: string; width: number }[]): void {
  const lines = Math.max(1, ...texts.map(({ text, width }) => Math.ceil(text.length / Math.max(1, width * 1.05))));
  if (lines > 1) sheet.setRowHeight(row, lines * POINTS_PER_LINE + 2);
}
