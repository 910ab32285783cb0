import { describe, expect, it } from 'vitest';
import { checkGrid } from '../../src/pipeline/check-file.js';
import { builtinForm } from '../helpers/form.js';
import { grid, sheet, STAFF_HEADER, submission } from '../helpers/grid.js';
import { tuples } from '../helpers/tuples.js';

const form = builtinForm();
const check = (g: ReturnType<typeof grid>) => checkGrid('unit.xlsx', g, form);

describe('checkGrid: a correct submission', () => {
  it('extracts typed rows with their addresses and finds nothing wrong', () => {
    const result = check(submission([[1, 'Sở Tư pháp', 85, 80, 5, 'Nghỉ thai sản']]));
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.unit).toBe('Sở Tư pháp');
    const staff = result.tables.staff!;
    expect(staff.sheet).toBe('Sheet1');
    expect(staff.rows).toHaveLength(1);
    expect(staff.rows[0]!.values).toMatchObject({ unit: 'Sở Tư pháp', total: 85, registered: 80, unregistered: 5, reason: 'Nghỉ thai sản' });
    expect(staff.rows[0]!.cells).toMatchObject({ unit: 'B6', total: 'C6', registered: 'D6', unregistered: 'E6', reason: 'F6' });
    expect(result.tables.students).toBeNull();
  });

  it('reads both tables on one sheet and tells them apart by their total column', () => {
    const result = check(submission([[1, 'Trường THPT Trần Phú', 98, 95, 3, 'Nghỉ thai sản']], [[1, 'Trường THPT Trần Phú', 1250, 1180, 70, 'Chưa có CCCD']]));
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows[0]!.values.total).toBe(98);
    expect(result.tables.students!.rows[0]!.values.total).toBe(1250);
    expect(result.tables.students!.rows[0]!.cells.total).toBe('C10');
  });

  it('leaves the totals row out of the data and accepts it when it matches', () => {
    const result = check(
      submission([
        [1, 'Trường MN Hoa Sen', 30, 30, 0],
        [2, 'Trường TH Lê Lợi', 45, 40, 5, 'Nghỉ ốm'],
        [undefined, 'Tổng cộng', { f: 'SUM(C6:C7)', v: 75 }, { f: 'SUM(D6:D7)', v: 70 }, { f: 'SUM(E6:E7)', v: 5 }],
      ]),
    );
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows.map((r) => r.values.unit)).toEqual(['Trường MN Hoa Sen', 'Trường TH Lê Lợi']);
    expect(result.tables.staff!.totalsRows).toHaveLength(1);
  });

  it('a totals cached as 0 is 0, not a formula without a result', () => {
    const result = check(
      submission([
        [1, 'Trường MN Hoa Sen', 30, 30, 0],
        [undefined, 'Tổng cộng', { f: 'SUM(C6:C6)', v: 30 }, { f: 'SUM(D6:D6)', v: 30 }, { f: 'SUM(E6:E6)', v: 0 }],
      ]),
    );
    expect(tuples(result.diagnostics)).toEqual([]);
  });

  it('takes the unit from the title block when the table lists several units', () => {
    const result = check(
      submission([
        [1, 'Trường MN Hoa Sen', 30, 30, 0],
        [2, 'Trường TH Lê Lợi', 45, 45, 0],
      ]),
    );
    expect(result.unit).toBe('SỞ TƯ PHÁP');
  });
});

