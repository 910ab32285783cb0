import type { CellStyle, CellValue, PageSetup } from './xlsx/workbook-builder.js';

export type { CellStyle, CellValue, PageSetup };

/**
 * What the layout code needs of a sheet, so the same title block and table
 * headers are drawn by our fast summary writer and, for templates and
 * feedback, by exceljs. Rows are written top to bottom.
 */
export interface SheetSink {
  setCell(row: number, col: number, value: CellValue, style?: CellStyle): void;
  merge(top: number, left: number, bottom: number, right: number): void;
  setRowHeight(row: number, points: number): void;
}

/** A4 landscape, fit to the page width, margins of Nghị định 30 (top/bottom 20 mm, left 30 mm, right 15 mm). */
export const OFFICIAL_PAGE: PageSetup = {
  orientation: 'landscape',
  paper: 'A4',
  fitToWidth: true,
  marginsMm: { left: 30, right: 15, top: 20, bottom: 20 },
};
