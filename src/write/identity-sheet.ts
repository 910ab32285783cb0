import type ExcelJS from 'exceljs';
import { IDENTITY_SHEET_NAME, identityRows, type TemplateIdentity } from '../locate/identity.js';

/** The hidden, machine-readable identity that `locate` reads before any heuristics. */
export function addIdentitySheet(workbook: ExcelJS.Workbook, identity: TemplateIdentity): void {
  const sheet = workbook.addWorksheet(IDENTITY_SHEET_NAME, { state: 'veryHidden' });
  identityRows(identity).forEach((values, i) => {
    values.forEach((value, j) => {
      sheet.getCell(i + 1, j + 1).value = value;
    });
  });
}
