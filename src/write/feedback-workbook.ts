import ExcelJS from 'exceljs';
import type { FormSpec } from '../form/schema.js';
import { messageContext, renderMessage } from '../diagnostics/render.js';
import type { FileResult } from '../pipeline/file-result.js';
import { LABELS } from './labels.js';
import { exceljsSink } from './exceljs-sink.js';
import { BOLD, HEADER } from './layout.js';

export const FEEDBACK_SHEET = 'Góp ý';

/**
 * The unit's own workbook, returned with a note on every cell that has a
 * problem and a sheet listing them, ready to send back. When the original
 * cannot be carried over (not .xlsx, or exceljs cannot open it), the feedback
 * workbook holds the list alone.
 */
export async function writeFeedbackWorkbook(result: FileResult, original: Uint8Array, form: FormSpec): Promise<{ bytes: Uint8Array; annotated: boolean }> {
  const context = messageContext(form);
  const problems = result.diagnostics.filter((d) => d.severity !== 'info');
  let workbook = new ExcelJS.Workbook();
  let annotated = false;
  if (result.format === 'xlsx') {
    try {
      await workbook.xlsx.load(original as unknown as ArrayBuffer);
      annotated = true;
    } catch {
      workbook = new ExcelJS.Workbook();
    }
  }
  if (annotated) {
    for (const d of problems) {
      const sheet = d.location.sheet ? workbook.getWorksheet(d.location.sheet) : undefined;
      if (!sheet || !d.location.cell) continue;
      const cell = sheet.getCell(d.location.cell);
      const message = `${LABELS.severity[d.severity]}: ${renderMessage(d, 'vi', context)}`;
      const previous = typeof cell.note === 'string' ? cell.note : '';
      cell.note = previous ? `${previous}\n${message}` : message;
    }
  }
  const existing = workbook.getWorksheet(FEEDBACK_SHEET);
  if (existing) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(FEEDBACK_SHEET);
  sheet.columns = [{ width: 6 }, { width: 16 }, { width: 8 }, { width: 11 }, { width: 90 }];
  const sink = exceljsSink(sheet);
  sink.setCell(1, 1, `${LABELS.feedback.title} ${result.file}`, BOLD);
  const headers = [LABELS.feedback.ordinal, LABELS.checks.sheet, LABELS.checks.cell, LABELS.checks.severity, LABELS.checks.message];
  headers.forEach((h, i) => sink.setCell(3, i + 1, h, HEADER));
  problems.forEach((d, i) => {
    const values = [i + 1, d.location.sheet ?? null, d.location.cell ?? null, LABELS.severity[d.severity], renderMessage(d, 'vi', context)];
    values.forEach((v, c) => sink.setCell(4 + i, c + 1, v, { border: true, vertical: 'top', wrap: c === 4 }));
  });
  // The workbook opens on the feedback sheet, so the unit sees first what to fix.
  workbook.views = [{ activeTab: workbook.worksheets.indexOf(sheet), x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, visibility: 'visible' }];
  const buffer = await workbook.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), annotated };
}