describe('checkGrid: each rule gives its code at its cell', () => {
  it('row-registered-exceeds-total at the registered cell', () => {
    expect(tuples(check(submission([[1, 'THPT Ngô Quyền', 85, 88, undefined]])).diagnostics, ['error'])).toEqual([
      ['Sheet1', 'D6', 'row-registered-exceeds-total'],
    ]);
  });

  it('row-unregistered-mismatch at the not-registered cell', () => {
    expect(tuples(check(submission([[1, 'TTGDTX Hải An', 60, 50, 12, 'Mới tuyển']])).diagnostics)).toEqual([
      ['Sheet1', 'E6', 'row-unregistered-mismatch'],
    ]);
  });

  it('row-unregistered-computed (info) when not-registered is blank, and the value is computed', () => {
    const result = check(submission([[1, 'THPT Thái Phiên', 60, 60, undefined]]));
    expect(tuples(result.diagnostics)).toEqual([['Sheet1', 'E6', 'row-unregistered-computed']]);
    expect(result.diagnostics[0]!.severity).toBe('info');
    expect(result.tables.staff!.rows[0]!.values.unregistered).toBe(0);
  });

  it('row-missing-reason (warning) when people are not registered and no reason is given', () => {
    const result = check(submission([[1, 'THPT Lê Quý Đôn', 60, 55, 5]]));
    expect(tuples(result.diagnostics)).toEqual([['Sheet1', 'F6', 'row-missing-reason']]);
    expect(result.diagnostics[0]!.severity).toBe('warning');
  });

  it('row-totals-mismatch at the totals cell that disagrees', () => {
    const result = check(
      submission([
        [1, 'Trường MN Hoa Sen', 30, 30, 0],
        [2, 'Trường TH Lê Lợi', 45, 40, 5, 'Nghỉ ốm'],
        [undefined, 'Tổng cộng', 75, 71, 5],
      ]),
    );
    expect(tuples(result.diagnostics)).toEqual([['Sheet1', 'D8', 'row-totals-mismatch']]);
    expect(result.diagnostics[0]!.params).toMatchObject({ actual: 71, expected: 70 });
  });

  it('row-missing-unit when a row has figures but no name', () => {
    expect(tuples(check(submission([[1, undefined, 30, 30, 0]])).diagnostics)).toEqual([['Sheet1', 'B6', 'row-missing-unit']]);
  });

  it('cell-negative and cell-not-integer', () => {
    expect(tuples(check(submission([[1, 'A', -3, 0, 0]])).diagnostics, ['error'])).toEqual([['Sheet1', 'C6', 'cell-negative']]);
    expect(tuples(check(submission([[1, 'A', 30.5, 30, 0.5, 'x']])).diagnostics, ['error'])).toEqual([
      ['Sheet1', 'C6', 'cell-not-integer'],
      ['Sheet1', 'E6', 'cell-not-integer'],
    ]);
  });

  it('cell-missing-count when the total is blank', () => {
    expect(tuples(check(submission([[1, 'Trường TH Lê Lợi', undefined, 30, 0]])).diagnostics)).toEqual([['Sheet1', 'C6', 'cell-missing-count']]);
  });

  it('cell-number-as-text (warning) reads "1.234" as 1234', () => {
    const result = check(submission([[1, 'ĐH Hải Phòng', '1.234', 1200, 34, 'Sinh viên năm nhất']]));
    expect(tuples(result.diagnostics)).toEqual([['Sheet1', 'C6', 'cell-number-as-text']]);
    expect(result.tables.staff!.rows[0]!.values.total).toBe(1234);
  });

  it('cell-not-a-number for ambiguous text', () => {
    expect(tuples(check(submission([[1, 'A', 'khoảng 30', 20, undefined]])).diagnostics, ['error'])).toEqual([['Sheet1', 'C6', 'cell-not-a-number']]);
  });

  it('cell-error-value at the cell showing #REF!', () => {
    expect(tuples(check(submission([[1, 'A', 30, { f: 'D99+#REF!', v: { error: '#REF!' } }, 0]])).diagnostics, ['error'])).toEqual([
      ['Sheet1', 'D6', 'cell-error-value'],
    ]);
  });

  it('cell-formula-evaluated (info) for arithmetic saved without a result, cell-formula-no-result otherwise', () => {
    const evaluated = check(submission([[1, 'A', 30, 25, { f: 'C6-D6' }, 'Nghỉ ốm']]));
    expect(tuples(evaluated.diagnostics)).toEqual([['Sheet1', 'E6', 'cell-formula-evaluated']]);
    expect(evaluated.tables.staff!.rows[0]!.values.unregistered).toBe(5);
    const unevaluable = check(submission([[1, 'A', 30, { f: 'VLOOKUP(B6,Data!A:B,2,0)' }, 5, 'x']]));
    expect(tuples(unevaluable.diagnostics, ['error'])).toEqual([['Sheet1', 'D6', 'cell-formula-no-result']]);
  });

  it('table-not-found when no staff table exists', () => {
    const result = check(grid(sheet('Sheet1', [['Báo cáo'], ['Nội dung khác', 1, 2]])));
    expect(tuples(result.diagnostics)).toEqual([['', '', 'table-not-found']]);
  });

  it('table-empty for a blank form sent back', () => {
    const result = check(submission([[1], [2], [3]]));
    expect(tuples(result.diagnostics)).toEqual([['Sheet1', 'A5', 'table-empty']]);
  });

  it('header-missing-column names the column and lists what was found', () => {
    const header = STAFF_HEADER.filter((_, i) => i !== 4);
    const result = check(grid(sheet('Sheet1', [header, [1, 'A', 30, 25, 'x']])));
    const missing = result.diagnostics.find((d) => d.code === 'header-missing-column');
    expect(missing?.params).toMatchObject({ column: 'unregistered', header: 'Tổng số người chưa đăng ký tài khoản' });
    expect((missing?.params as { found: string[] }).found).toContain('Nguyên nhân');
  });

  it('header-extra-column (info) for a column not on the form', () => {
    const result = check(grid(sheet('Sheet1', [[...STAFF_HEADER, 'Ghi chú'], [1, 'A', 30, 30, 0, undefined, 'đủ']])));
    expect(tuples(result.diagnostics)).toEqual([['Sheet1', 'G1', 'header-extra-column']]);
  });
});

