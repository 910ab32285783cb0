import type { Grid } from '../read/grid.js';
import { cellText } from './sheet-view.js';

/**
 * Templates we generate carry a hidden sheet naming the form, its version, the
 * unit and where each table's header is, so reading our own template never
 * depends on heuristics.
 */
export const IDENTITY_SHEET_NAME = '_consolidate';

export interface TemplateIdentity {
  formId: string;
  formVersion: number;
  unit: string | null;
  tables: { tableId: string; sheet: string; headerRow: number }[];
}

export function identityRows(identity: TemplateIdentity): (string | number)[][] {
  return [
    ['form', identity.formId],
    ['version', identity.formVersion],
    ['unit', identity.unit ?? ''],
    ...identity.tables.map((t) => ['table', t.tableId, t.sheet, t.headerRow + 1]),
  ];
}

export function readIdentity(grid: Grid): TemplateIdentity | null {
  const sheet = grid.sheets.find((s) => s.name === IDENTITY_SHEET_NAME);
  if (!sheet) return null;
  const identity: TemplateIdentity = { formId: '', formVersion: 0, unit: null, tables: [] };
  for (const row of sheet.rows) {
    const [key, a, b, c] = (row ?? []).slice(0, 4).map(cellText);
    if (key === 'form') identity.formId = a ?? '';
    else if (key === 'version') identity.formVersion = Number(a);
    else if (key === 'unit') identity.unit = a ? a : null;
    else if (key === 'table' && a && b && Number(c) >= 1) identity.tables.push({ tableId: a, sheet: b, headerRow: Number(c) - 1 });
  }
  return identity.formId ? identity : null;
}
