import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readIdentity } from '../../src/locate/identity.js';
import { checkFileBytes } from '../../src/pipeline/check-file.js';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { writeTemplateWorkbook } from '../../src/write/template-workbook.js';
import { fillTemplate } from '../helpers/fill-template.js';
import { builtinForm } from '../helpers/form.js';
import { tuples } from '../helpers/tuples.js';

const form = builtinForm();

describe('template workbook', () => {
  it('carries a hidden identity naming the form, its version, the unit and each table header', async () => {
    const bytes = await writeTemplateWorkbook(form, { unit: 'Trường THPT Trần Phú' });
    const grid = readXlsx(bytes);
    const identity = readIdentity(grid);
    expect(identity).toMatchObject({ formId: 'cong-dan-hoc-tap-2024', formVersion: 1, unit: 'Trường THPT Trần Phú' });
    expect(identity!.tables.map((t) => t.tableId)).toEqual(['staff', 'students']);
    expect(grid.sheets.find((s) => s.name === '_consolidate')!.hidden).toBe(true);
  });

  it('has the official headers, whole-number validation, a formula for not-registered, a totals row, and locked headers', async () => {
    const bytes = await writeTemplateWorkbook(form, { rowsPerTable: 5 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Biểu mẫu')!;
    const headerRow = [...Array(40).keys()].map((i) => i + 1).find((r) => sheet.getCell(r, 1).value === 'TT')!;
    expect(sheet.getCell(headerRow, 3).value).toBe(form.tables[0]!.columns[2]!.header);
    const first = headerRow + 1;
    expect(sheet.getCell(first, 3).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(sheet.getCell(first, 5).formula).toContain(`C${first}`);
    expect(sheet.getCell(first + 5, 2).value).toBe('Tổng cộng');
    expect(sheet.getCell(first + 5, 3).formula).toBe(`SUM(C${first}:C${first + 4})`);
    expect(sheet.getCell(headerRow, 3).protection?.locked).not.toBe(false);
    expect(sheet.getCell(first, 3).protection?.locked).toBe(false);
    expect((sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
  });

  it('round trip: a template filled in is checked with no problem', async () => {
    const template = await writeTemplateWorkbook(form, { unit: 'Phòng GD&ĐT quận Lê Chân' });
    const filled = await fillTemplate(template, [
      [
        { unit: 'Trường MN Hoa Sen', total: 30, registered: 28, reason: 'Nghỉ thai sản' },
        { unit: 'Trường TH Lê Lợi', total: 45, registered: 45 },
      ],
      [{ unit: 'Trường TH Lê Lợi', total: 900, registered: 850, reason: 'Học sinh chưa có tài khoản định danh' }],
    ]);
    const result = await checkFileBytes('le-chan.xlsx', filled, form);
    expect(tuples(result.diagnostics)).toEqual([]);
    expect(result.status).toBe('accepted');
    expect(result.unit).toBe('Phòng GD&ĐT quận Lê Chân');
    expect(result.tables.staff!.rows.map((r) => [r.values.unit, r.values.unregistered])).toEqual([
      ['Trường MN Hoa Sen', 2],
      ['Trường TH Lê Lợi', 0],
    ]);
    expect(result.tables.students!.rows).toHaveLength(1);
  });

  it('a blank template sent back is rejected as empty, not as zero people', async () => {
    const result = await checkFileBytes('blank.xlsx', await writeTemplateWorkbook(form, { unit: 'Sở Tư pháp' }), form);
    expect(result.status).toBe('rejected');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['table-empty']);
  });
});
