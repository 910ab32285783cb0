import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/consolidate/summary.js';
import { checkFileBytes } from '../../src/pipeline/check-file.js';
import type { FileResult } from '../../src/pipeline/file-result.js';
import { checkGrid } from '../../src/pipeline/check-file.js';
import { statusFromDiagnostics } from '../../src/pipeline/file-result.js';
import { countBySeverity } from '../../src/diagnostics/diagnostic.js';
import { builtinForm } from '../helpers/form.js';
import { submission, type CellInput } from '../helpers/grid.js';

const form = builtinForm();

function result(file: string, staff: CellInput[][], students?: CellInput[][]): FileResult {
  const checked = checkGrid(file, submission(staff, students), form);
  return {
    file,
    status: statusFromDiagnostics(checked.diagnostics),
    format: 'xlsx',
    unit: checked.unit,
    unitHints: [],
    rosterUnit: null,
    supersededBy: null,
    documentDate: null,
    modifiedAt: null,
    sha256: null,
    tables: checked.tables,
    diagnostics: checked.diagnostics,
    counts: countBySeverity(checked.diagnostics),
  };
}

describe('consolidate', () => {
  const files = [
    result('b.xlsx', [[1, 'Trường THPT Trần Phú', 98, 95, 3, 'Nghỉ thai sản']], [[1, 'Trường THPT Trần Phú', 1250, 1180, 70, 'Chưa có CCCD']]),
    result('a.xlsx', [[1, 'Sở Tư pháp', 85, 85, 0]]),
    result('c.xlsx', [[1, 'THPT Ngô Quyền', 85, 88, -3]]),
    result('d.xlsx', [[1, 'THPT Lê Quý Đôn', 60, 55, 5]]),
  ];
  const summary = consolidate(files, form);

  it('counts accepted and warned files, never rejected ones', () => {
    expect(files.map((f) => f.status)).toEqual(['accepted', 'accepted', 'rejected', 'warning']);
    const staff = summary.tables.find((t) => t.tableId === 'staff')!;
    expect(staff.totals).toEqual({ total: 98 + 85 + 60, registered: 95 + 85 + 55, unregistered: 3 + 0 + 5 });
    expect(staff.rows.map((r) => r.values.unit)).toEqual(['Sở Tư pháp', 'Trường THPT Trần Phú', 'THPT Lê Quý Đôn']);
    expect(staff.rate).toBeCloseTo(235 / 243);
  });

  it('keeps each row traceable to its file, sheet and row', () => {
    const students = summary.tables.find((t) => t.tableId === 'students')!;
    expect(students.rows).toHaveLength(1);
    expect(students.rows[0]!.source).toEqual({ file: 'b.xlsx', sheet: 'Sheet1', reportingUnit: 'Trường THPT Trần Phú', sha256: null });
    expect(students.rows[0]!.sourceRow).toBe(10);
  });

  it('lists every reason with its unit, table and count', () => {
    expect(summary.reasons).toEqual([
      { tableId: 'staff', unit: 'Trường THPT Trần Phú', reason: 'Nghỉ thai sản', count: 3, file: 'b.xlsx' },
      { tableId: 'students', unit: 'Trường THPT Trần Phú', reason: 'Chưa có CCCD', count: 70, file: 'b.xlsx' },
    ]);
  });

  it('never throws on bytes that are not a workbook', async () => {
    const junk = await checkFileBytes('x.xlsx', new TextEncoder().encode('hello'), form);
    expect(junk.status).toBe('rejected');
    expect(consolidate([junk], form).tables[0]!.totals).toEqual({ total: 0, registered: 0, unregistered: 0 });
  });
});