describe('checkGrid: how clerks lay the form out', () => {
  it('matches headers whatever their case, spacing and line breaks', () => {
    const header = ['tt', 'Đơn  vị', 'TỔNG SỐ CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC,\nNGƯỜI LAO ĐỘNG', 'Tổng số người\u00a0đã đăng ký\ntài khoản', 'tổng số người chưa đăng ký tài khoản', 'Nguyên nhân'];
    const result = check(grid(sheet('Sheet1', [header, [1, 'A', 30, 30, 0]])));
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows).toHaveLength(1);
  });

  it('matches headers typed without diacritics and in another column order', () => {
    const header = ['STT', 'Ten don vi', 'Tong so nguoi da dang ky tai khoan', 'Tong so can bo, cong chuc, vien chuc, nguoi lao dong', 'Tong so nguoi chua dang ky tai khoan', 'Nguyen nhan'];
    const result = check(grid(sheet('Sheet1', [header, [1, 'A', 25, 30, 5, 'x']])));
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows[0]!.values).toMatchObject({ total: 30, registered: 25 });
  });

  it('reads a reason typed once in a merged cell for every row it spans', () => {
    const result = check(
      submission(
        [
          [1, 'Trường MN Hoa Sen', 30, 28, 2, 'Nghỉ thai sản'],
          [2, 'Trường TH Lê Lợi', 45, 40, 5],
        ],
        undefined,
        { merges: ['F6:F7'] },
      ),
    );
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows[1]!.values.reason).toBe('Nghỉ thai sản');
  });

  it('skips a column-numbering row under the header', () => {
    const result = check(grid(sheet('Sheet1', [STAFF_HEADER, ['(1)', '(2)', '(3)', '(4)', '(5)=(3)-(4)', '(6)'], [1, 'A', 30, 30, 0]])));
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows).toHaveLength(1);
  });

  it('stops the table at the signature block', () => {
    const result = check(grid(sheet('Sheet1', [STAFF_HEADER, [1, 'A', 30, 30, 0], [], [undefined, 'Người lập biểu', undefined, undefined, 'THỦ TRƯỞNG ĐƠN VỊ'], [undefined, 'Nguyễn Văn A', 12]])));
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows).toHaveLength(1);
  });

  it('reports a listed unit with no figures instead of skipping it', () => {
    const result = check(submission([[1, 'A', 30, 30, 0], [2, 'Trường TH Lê Lợi']]));
    expect(tuples(result.diagnostics, ['error'])).toEqual([
      ['Sheet1', 'C7', 'cell-missing-count'],
      ['Sheet1', 'D7', 'cell-missing-count'],
    ]);
  });

  it('finds tables on separate sheets', () => {
    const result = check(
      grid(
        sheet('CBCCVC', [STAFF_HEADER, [1, 'A', 30, 30, 0]]),
        sheet('HSSV', [['TT', 'ĐƠN VỊ', 'Tổng số học sinh, sinh viên', 'Tổng số người đã đăng ký tài khoản', 'Tổng số người chưa đăng ký tài khoản', 'Nguyên nhân'], [1, 'A', 300, 280, 20, 'Chưa có CCCD']]),
      ),
    );
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.students!.sheet).toBe('HSSV');
  });
});

