import type { Cell, CellValue, Grid, Range, Sheet } from '../../src/read/grid.js';
import { parseA1 } from '../../src/read/grid.js';

export type CellInput = CellValue | undefined | { f: string; v?: CellValue; font?: string };

/** A sheet from rows of plain values; `{f, v}` is a formula with its cached value. */
export function sheet(name: string, rows: CellInput[][], merges: string[] = []): Sheet {
  return {
    name,
    hidden: false,
    rows: rows.map((row) => row.map(toCell)),
    merges: merges.map(parseRange),
  };
}

export function grid(...sheets: Sheet[]): Grid {
  return { sheets };
}

function toCell(input: CellInput): Cell | undefined {
  if (input === undefined || input === null || input === '') return undefined;
  if (typeof input === 'object' && 'f' in input) {
    return { value: input.v ?? null, formula: input.f, ...(input.font ? { font: { name: input.font } } : {}) };
  }
  return { value: input };
}

function parseRange(range: string): Range {
  const [a, b] = range.split(':').map((x) => parseA1(x)!);
  return { top: a!.row, left: a!.col, bottom: b!.row, right: b!.col };
}

export const STAFF_HEADER = [
  'TT',
  'ĐƠN VỊ',
  'Tổng số cán bộ, công chức, viên chức, người lao động (tính đến đơn vị/ bộ phân trực thuộc)',
  'Tổng số người đã đăng ký tài khoản',
  'Tổng số người chưa đăng ký tài khoản',
  'Nguyên nhân',
];

export const STUDENT_HEADER = [
  'TT',
  'ĐƠN VỊ',
  'Tổng số học sinh, sinh viên',
  'Tổng số người đã đăng ký tài khoản',
  'Tổng số người chưa đăng ký tài khoản',
  'Nguyên nhân',
];

/** A one-sheet submission: a short title block, the staff table, optionally the students table. */
export function submission(staffRows: CellInput[][], studentRows?: CellInput[][], extra: { merges?: string[] } = {}): Grid {
  const rows: CellInput[][] = [
    ['SỞ TƯ PHÁP', undefined, undefined, 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['Số: 12/STP', undefined, undefined, 'Độc lập – Tự do – Hạnh phúc'],
    [],
    ['1. Cán bộ, công chức, viên chức, người lao động'],
    STAFF_HEADER,
    ...staffRows,
  ];
  if (studentRows) rows.push([], ['2. Học sinh, sinh viên'], STUDENT_HEADER, ...studentRows);
  rows.push([], [undefined, 'Người lập biểu', undefined, undefined, 'THỦ TRƯỞNG ĐƠN VỊ']);
  return grid(sheet('Sheet1', rows, extra.merges));
}
