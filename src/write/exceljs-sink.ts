import type ExcelJS from 'exceljs';
import { DEFAULT_FONT_NAME, DEFAULT_FONT_SIZE } from './xlsx/styles.js';
import type { CellStyle, CellValue, PageSetup, SheetSink } from './sheet-sink.js';

const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** An exceljs worksheet seen as a SheetSink, for the workbooks exceljs still writes (templates, feedback). */
export function exceljsSink(sheet: ExcelJS.Worksheet): SheetSink & { cell(row: number, col: number): ExcelJS.Cell } {
  return {
    setCell(row: number, col: number, value: CellValue, style: CellStyle = {}) {
      const cell = sheet.getCell(row, col);
      cell.value = value as ExcelJS.CellValue;
      applyStyle(cell, style);
    },
    merge: (top, left, bottom, right) => sheet.mergeCells(top, left, bottom, right),
    setRowHeight: (row, points) => {
      sheet.getRow(row).height = points;
    },
    cell: (row, col) => sheet.getCell(row, col),
  };
}

export function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  const font = style.font ?? {};
  cell.font = {
    name: font.name ?? DEFAULT_FONT_NAME,
    size: font.size ?? DEFAULT_FONT_SIZE,
    ...(font.bold ? { bold: true } : {}),
    ...(font.italic ? { italic: true } : {}),
    ...(font.underline ? { underline: 'single' as const } : {}),
  };
  if (style.horizontal || style.vertical || style.wrap) {
    cell.alignment = { horizontal: style.horizontal, vertical: style.vertical, wrapText: style.wrap };
  }
  if (style.border) cell.border = THIN_BORDER;
  if (style.numFmt) cell.numFmt = style.numFmt;
}

export function exceljsPageSetup(sheet: ExcelJS.Worksheet, setup: PageSetup): void {
  const inches = (mm: number) => Math.round((mm / 25.4) * 100) / 100;
  sheet.pageSetup = {
    paperSize: 9,
    orientation: setup.orientation,
    fitToPage: setup.fitToWidth ?? false,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: {
      left: inches(setup.marginsMm.left),
      right: inches(setup.marginsMm.right),
      top: inches(setup.marginsMm.top),
      bottom: inches(setup.marginsMm.bottom),
      header: 0.3,
      footer: 0.3,
    },
  };
}
