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

/** Empty lists are all the same list: ten thousand files have hundreds of thousands of rows with no unreadable cells. */
const NO_COLUMNS: string[] = Object.freeze([]) as unknown as string[];

/**
 * A result that crossed a thread boundary arrives with its own copy of every
 * string. Reasons, TT numbers, cell addresses and sheet names repeat across
 * files: one copy of each is kept, through `pool`, which the caller holds
 * for the run. With the shared empty lists this takes a third off the
 * memory ten thousand results need.
 */
export function shareRepeatedValues(result: FileResult, pool: StringPool): FileResult {
  for (const table of Object.values(result.tables)) {
    if (!table) continue;
    table.sheet = pool.share(table.sheet);
    for (const row of table.rows) {
      const values = row.values;
      for (const key in values) {
        const value = values[key];
        if (typeof value === 'string') values[key] = pool.share(value);
      }
      row.cells = pool.shareCells(row.cells);
      if (row.unreadable.length === 0) row.unreadable = NO_COLUMNS;
    }
  }
  return result;
}

/** One copy of each string seen; bounded, since unit names are mostly met once. */
export class StringPool {
  private readonly strings = new Map<string, string>();
  private readonly cellMaps = new Map<string, Record<string, string>>();

  constructor(private readonly limit = 100_000) {}

  share(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    if (this.strings.size < this.limit) this.strings.set(text, text);
    return text;
  }

  /**
   * A slimmed row's cells are one address ({ unit: "B11" }), and the same few
   * hundred addresses recur in every file: one frozen object for each.
   */
  shareCells(cells: Record<string, string>): Record<string, string> {
    const keys = Object.keys(cells);
    if (keys.length !== 1) {
      for (const key of keys) cells[key] = this.share(cells[key]!);
      return cells;
    }
    const id = `${keys[0]}\u0000${cells[keys[0]!]}`;
    const known = this.cellMaps.get(id);
    if (known) return known;
    const shared = Object.freeze({ [keys[0]!]: this.share(cells[keys[0]!]!) });
    if (this.cellMaps.size < this.limit) this.cellMaps.set(id, shared);
    return shared;
  }
}
