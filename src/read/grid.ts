/**
 * The Grid is the seam between file formats and everything else: every reader
 * (xlsx, xls, ods, csv) produces it, and nothing after `read` knows which format
 * a file was. Plain data only, so the core can run unchanged in a browser.
 */

export type ErrorValue = { readonly error: string };
export type CellValue = string | number | boolean | ErrorValue | null;

export interface CellFont {
  name?: string;
  bold?: boolean;
  italic?: boolean;
}

export interface Cell {
  /** What the cell shows: for a formula, its cached result (null when the file saved none). */
  value: CellValue;
  /** Formula text without the leading '=' when the cell holds one. */
  formula?: string;
  font?: CellFont;
}

/** Zero-based, inclusive. */
export interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  /** Hidden or very hidden in the workbook. */
  hidden: boolean;
  /** rows[r][c], zero-based; missing entries are empty cells. Only the top-left cell of a merge holds its value. */
  rows: (Cell | undefined)[][];
  merges: Range[];
  hiddenRows?: number[];
  hiddenColumns?: number[];
}

export interface Grid {
  sheets: Sheet[];
}

export function isErrorValue(value: CellValue): value is ErrorValue {
  return typeof value === 'object' && value !== null && 'error' in value;
}

export function cellAt(sheet: Sheet, row: number, col: number): Cell | undefined {
  return sheet.rows[row]?.[col];
}

export function columnName(col: number): string {
  let name = '';
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** A1 address as Excel shows it, from zero-based row and column. */
export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** Parses "B12" (absolute markers allowed) into zero-based coordinates. */
export function parseA1(address: string): { row: number; col: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!match) return null;
  let col = 0;
  for (const ch of match[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

export function sheetWidth(sheet: Sheet): number {
  let width = 0;
  for (const row of sheet.rows) if (row && row.length > width) width = row.length;
  return width;
}

/**
 * Finds the merge covering a cell, so a value typed once for several rows (a
 * reason, a unit) reads for each row it spans. Indexed by row, so its size
 * grows with the merges' heights, not their areas: one merge over a whole
 * sheet costs a million entries, not seventeen billion.
 */
export function mergeIndex(sheet: Sheet): (row: number, col: number) => Range | undefined {
  const byRow = new Map<number, Range[]>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  return (row, col) => byRow.get(row)?.find((m) => col >= m.left && col <= m.right);
}