describe('checkGrid: groups and their subtotals', () => {
  const grouped = (subtotal: number) =>
    submission(
      [
        ['I. Khối THCS'],
        [1, 'Trường THCS Ngô Quyền', 72, 70, 2, 'Nghỉ thai sản'],
        [2, 'Trường THCS Trần Phú', 58, 58, 0],
        [undefined, 'Cộng khối THCS', { f: 'SUM(C7:C8)', v: subtotal }, { f: 'SUM(D7:D8)', v: 128 }, { f: 'SUM(E7:E8)', v: 2 }],
        ['II. Khối Tiểu học'],
        [1, 'Trường TH Lê Văn Tám', 56, 53, 3, 'Mới tuyển dụng'],
        [undefined, 'Cộng khối Tiểu học', 56, 53, 3],
        [undefined, 'Tổng cộng toàn quận', 186, 181, 5],
      ],
      undefined,
      { merges: ['A6:B6', 'A10:B10'] },
    );

  it('leaves group headings and subtotals out of the data, and accepts subtotals that match', () => {
    const result = check(grouped(130));
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.tables.staff!.rows.map((r) => r.values.unit)).toEqual(['Trường THCS Ngô Quyền', 'Trường THCS Trần Phú', 'Trường TH Lê Văn Tám']);
    expect(result.tables.staff!.subtotalRows.map((r) => r.covers)).toEqual([[7, 8], [11]]);
  });

  it('row-subtotal-mismatch at the subtotal cell that disagrees with its group', () => {
    const result = check(grouped(131));
    expect(tuples(result.diagnostics)).toEqual([['Sheet1', 'C9', 'row-subtotal-mismatch']]);
    expect(result.diagnostics[0]!.params).toMatchObject({ label: 'Cộng khối THCS', actual: 131, expected: 130 });
  });
});

describe('checkGrid: abbreviations in headers', () => {
  it.each([
    [['STT', 'Tên đơn vị', 'Tổng số CB, CC, VC, NLĐ', 'TS người đã ĐK TK', 'Số chưa ĐK', 'Lý do'], 'staff'],
    [['TT', 'Đơn vị', 'Tổng số HSSV', 'Đã ĐK', 'Chưa ĐK', 'Nguyên nhân'], 'students'],
    [['TT', 'Don vi', 'Tong so CBCCVC', 'Da DK', 'Chua DK', 'Nguyen nhan'], 'staff'],
  ])('%j is the %s table', (header, tableId) => {
    const result = check(grid(sheet('Sheet1', [header as string[], [1, 'A', 30, 28, 2, 'x']])));
    // A file with only the students table still lacks the required staff table.
    const expected = tableId === 'students' ? [['', '', 'table-not-found']] : [];
    expect(tuples(result.diagnostics, ['error', 'warning'])).toEqual(expected);
    expect(result.tables[tableId]!.rows[0]!.values).toMatchObject({ total: 30, registered: 28, unregistered: 2 });
  });
});
