/**
 * The measurement behind the writer's speed and memory claims: a summary
 * sheet of 400,000 rows × 8 columns. Skipped unless asked for:
 *
 *   XLSX_BENCH=1 npx vitest run test/write/xlsx-writer-bench.test.ts
 *
 * XLSX_BENCH_ROWS changes the row count; XLSX_BENCH_STRINGS=inline measures inline strings.
 */
import { describe, expect, it } from 'vitest';
import { WorkbookBuilder, type CellStyle } from '../../src/write/xlsx/workbook-builder.js';

const enabled = process.env.XLSX_BENCH === '1';
const ROWS = Number(process.env.XLSX_BENCH_ROWS ?? 400_000);

describe('xlsx writer benchmark', () => {
  it.skipIf(!enabled)(`writes ${ROWS} rows × 8 columns`, { timeout: 300_000 }, () => {
    const header: CellStyle = { font: { bold: true }, horizontal: 'center', vertical: 'middle', wrap: true, border: true };
    const ordinal: CellStyle = { border: true, horizontal: 'center' };
    const text: CellStyle = { border: true, wrap: true, vertical: 'top' };
    const count: CellStyle = { border: true, numFmt: '#,##0' };
    const rate: CellStyle = { border: true, numFmt: '0.0%' };
    // The summary exists before it is written: build the inputs outside the measurement.
    const units = Array.from({ length: ROWS }, (_, i) => `Trường THPT số ${i + 1} huyện ${i % 700} tỉnh ${i % 63}`);
    const reasons = Array.from({ length: 60 }, (_, i) => `Lý do ${i}: đang công tác xa, nghỉ thai sản, chưa có tài khoản trên hệ thống học tập số`);

    let peakHeap = 0;
    const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
    const heapBefore = process.memoryUsage().heapUsed;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();

    const workbook = new WorkbookBuilder({ strings: process.env.XLSX_BENCH_STRINGS === 'inline' ? 'inline' : 'shared' });
    const sheet = workbook.addSheet('Tổng hợp');
    sheet.setColumnWidths([6, 40, 12, 12, 12, 10, 50, 20]);
    ['TT', 'Đơn vị', 'Tổng số', 'Đã đăng ký', 'Chưa đăng ký', 'Tỷ lệ', 'Nguyên nhân', 'Ghi chú'].forEach((h, i) => sheet.setCell(1, i + 1, h, header));
    sheet.freezeRows(1);
    sheet.repeatRowsWhenPrinted(1, 1);
    sheet.setPageSetup({ orientation: 'landscape', paper: 'A4', fitToWidth: true, marginsMm: { left: 20, right: 15, top: 20, bottom: 15 } });
    for (let i = 0; i < ROWS; i++) {
      const row = i + 2;
      const total = ((row * 7919) % 1500) + 10;
      const registered = total - (row % 13);
      sheet.setCell(row, 1, i + 1, ordinal);
      sheet.setCell(row, 2, units[i]!, text);
      sheet.setCell(row, 3, total, count);
      sheet.setCell(row, 4, registered, count);
      sheet.setCell(row, 5, total - registered, count);
      sheet.setCell(row, 6, registered / total, rate);
      sheet.setCell(row, 7, total > registered ? reasons[row % reasons.length]! : null, text);
      sheet.setCell(row, 8, row % 10 === 0 ? 'Nộp muộn' : null, text);
      if (row % 20_000 === 0) sample();
    }
    sheet.setCell(ROWS + 2, 3, { formula: `SUM(C2:C${ROWS + 1})`, result: 0 }, count);
    sample();
    const bytes = workbook.finish({ creator: 'consolidate', created: new Date(0), modified: new Date(0) });
    sample();

    const cpu = process.cpuUsage(cpuBefore);
    const result = {
      rows: ROWS,
      wallMs: Math.round(performance.now() - started),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      outputBytes: bytes.length,
      peakHeapMB: Math.round(peakHeap / 1e6),
      heapGrowthMB: Math.round((peakHeap - heapBefore) / 1e6),
    };
    console.log(JSON.stringify(result));
    expect(bytes.length).toBeGreaterThan(0);
  });
});
