import type { ExtractedTable } from '../locate/extract.js';
import type { FileResult } from './file-result.js';

/**
 * What consolidating needs of a checked file, and no more: every row's
 * values and where its unit name sits. Cell addresses of the other columns,
 * and totals rows (already checked), are dropped, so ten thousand results fit
 * in a small fraction of the memory.
 */
export function slimForConsolidation(result: FileResult, unitKey: string): FileResult {
  const tables: Record<string, ExtractedTable | null> = {};
  for (const [id, table] of Object.entries(result.tables)) {
    tables[id] = table && {
      ...table,
      rows: table.rows.map((row) => ({
        sheetRow: row.sheetRow,
        values: row.values,
        cells: row.cells[unitKey] ? { [unitKey]: row.cells[unitKey] } : {},
        unreadable: [],
      })),
      totalsRows: [],
      subtotalRows: [],
    };
  }
  return { ...result, tables };
}
