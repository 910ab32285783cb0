import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as nodeCrc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { inflateSync, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { WorkbookBuilder, type CellStyle, type SheetBuilder } from '../../src/write/xlsx/workbook-builder.js';
import { crc32, crc32Combine } from '../../src/zip/crc32.js';

const META = { creator: 'consolidate', created: new Date(Date.UTC(2024, 4, 1, 8, 30)), modified: new Date(Date.UTC(2024, 4, 2, 9, 15, 20)) };

const TITLE: CellStyle = { font: { bold: true, size: 14 }, horizontal: 'center', vertical: 'middle' };
const HEADER: CellStyle = { font: { bold: true }, horizontal: 'center', vertical: 'middle', wrap: true, border: true };
const COUNT: CellStyle = { border: true, numFmt: '#,##0' };
const RATE: CellStyle = { border: true, numFmt: '0.0%' };
const TEXT: CellStyle = { border: true, wrap: true, vertical: 'top' };

/** A small summary-like workbook touching every feature. */
function sample(): Uint8Array {
  const workbook = new WorkbookBuilder();
  const sheet = workbook.addSheet('Tổng hợp');
  sheet.setColumnWidths([6, 40, 12, 12, 14]);
  sheet.setCell(1, 1, 'BÁO CÁO TỔNG HỢP', TITLE);
  sheet.merge(1, 1, 1, 5);
  sheet.setRowHeight(1, 30);
  sheet.setRowHeight(2, 8); // a spacer row with no cells
  // Cells of a row in any order.
  sheet.setCell(3, 3, 'Tổng số', HEADER);
  sheet.setCell(3, 1, 'TT', HEADER);
  sheet.setCell(3, 2, 'Đơn vị', HEADER);
  sheet.setCell(3, 4, 'Đã đăng ký', HEADER);
  sheet.setCell(3, 5, 'Tỷ lệ', HEADER);
  const units: [string, number, number][] = [
    ['Trường THPT Trần Phú', 98, 95],
    ['=HYPERLINK("http://x","y")', 10, 0],
    ['Sở Tư pháp', 0, 0],
  ];
  units.forEach(([unit, total, registered], i) => {
    const row = 4 + i;
    sheet.setCell(row, 1, i + 1, COUNT);
    sheet.setCell(row, 2, unit, TEXT);
    sheet.setCell(row, 3, total, COUNT);
    sheet.setCell(row, 4, registered, COUNT);
    sheet.setCell(row, 5, total === 0 ? null : registered / total, RATE);
  });
  sheet.setCell(7, 2, 'Tổng cộng', { font: { bold: true }, border: true });
  sheet.setCell(7, 3, { formula: 'SUM(C4:C6)', result: 108 }, COUNT);
  sheet.setCell(7, 4, { formula: '=SUM(D4:D6)', result: 95 }, COUNT);
  sheet.setCell(7, 5, { formula: 'IF(C7=0,"",D7/C7)', result: 95 / 108 }, RATE);
  sheet.setCell(8, 2, { formula: 'C7&" người"', result: '108 người' });
  sheet.setCell(8, 3, { formula: 'C6-D6', result: 0 });
  sheet.setCell(9, 1, true);
  sheet.setCell(9, 2, false);
  sheet.setCell(9, 3, Number.NaN);
  sheet.setCell(9, 4, Number.POSITIVE_INFINITY, COUNT); // styled empty cell
  sheet.setCell(10, 1, 'a\u0000b\u0007c\u001Fd\uFFFEe\uD800f\tg\nh\r\ni');
  sheet.setCell(10, 2, 'literal _x000D_ & <tag> "quoted"');
  sheet.setCell(10, 3, 'x'.repeat(40_000));
  sheet.setCell(10, 4, '😀'.repeat(20_000));
  sheet.freezeRows(3);
  sheet.repeatRowsWhenPrinted(3, 3);
  sheet.setAutoFilter(3, 1, 6, 5);
  sheet.setPageSetup({ orientation: 'landscape', paper: 'A4', fitToWidth: true, marginsMm: { left: 20, right: 15, top: 20, bottom: 15 } });

  const reasons = workbook.addSheet("Nguyên nhân 'A' 2");
  reasons.setCell(1, 1, 'Nghỉ thai sản', { font: { italic: true, underline: true, name: 'Arial', size: 11 } });
  reasons.setCell(2, 1, 'Nghỉ thai sản');
  reasons.setPageSetup({ orientation: 'portrait', paper: 'A4', marginsMm: { left: 30, right: 15, top: 20, bottom: 20 } });

  const hidden = workbook.addSheet('Định danh', { state: 'hidden' });
  hidden.setCell(1, 1, 'form-id');
  workbook.addSheet('Very', { state: 'veryHidden' }).setCell(2, 3, 42);
  return workbook.finish(META);
}

async function loadExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

interface ZipEntryInfo {
  name: string;
  crc: number;
  data: Uint8Array;
  dosTime: number;
  dosDate: number;
}

/** Walks the central directory and inflates every entry: no reader here trusts the stored CRCs, so check them. */
function zipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  expect(view.getUint32(eocd, true)).toBe(0x06054b50);
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntryInfo[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(offset, true)).toBe(0x02014b50);
    const method = view.getUint16(offset + 10, true);
    const dosTime = view.getUint16(offset + 12, true);
    const dosDate = view.getUint16(offset + 14, true);
    const crc = view.getUint32(offset + 16, true);
    const compressed = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const dataStart = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    expect(method).toBe(8);
    const data = inflateSync(bytes.subarray(dataStart, dataStart + compressed));
    expect(data.length, name).toBe(size);
    entries.push({ name, crc, data, dosTime, dosDate });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function part(bytes: Uint8Array, name: string): string {
  const data = unzipSync(bytes)[name];
  if (!data) throw new Error(`no ${name}`);
  return new TextDecoder().decode(data);
}

describe('xlsx writer: read back with our own reader', () => {
  const grid = readXlsx(sample());
  const [summary, reasons, hidden, veryHidden] = grid.sheets;

  it('keeps sheet order, names and visibility', () => {
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Tổng hợp', false],
      ["Nguyên nhân 'A' 2", false],
      ['Định danh', true],
      ['Very', true],
    ]);
    expect(hidden!.rows[0]![0]!.value).toBe('form-id');
    expect(veryHidden!.rows[1]![2]!.value).toBe(42);
  });

  it('reads values, formulas with cached results (0 included), booleans and empty cells', () => {
    const rows = summary!.rows;
    expect(rows[0]![0]).toMatchObject({ value: 'BÁO CÁO TỔNG HỢP', font: { bold: true } });
    expect(rows[1]).toEqual([]);
    expect(rows[2]!.map((c) => c?.value)).toEqual(['TT', 'Đơn vị', 'Tổng số', 'Đã đăng ký', 'Tỷ lệ']);
    expect(rows[3]!.map((c) => c?.value)).toEqual([1, 'Trường THPT Trần Phú', 98, 95, 95 / 98]);
    expect(rows[5]![4]).toBeUndefined(); // null with a style: formatting only
    expect(rows[6]!.slice(2).map((c) => [c?.formula, c?.value])).toEqual([
      ['SUM(C4:C6)', 108],
      ['SUM(D4:D6)', 95],
      ['IF(C7=0,"",D7/C7)', 95 / 108],
    ]);
    expect(rows[7]![1]).toMatchObject({ formula: 'C7&" người"', value: '108 người' });
    expect(rows[7]![2]).toMatchObject({ formula: 'C6-D6', value: 0 });
    expect(rows[8]!.map((c) => c?.value)).toEqual([true, false]);
    expect(rows[8]!.length).toBe(2); // NaN and Infinity are empty cells
  });

  it('keeps a text that starts with "=" as text', () => {
    const cell = summary!.rows[4]![1]!;
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    expect(cell.formula).toBeUndefined();
  });

  it('strips characters XML cannot carry, keeps tab, LF, CR and literal escapes', () => {
    const row = summary!.rows[9]!;
    expect(row[0]!.value).toBe('abcdef\tg\nh\r\ni');
    expect(row[1]!.value).toBe('literal _x000D_ & <tag> "quoted"');
  });

  it("truncates at Excel's 32,767-character cell limit without splitting a surrogate pair", () => {
    const row = summary!.rows[9]!;
    expect(row[2]!.value).toBe('x'.repeat(32_767));
    const emoji = row[3]!.value as string;
    expect(emoji.length).toBe(32_766);
    expect(emoji).toBe('😀'.repeat(16_383));
  });

  it('writes merges and fonts', () => {
    expect(summary!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 4 }]);
    expect(summary!.rows[2]![0]!.font).toEqual({ bold: true, name: 'Times New Roman' });
    expect(summary!.rows[3]![1]!.font).toEqual({ name: 'Times New Roman' });
    expect(reasons!.rows[0]![0]!.font).toEqual({ italic: true, name: 'Arial' });
  });
});

