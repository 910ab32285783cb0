import { cellAt, isErrorValue, mergeIndex, sheetWidth, type Cell, type Sheet } from '../read/grid.js';
import { cleanText } from './normalize.js';

/**
 * A sheet as it looks on screen: a cell covered by a merge shows the merge's
 * value. Built once per sheet; every locate and extract step reads through it.
 */
export interface SheetView {
  sheet: Sheet;
  width: number;
  height: number;
  /** The cell itself, ignoring merges. */
  own(row: number, col: number): Cell | undefined;
  /** The cell that supplies what (row, col) shows: itself, or the top-left of its merge. */
  shown(row: number, col: number): { cell: Cell | undefined; row: number; col: number };
  /** Display text of what (row, col) shows, NFC with collapsed whitespace; '' when blank. */
  text(row: number, col: number): string;
  /**
   * How many columns of `row` can show anything: its own cells, or a merge
   * reaching into it. Loops use this, never the sheet's width, so one stray
   * cell at XFD1048576 does not make every row sixteen thousand cells wide.
   */
  rowWidth(row: number): number;
}

export function viewSheet(sheet: Sheet): SheetView {
  const mergeAt = mergeIndex(sheet);
  const shown = (row: number, col: number) => {
    const merge = mergeAt(row, col);
    const r = merge?.top ?? row;
    const c = merge?.left ?? col;
    return { cell: cellAt(sheet, r, c), row: r, col: c };
  };
  // text() is called for most cells several times: it finds the cell without making an object for it.
  const shownCell = (row: number, col: number) => {
    const merge = mergeAt(row, col);
    return merge ? cellAt(sheet, merge.top, merge.left) : cellAt(sheet, row, col);
  };
  const mergeReach = new Map<number, number>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) mergeReach.set(r, Math.max(mergeReach.get(r) ?? 0, m.right + 1));
  }
  const width = sheetWidth(sheet);
  return {
    sheet,
    width,
    rowWidth: (row) => Math.min(width, Math.max(sheet.rows[row]?.length ?? 0, mergeReach.get(row) ?? 0)),
    height: sheet.rows.length,
    own: (row, col) => cellAt(sheet, row, col),
    shown,
    text: (row, col) => cellText(shownCell(row, col)),
  };
}

export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  const { value } = cell;
  if (value === null) return '';
  if (typeof value === 'string') return cleanText(value);
  if (isErrorValue(value)) return value.error;
  return String(value);
}
