import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/consolidate/summary.js';
import { checkFileBytes } from '../../src/pipeline/check-file.js';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { writeSummaryWorkbook } from '../../src/write/summary-workbook.js';
import { writeTemplateWorkbook } from '../../src/write/template-workbook.js';
import { fillTemplate } from '../helpers/fill-template.js';
import { builtinForm } from '../helpers/form.js';

const form = builtinForm();

async function sampleSummary() {
  const a = await fillTemplate(await writeTemplateWorkbook(form), [
    [{ unit: 'Trường THPT Trần Phú', total: 98, registered: 95, reason: 'Nghỉ thai sản' }],
    [{ unit: 'Trường THPT Trần Phú', total: 1250, registered: 1180, reason: '=HYPERLINK("http://x","y")' }],
  ]);
  const b = await fillTemplate(await writeTemplateWorkbook(form), [[{ unit: 'Sở Tư pháp', total: 85, registered: 85 }]]);
  const results = await Promise.all([checkFileBytes('a.xlsx', a, form), checkFileBytes('b.xlsx', b, form), checkFileBytes('c.docx', new Uint8Array([1, 2]), form)]);
  return consolidate(results, form);
}

describe('summary workbook', () => {
  it('has the five sheets and a Tổng cộng row whose SUM formulas carry the right cached values', async () => {
    const bytes = await writeSummaryWorkbook(await sampleSummary(), form);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(workbook.worksheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual(['Tổng hợp', 'Nguyên nhân', 'Tình hình nộp', 'Kiểm tra', 'Nguồn']);
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    const totals: { row: number; values: unknown[] }[] = [];
    sheet.eachRow((row, n) => {
      if (row.getCell(2).value === 'Tổng cộng') totals.push({ row: n, values: [3, 4, 5].map((c) => row.getCell(c).value) });
    });
    expect(totals).toHaveLength(2);
    expect(totals[0]!.values).toEqual([
      { formula: `SUM(C${totals[0]!.row - 2}:C${totals[0]!.row - 1})`, result: 183 },
      { formula: `SUM(D${totals[0]!.row - 2}:D${totals[0]!.row - 1})`, result: 180 },
      { formula: `SUM(E${totals[0]!.row - 2}:E${totals[0]!.row - 1})`, result: 3 },
    ]);
    expect((totals[1]!.values[0] as { result: number }).result).toBe(1250);
  });

  it('writes values copied from units as inert text, never as formulas', async () => {
    const bytes = await writeSummaryWorkbook(await sampleSummary(), form);
    const grid = readXlsx(bytes);
    const cells = grid.sheets.flatMap((s) => s.rows.flatMap((r) => (r ?? []).filter((c) => c !== undefined)));
    const hyperlink = cells.find((c) => typeof c!.value === 'string' && c!.value.includes('HYPERLINK'));
    expect(hyperlink).toBeDefined();
    expect(hyperlink!.formula).toBeUndefined();
  });

  it('is itself a valid submission: checking it gives back the same totals', async () => {
    const summary = await sampleSummary();
    const bytes = await writeSummaryWorkbook(summary, form, { issuer: 'Sở GD&ĐT Hải Phòng' });
    const again = await checkFileBytes('tong-hop.xlsx', bytes, form);
    expect(again.status).toBe('accepted');
    expect(again.unit).toBe('Sở GD&ĐT Hải Phòng');
    const resummed = consolidate([again], form);
    expect(resummed.tables.map((t) => t.totals)).toEqual(summary.tables.map((t) => t.totals));
  });

  it('lists every diagnostic with its file, cell, severity and message in Kiểm tra', async () => {
    const summary = await sampleSummary();
    const grid = readXlsx(await writeSummaryWorkbook(summary, form));
    const checks = grid.sheets.find((s) => s.name === 'Kiểm tra')!;
    expect(checks.rows).toHaveLength(1 + summary.diagnostics.length);
    const junk = summary.diagnostics.find((d) => d.location.file === 'c.docx')!;
    const row = checks.rows.find((r) => r?.[0]?.value === 'c.docx')!.map((c) => c?.value);
    expect(row[3]).toBe('Lỗi');
    expect(row[4]).toBe(junk.code);
    expect(String(row[5])).toMatch(/Đề nghị/);
  });
});