describe('xlsx writer: read back with exceljs', () => {
  it('has the styles: number formats, bold, borders, alignment, wrap', async () => {
    const workbook = await loadExcelJs(sample());
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    expect(sheet.getCell('C4').numFmt).toBe('#,##0');
    expect(sheet.getCell('E4').numFmt).toBe('0.0%');
    expect(sheet.getCell('E7').numFmt).toBe('0.0%');
    expect(sheet.getCell('A3').font).toMatchObject({ bold: true, name: 'Times New Roman', size: 12 });
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(sheet.getCell('B4').font).toMatchObject({ name: 'Times New Roman', size: 12 });
    expect(sheet.getCell('B4').font.bold).toBeFalsy();
    for (const side of ['top', 'left', 'bottom', 'right'] as const) expect(sheet.getCell('B4').border[side]?.style).toBe('thin');
    expect(sheet.getCell('A1').border?.top).toBeUndefined();
    expect(sheet.getCell('A3').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(sheet.getCell('B4').alignment).toMatchObject({ vertical: 'top', wrapText: true });
    expect(sheet.getCell('D9').numFmt).toBe('#,##0'); // a styled empty cell keeps its style
    expect(sheet.getCell('D9').value).toBeNull();
    const reasons = workbook.getWorksheet("Nguyên nhân 'A' 2")!;
    expect(reasons.getCell('A1').font).toMatchObject({ italic: true, underline: true, name: 'Arial', size: 11 });
  });

  it('has values and formulas as exceljs sees them', async () => {
    const sheet = (await loadExcelJs(sample())).getWorksheet('Tổng hợp')!;
    expect(sheet.getCell('B5').value).toBe('=HYPERLINK("http://x","y")');
    expect(sheet.getCell('C7').value).toEqual({ formula: 'SUM(C4:C6)', result: 108 });
    expect(sheet.getCell('E7').value).toEqual({ formula: 'IF(C7=0,"",D7/C7)', result: 95 / 108 });
    expect(sheet.getCell('B8').value).toEqual({ formula: 'C7&" người"', result: '108 người' });
    // exceljs's `value` drops a falsy result; the cell still has it.
    expect(sheet.getCell('C8').formula).toBe('C6-D6');
    expect(sheet.getCell('C8').result).toBe(0);
    expect(sheet.getCell('A9').value).toBe(true);
  });

  it('has column widths, row heights, the frozen header and the auto-filter', async () => {
    const sheet = (await loadExcelJs(sample())).getWorksheet('Tổng hợp')!;
    expect([1, 2, 3, 4, 5].map((c) => sheet.getColumn(c).width)).toEqual([6, 40, 12, 12, 14]);
    expect(sheet.getRow(1).height).toBe(30);
    expect(sheet.getRow(2).height).toBe(8);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, topLeftCell: 'A4' });
    expect(sheet.autoFilter).toBe('A3:E6');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getCell('E1').isMerged).toBe(true);
  });

  it('has the page setup and the rows repeated on printed pages', async () => {
    const workbook = await loadExcelJs(sample());
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet.pageSetup.margins).toMatchObject({ header: 0.3, footer: 0.3 });
    expect(sheet.pageSetup.margins!.left).toBeCloseTo(20 / 25.4, 5);
    expect(sheet.pageSetup.margins!.right).toBeCloseTo(15 / 25.4, 5);
    const reasons = workbook.getWorksheet("Nguyên nhân 'A' 2")!;
    expect(reasons.pageSetup.orientation).toBe('portrait');
    expect(reasons.pageSetup.fitToPage).toBeFalsy();
    expect(reasons.pageSetup.margins!.left).toBeCloseTo(30 / 25.4, 5);
    expect(workbook.worksheets.map((s) => s.state)).toEqual(['visible', 'visible', 'hidden', 'veryHidden']);
    expect(workbook.creator).toBe('consolidate');
    expect(workbook.modified?.toISOString()).toBe('2024-05-02T09:15:20.000Z');
  });
});

describe('xlsx writer: the package', () => {
  it('puts the parts of a worksheet in schema order and names the print titles', () => {
    const bytes = sample();
    const sheet = part(bytes, 'xl/worksheets/sheet1.xml');
    const order = ['<sheetPr>', '<dimension ref="A1:E10"/>', '<sheetViews>', '<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>', '<sheetFormatPr', '<cols>', '<sheetData>', '<autoFilter', '<mergeCells', '<pageMargins', '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'];
    const positions = order.map((tag) => sheet.indexOf(tag));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    const workbook = part(bytes, 'xl/workbook.xml');
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'Tổng hợp'!$3:$3</definedName>`);
    expect(workbook).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Tổng hợp'!$A$3:$E$6</definedName>`);
    expect(part(bytes, 'xl/sharedStrings.xml')).toContain('literal _x005F_x000D_ &amp; &lt;tag&gt; "quoted"');
  });

  it('gives every entry a correct CRC and the fixed modification time', () => {
    const entries = zipEntries(sample());
    expect(entries.map((e) => e.name)).toContain('[Content_Types].xml');
    for (const entry of entries) {
      expect(entry.crc, entry.name).toBe(nodeCrc32(entry.data));
      // 2024-05-02 09:15:20 as a DOS date and time (UTC wall-clock).
      expect(entry.dosDate).toBe(((2024 - 1980) << 9) | (5 << 5) | 2);
      expect(entry.dosTime).toBe((9 << 11) | (15 << 5) | 10);
    }
  });

  it('clamps times before 1980 to 1980-01-01', () => {
    const workbook = new WorkbookBuilder();
    workbook.addSheet('A').setCell(1, 1, 1);
    const entries = zipEntries(workbook.finish({ creator: 'c', created: new Date(0), modified: new Date(0) }));
    for (const entry of entries) expect([entry.dosDate, entry.dosTime]).toEqual([(0 << 9) | (1 << 5) | 1, 0]);
  });

  it('handles a worksheet head larger than one stored deflate block (64 KiB)', async () => {
    const workbook = new WorkbookBuilder();
    const sheet = workbook.addSheet('Wide');
    sheet.setColumnWidths(Array.from({ length: 3000 }, (_, i) => 8 + (i % 5)));
    sheet.setCell(1, 3000, 'last');
    const bytes = workbook.finish(META);
    const entry = zipEntries(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    expect(entry.data.length).toBeGreaterThan(2 * 65_536);
    expect(entry.crc).toBe(nodeCrc32(entry.data));
    const loaded = (await loadExcelJs(bytes)).getWorksheet('Wide')!;
    expect(loaded.getColumn(3000).width).toBe(12);
    expect(loaded.getCell(1, 3000).value).toBe('last');
  });

  it('computes CRC-32 like zlib, also combined from two parts', () => {
    const data = new TextEncoder().encode('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'.repeat(1000));
    expect(crc32(data)).toBe(nodeCrc32(data));
    for (const cut of [0, 1, 7, 8, 9, 1000, data.length - 1, data.length]) {
      expect(crc32Combine(crc32(data.subarray(0, cut)), crc32(data.subarray(cut)), data.length - cut)).toBe(nodeCrc32(data));
    }
  });

  it('is deterministic: the same calls give the same bytes, in any time zone', () => {
    const first = sample();
    expect(sample()).toEqual(first);
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset()).toBe(300);
      const newYork = sample();
      process.env.TZ = 'Asia/Ho_Chi_Minh';
      expect(sample()).toEqual(newYork);
      expect(newYork).toEqual(first);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('writes inline strings when asked, with the same content', () => {
    const build = (strings: 'shared' | 'inline') => {
      const workbook = new WorkbookBuilder({ strings });
      const sheet = workbook.addSheet('S');
      sheet.setCell(1, 1, ' padded _x0041_ ');
      sheet.setCell(1, 2, '=1+1');
      return workbook.finish(META);
    };
    const inline = build('inline');
    expect(Object.keys(unzipSync(inline))).not.toContain('xl/sharedStrings.xml');
    expect(part(inline, 'xl/worksheets/sheet1.xml')).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve"> padded _x005F_x0041_ </t></is></c>');
    expect(readXlsx(inline).sheets[0]!.rows).toEqual(readXlsx(build('shared')).sheets[0]!.rows);
  });
});

describe('xlsx writer: refuses what Excel would repair or reject', () => {
  const sheetOf = (): SheetBuilder => new WorkbookBuilder().addSheet('S');

  it('refuses bad sheet names', () => {
    const workbook = new WorkbookBuilder();
    workbook.addSheet('Tổng hợp');
    for (const name of ['', 'a'.repeat(32), 'a/b', 'a[1]', 'a:b', 'a*', 'a?', 'a\\b', "'quoted'", 'History', 'TỔNG HỢP', 'tab\there']) {
      expect(() => workbook.addSheet(name), name).toThrow(RangeError);
    }
    expect(workbook.addSheet('a'.repeat(31)).name).toBe('a'.repeat(31));
    expect(workbook.addSheet("Bob's").name).toBe("Bob's");
  });

  it('refuses widths, heights and page setups Excel cannot show', () => {
    const sheet = sheetOf();
    expect(() => sheet.setColumnWidths([10, 0])).toThrow(RangeError);
    expect(() => sheet.setColumnWidths([256])).toThrow(RangeError);
    expect(() => sheet.setColumnWidths([Number.NaN])).toThrow(RangeError);
    expect(() => sheet.setRowHeight(1, 410)).toThrow(RangeError);
    expect(() => sheet.setPageSetup({ orientation: 'portrait', paper: 'A4', marginsMm: { left: -1, right: 0, top: 0, bottom: 0 } })).toThrow(RangeError);
    expect(() => sheet.setCell(1, 1, 'x', { font: { size: 0 } })).toThrow(RangeError);
    expect(() => sheet.setCell(1, 1, { formula: '=', result: 0 })).toThrow(/empty formula/);
  });

  it('refuses rows written out of order, and cells outside the sheet', () => {
    const sheet = sheetOf();
    sheet.setCell(5, 2, 'x');
    sheet.setCell(5, 1, 'y');
    sheet.setCell(6, 1, 'z');
    expect(() => sheet.setCell(5, 3, 'late')).toThrow(/already written/);
    expect(() => sheet.setRowHeight(4, 20)).toThrow(/already written/);
    expect(() => sheet.setCell(0, 1, 'x')).toThrow(RangeError);
    expect(() => sheet.setCell(7, 16_385, 'x')).toThrow(RangeError);
    expect(() => sheet.setCell(1.5, 1, 'x')).toThrow(RangeError);
  });

  it('refuses overlapping merges and ignores one-cell merges', () => {
    const workbook = new WorkbookBuilder();
    const sheet = workbook.addSheet('S');
    sheet.merge(1, 1, 2, 3);
    expect(() => sheet.merge(2, 3, 4, 4)).toThrow(/overlaps/);
    sheet.merge(3, 1, 3, 1);
    sheet.setCell(1, 1, 'x');
    expect(readXlsx(workbook.finish(META)).sheets[0]!.merges).toEqual([{ top: 0, left: 0, bottom: 1, right: 2 }]);
  });

  it('checks thousands of merges quickly, tall ones included', () => {
    const sheet = sheetOf();
    const started = performance.now();
    for (let row = 1; row <= 20_000; row++) sheet.merge(row, 2, row, 4);
    sheet.merge(1, 6, 5_000, 6);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(() => sheet.merge(4_000, 1, 4_000, 2)).toThrow(/B4000:D4000/);
    expect(() => sheet.merge(4_990, 6, 5_010, 7)).toThrow(/F1:F5000/);
  });

  it('finishes a sheet when the next one is added, and the workbook once', () => {
    const workbook = new WorkbookBuilder();
    const first = workbook.addSheet('A');
    workbook.addSheet('B');
    expect(() => first.setCell(1, 1, 'x')).toThrow(/finished/);
    workbook.finish(META);
    expect(() => workbook.finish(META)).toThrow(/finished/);
    expect(() => workbook.addSheet('C')).toThrow(/finished/);
  });

  it('needs a visible sheet', () => {
    expect(() => new WorkbookBuilder().finish(META)).toThrow(/at least one sheet/);
    const workbook = new WorkbookBuilder();
    workbook.addSheet('A', { state: 'hidden' });
    expect(() => workbook.finish(META)).toThrow(/visible/);
  });

  it('selects the first visible sheet when the first one is hidden', async () => {
    const workbook = new WorkbookBuilder();
    workbook.addSheet('Hidden', { state: 'hidden' }).setCell(1, 1, 'h');
    workbook.addSheet('Shown').setCell(1, 1, 's');
    const bytes = workbook.finish(META);
    expect(part(bytes, 'xl/workbook.xml')).toContain('firstSheet="1" activeTab="1"');
    expect(part(bytes, 'xl/worksheets/sheet2.xml')).toContain('tabSelected="1"');
    expect(part(bytes, 'xl/worksheets/sheet1.xml')).not.toContain('tabSelected');
    expect((await loadExcelJs(bytes)).getWorksheet('Shown')!.getCell('A1').value).toBe('s');
  });
});

/** One summary-shaped row: ordinal, unit, three counts, a rate, a repeated reason, a sparse note. */
function writeRows(sheet: SheetBuilder, rows: number): void {
  const reasons = Array.from({ length: 40 }, (_, i) => `Nguyên nhân ${i}: đang công tác xa, nghỉ thai sản, chưa có tài khoản`);
  const border: CellStyle = { border: true };
  for (let r = 2; r <= rows + 1; r++) {
    const total = ((r * 7919) % 1500) + 10;
    const registered = total - (r % 13);
    sheet.setCell(r, 1, r - 1, border);
    sheet.setCell(r, 2, `Trường số ${r}`, TEXT);
    sheet.setCell(r, 3, total, COUNT);
    sheet.setCell(r, 4, registered, COUNT);
    sheet.setCell(r, 5, total - registered, COUNT);
    sheet.setCell(r, 6, registered / total, RATE);
    sheet.setCell(r, 7, total > registered ? reasons[r % reasons.length]! : null, TEXT);
    sheet.setCell(r, 8, r % 10 === 0 ? 'Nộp muộn' : null, TEXT);
  }
}

describe('xlsx writer: size and speed', () => {
  it('writes 50,000 rows × 8 columns in well under 5 s', () => {
    // Processor time, not wall-clock time: the bound should hold on a busy shared machine too.
    const started = process.cpuUsage();
    const workbook = new WorkbookBuilder();
    const sheet = workbook.addSheet('Tổng hợp');
    sheet.freezeRows(1);
    writeRows(sheet, 50_000);
    const bytes = workbook.finish(META);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(5_000);
    expect(bytes.length).toBeLessThan(5_000_000);
    const grid = readXlsx(bytes);
    expect(grid.sheets[0]!.rows.length).toBe(50_001);
    expect(grid.sheets[0]!.rows[50_000]![0]!.value).toBe(50_000);
  });
});

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const hasSsconvert = spawnSync('ssconvert', ['--version'], { encoding: 'utf8' }).status === 0;

describe('xlsx writer: other spreadsheet programs open it', () => {
  it.skipIf(!hasSoffice)('LibreOffice converts it to CSV', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-writer-'));
    try {
      writeFileSync(join(dir, 'book.xlsx'), sample());
      const run = spawnSync(
        'soffice',
        [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, join(dir, 'book.xlsx')],
        { encoding: 'utf8', timeout: 55_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const csv = readFileSync(join(dir, 'book.csv'), 'utf8');
      const lines = csv.split('\n');
      expect(lines[0]).toBe('BÁO CÁO TỔNG HỢP,,,,');
      expect(lines[2]).toBe('TT,Đơn vị,Tổng số,Đã đăng ký,Tỷ lệ');
      expect(lines[3]).toBe('1,Trường THPT Trần Phú,98,95,96.9%');
      expect(lines[4]).toBe('2,"=HYPERLINK(""http://x"",""y"")",10,0,0.0%');
      expect(lines[6]).toBe(',Tổng cộng,108,95,88.0%');
      expect(lines[7]).toBe(',108 người,0,,');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasSsconvert)('Gnumeric converts it to CSV', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-writer-'));
    try {
      writeFileSync(join(dir, 'book.xlsx'), sample());
      const run = spawnSync('ssconvert', [join(dir, 'book.xlsx'), join(dir, 'book.csv')], { encoding: 'utf8', timeout: 55_000 });
      expect(run.status, run.stderr).toBe(0);
      const csv = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.csv'))!), 'utf8');
      expect(run.stderr).toBe('');
      expect(csv.split('\n').slice(0, 9)).toEqual([
        '"BÁO CÁO TỔNG HỢP",,,,',
        ',,,,',
        'TT,"Đơn vị","Tổng số","Đã đăng ký","Tỷ lệ"',
        `1,"Trường THPT Trần Phú",98,95,${95 / 98}`,
        '2,"=HYPERLINK(""http://x"",""y"")",10,0,0',
        '3,"Sở Tư pháp",0,0,',
        `,"Tổng cộng",108,95,${95 / 108}`,
        ',"108 người",0,,',
        'TRUE,FALSE,,,',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
