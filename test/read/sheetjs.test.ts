import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Cell, type Grid } from '../../src/read/grid.js';
import * as sheetjsModule from '../../src/read/sheetjs/read-sheetjs.js';
import { readWithSheetJs } from '../../src/read/sheetjs/read-sheetjs.js';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { at, expectFailure } from '../helpers/read-failure.js';

// ---------------------------------------------------------------------------
// helpers

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))));
const realFixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/real/${name}`, import.meta.url))));

/** A copy of the grid with one cell replaced, for the differences the writers themselves make. */
function withCell(grid: Grid, sheetIndex: number, address: string, cell: Cell): Grid {
  const copy: Grid = structuredClone(grid);
  const match = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = match[1]!.charCodeAt(0) - 65;
  copy.sheets[sheetIndex]!.rows[Number(match[2]) - 1]![col] = cell;
  return copy;
}

/** JSON round trip: sparse rows and frozen shared objects compare by content only. */
const plain = (grid: Grid): unknown => JSON.parse(JSON.stringify(grid));

const ODS_CONTENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"' +
  ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"' +
  ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"' +
  ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2">';

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">' +
  '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' +
  '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';

/** A minimal .ods: content.xml around the given automatic styles and tables. */
function buildOds(tables: string, automaticStyles = '', extra: Record<string, string> = {}): Uint8Array {
  const content = `${ODS_CONTENT_HEAD}<office:automatic-styles>${automaticStyles}</office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
  const files: Record<string, Uint8Array> = {
    mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
    'META-INF/manifest.xml': strToU8(MANIFEST),
    'content.xml': strToU8(content),
  };
  for (const [name, text] of Object.entries(extra)) files[name] = strToU8(text);
  return zipSync(files, { level: 6 });
}

// ---------------------------------------------------------------------------
// The same workbook, saved by LibreOffice as .xlsx, .xls and .ods
// (test/read/fixtures/make-legacy-formats.sh)

describe('readWithSheetJs: one LibreOffice workbook in three formats', () => {
  const xlsx = readXlsx(fixture('legacy-source.xlsx'));
  const xls = readWithSheetJs(fixture('legacy-source.xls'), 'xls');
  const ods = readWithSheetJs(fixture('legacy-source.ods'), 'ods');

  it('gives the .xls the Grid the xlsx reader gives the .xlsx: values, formulas, fonts, merges, hidden flags', () => {
    // LibreOffice writes the boolean formula as the BIFF constant TRUE, and as TRUE() in OOXML.
    expect(at(xls.sheets[0]!, 'C7')).toEqual({ value: true, formula: 'TRUE', font: { name: 'Calibri' } });
    expect(at(xlsx.sheets[0]!, 'C7')).toEqual({ value: true, formula: 'TRUE()', font: { name: 'Calibri' } });
    expect(plain(withCell(xls, 0, 'C7', at(xlsx.sheets[0]!, 'C7')!))).toEqual(plain(xlsx));
  });

  it('gives the .ods the Grid the xlsx reader gives the .xlsx, booleans aside', () => {
    // OpenDocument stores a formula's TRUE as the float 1 (value-type "float"): nothing says boolean.
    expect(at(ods.sheets[0]!, 'C7')).toEqual({ value: 1, formula: 'TRUE()', font: { name: 'Calibri' } });
    expect(plain(withCell(ods, 0, 'C7', at(xlsx.sheets[0]!, 'C7')!))).toEqual(plain(xlsx));
  });

  it.each([
    ['xls', xls],
    ['ods', ods],
  ])('reads every detail of the %s', (_kind, grid) => {
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 1', false],
      ['Ẩn', true],
    ]);
    const sheet = grid.sheets[0]!;
    expect(at(sheet, 'A1')).toEqual({ value: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', font: { name: 'Times New Roman', bold: true } });
    // Only the top-left cell of a merge holds anything.
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    expect(at(sheet, 'B1')).toBeUndefined();
    expect(at(sheet, 'C1')).toBeUndefined();
    expect(sheet.rows[1]).toEqual([]);
    expect(at(sheet, 'B4')?.value).toBe('Trường THPT Lê Quý Đôn');
    expect(at(sheet, 'C4')?.value).toBe(120);
    expect(at(sheet, 'B7')?.value).toBe(2.5);
    expect(at(sheet, 'C6')).toMatchObject({ value: 165, formula: 'SUM(C4:C5)' });
    expect(at(sheet, 'A7')).toMatchObject({ value: { error: '#DIV/0!' }, formula: '1/0' });
    expect(at(sheet, 'B6')).toBeUndefined();
    // The legacy-encoding fonts survive, with their bold and italic.
    expect(at(sheet, 'D7')).toEqual({ value: 'Tr\u00eang', font: { name: '.VnTime', italic: true } });
    expect(at(sheet, 'E7')).toEqual({ value: 'Nguyễn', font: { name: 'VNI-Times', bold: true } });
    expect(at(sheet, 'A3')?.font).toEqual({ name: 'Times New Roman', bold: true, italic: true });
    expect(sheet.hiddenRows).toEqual([4]);
    expect(sheet.hiddenColumns).toEqual([4]);
    expect(sheet.rows).toHaveLength(7);
    const hidden = grid.sheets[1]!;
    expect(at(hidden, 'A1')?.value).toBe('secret');
    expect(at(hidden, 'B2')?.value).toBe(42);
  });

  it('exports only functions, so importing it lazily runs nothing', () => {
    expect(Object.values(sheetjsModule).every((value) => typeof value === 'function')).toBe(true);
  });
});

// ---------------------------------------------------------------------------

describe('readWithSheetJs: real-world fixtures', () => {
  it('reads the TCVN3 .xls with its .VnTime fonts, so the text can be decoded', () => {
    const sheet = readWithSheetJs(realFixture('legacy-tcvn3-vntime.xls'), 'xls').sheets[0]!;
    expect(at(sheet, 'B11')).toEqual({ value: 'Tr\u00adêng THPT B¹ch §»ng', font: { name: '.VnTime' } });
    expect(at(sheet, 'B10')?.font).toEqual({ name: '.VnTimeH', bold: true });
    expect(at(sheet, 'C11')).toEqual({ value: 79, font: { name: 'Times New Roman' } });
  });

  it('reads the .xls and .ods forms saved by LibreOffice', () => {
    const xls = readWithSheetJs(realFixture('format-xls.xls'), 'xls').sheets[0]!;
    expect(at(xls, 'B11')?.value).toBe('Trung tâm GDNN-GDTX huyện Tiên Lãng');
    expect(at(xls, 'C11')?.value).toBe(37);
    const ods = readWithSheetJs(realFixture('format-ods.ods'), 'ods').sheets[0]!;
    expect(at(ods, 'B11')?.value).toBe('Trường THPT Nguyễn Bỉnh Khiêm');
    expect(at(ods, 'C11')?.value).toBe(81);
    expect(ods.rows.flat().some((cell) => cell?.formula !== undefined)).toBe(true);
  });
});

// ---------------------------------------------------------------------------

describe('readWithSheetJs: .ods details SheetJS leaves out', () => {
  const styles =
    '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>' +
    '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>' +
    '<style:style style:name="ce1" style:family="table-cell"><style:text-properties style:font-name="VnTime" fo:font-weight="700"/></style:style>' +
    '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Heading"/>';
  const commonStyles =
    '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"' +
    ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"' +
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0">' +
    '<office:font-face-decls><style:font-face style:name="VnTime" svg:font-family="&apos;.VnTime&apos;"/></office:font-face-decls>' +
    '<office:styles><style:default-style style:family="table-cell"><style:text-properties style:font-name="Arial"/></style:default-style>' +
    '<style:style style:name="Heading" style:family="table-cell"><style:text-properties fo:font-family="VNI-Times" fo:font-style="oblique"/></style:style>' +
    '</office:styles></office:document-styles>';
  const tables =
    '<table:table table:name="Một" table:style-name="ta1">' +
    '<table:table-column table:number-columns-repeated="2"/><table:table-column table:visibility="collapse"/>' +
    '<table:table-row><table:table-cell table:style-name="ce1" office:value-type="string"><text:p>A</text:p></table:table-cell>' +
    '<table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>' +
    '<table:table-cell table:style-name="ce2" office:value-type="string"><text:p>H</text:p></table:table-cell></table:table-row>' +
    '<table:table-row table:visibility="collapse" table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>' +
    '<table:table-row table:visibility="filter"><table:table-cell/></table:table-row>' +
    '<table:table-row><table:table-cell office:value-type="string"><text:p>end</text:p></table:table-cell></table:table-row>' +
    '<table:table-row table:visibility="collapse" table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>' +
    '</table:table>' +
    '<table:table table:name="Hai" table:style-name="ta2"><table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>';
  const grid = readWithSheetJs(buildOds(tables, styles, { 'styles.xml': commonStyles }), 'ods');

  it('flags the hidden sheet', () => {
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Một', false],
      ['Hai', true],
    ]);
  });

  it('knows hidden rows (collapsed or filtered, repeats expanded, none past the last row) and columns', () => {
    const sheet = grid.sheets[0]!;
    expect(sheet.hiddenRows).toEqual([1, 2, 3]);
    expect(sheet.hiddenColumns).toEqual([2]);
  });

  it('resolves fonts through font faces, parent styles and the default cell style', () => {
    const sheet = grid.sheets[0]!;
    expect(at(sheet, 'A1')).toEqual({ value: 'A', font: { name: '.VnTime', bold: true } });
    expect(at(sheet, 'B1')).toEqual({ value: 3, font: { name: 'Arial' } });
    expect(at(sheet, 'C1')).toEqual({ value: 3, font: { name: 'Arial' } });
    expect(at(sheet, 'D1')).toEqual({ value: 'H', font: { name: 'VNI-Times', italic: true } });
    expect(at(sheet, 'A2')?.value).toBe(7);
    expect(at(sheet, 'A3')?.value).toBe(7);
    expect(at(sheet, 'A5')?.value).toBe('end');
    expect(sheet.rows).toHaveLength(5);
  });

  it('counts repeated cells before SheetJS would build them', () => {
    const bomb = buildOds(
      '<table:table table:name="S"><table:table-row table:number-rows-repeated="1000000">' +
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>' +
        '</table:table-row></table:table>',
    );
    const started = Date.now();
    const failure = expectFailure(() => readWithSheetJs(bomb, 'ods'), 'file-too-many-cells');
    expect(failure.params).toMatchObject({ sheet: 'S' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a DOCTYPE', () => {
    const content = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><office:document-content/>';
    const bytes = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'),
      'META-INF/manifest.xml': strToU8(MANIFEST),
      'content.xml': strToU8(content),
    });
    expectFailure(() => readWithSheetJs(bytes, 'ods'), 'file-xml-doctype');
  });

  it('inflates every entry through the bounded unzip before SheetJS sees it', () => {
    const bytes = buildOds('<table:table table:name="S"/>', '', { 'Thumbnails/big.bin': 'x'.repeat(200_000) });
    const failure = expectFailure(() => readWithSheetJs(bytes, 'ods', { maxEntryInflatedBytes: 100_000 }), 'file-zip-bomb');
    expect(failure.params).toMatchObject({ entry: 'Thumbnails/big.bin' });
  });
});

// ---------------------------------------------------------------------------

describe('readWithSheetJs: .xlsb', () => {
  function buildXlsb(): Uint8Array {
    const workbook = XLSX.utils.book_new();
    const first = XLSX.utils.aoa_to_sheet([
      ['Đơn vị', 'Tổng số'],
      ['Trường THPT Lê Quý Đôn', 120],
      ['Tổng cộng', null],
    ]);
    first['B3'] = { t: 'n', v: 120, f: 'SUM(B2:B2)' }; // SheetJS CE writes the value only
    first['C1'] = { t: 'e', v: 0x17 };
    first['!ref'] = 'A1:C3';
    first['!merges'] = [XLSX.utils.decode_range('A3:A4')];
    first['!rows'] = [undefined as unknown as XLSX.RowInfo, { hidden: true }];
    XLSX.utils.book_append_sheet(workbook, first, 'Biểu 1');
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['x']]), 'Ẩn');
    workbook.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 2 }] };
    return new Uint8Array(XLSX.write(workbook, { bookType: 'xlsb', type: 'array' }) as ArrayBuffer);
  }

  it('reads values, formulas, errors, merges, very hidden sheets and hidden rows', () => {
    const grid = readWithSheetJs(buildXlsb(), 'xlsb');
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 1', false],
      ['Ẩn', true],
    ]);
    const sheet = grid.sheets[0]!;
    expect(at(sheet, 'A2')).toEqual({ value: 'Trường THPT Lê Quý Đôn' });
    expect(at(sheet, 'B2')).toEqual({ value: 120 });
    expect(at(sheet, 'B3')?.value).toBe(120);
    expect(at(sheet, 'C1')).toEqual({ value: { error: '#REF!' } });
    expect(sheet.merges).toEqual([{ top: 2, left: 0, bottom: 3, right: 0 }]);
    expect(sheet.hiddenRows).toEqual([1]);
    // Read without cellStyles (which would build a stub for every formatted blank): columns unknown.
    expect(sheet.hiddenColumns).toBeUndefined();
  });

  it('refuses a zip bomb before SheetJS inflates it', () => {
    expectFailure(() => readWithSheetJs(buildXlsb(), 'xlsb', { maxInflatedBytes: 1000 }), 'file-zip-bomb');
  });
});

// ---------------------------------------------------------------------------

describe('readWithSheetJs: limits and quiet', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses an empty file and a file over the size limit before parsing', () => {
    expectFailure(() => readWithSheetJs(new Uint8Array(0), 'xls'), 'file-empty');
    const bytes = fixture('legacy-source.xls');
    const failure = expectFailure(() => readWithSheetJs(bytes, 'xls', { maxFileBytes: 1000 }), 'file-too-large');
    expect(failure.params).toEqual({ actual: bytes.length, limit: 1000 });
  });

  it('counts .xls cells from the record stream', () => {
    const failure = expectFailure(() => readWithSheetJs(fixture('legacy-source.xls'), 'xls', { maxCells: 10 }), 'file-too-many-cells');
    expect(failure.params).toEqual({ limit: 10, sheet: 'Biểu 1' });
  });

  it('counts cells and the empty rows between them as the xlsx reader does', () => {
    // 25 cells with content, plus the empty row 2: the same budget in every format.
    const read = {
      xlsx: (maxCells: number) => readXlsx(fixture('legacy-source.xlsx'), { maxCells }),
      xls: (maxCells: number) => readWithSheetJs(fixture('legacy-source.xls'), 'xls', { maxCells }),
      ods: (maxCells: number) => readWithSheetJs(fixture('legacy-source.ods'), 'ods', { maxCells }),
    };
    for (const readWith of Object.values(read)) {
      expect(() => readWith(26)).not.toThrow();
      expectFailure(() => readWith(25), 'file-too-many-cells');
    }
  });

  it('keeps SheetJS from writing to the console, and gives the console back', () => {
    const error = console.error;
    const spy = vi.spyOn(process.stderr, 'write');
    readWithSheetJs(fixture('legacy-source.ods'), 'ods');
    expect(spy).not.toHaveBeenCalled();
    expect(console.error).toBe(error);
  });

  it('leaves an encrypted .xls to SheetJS, which refuses it', () => {
    // The fixture's Workbook stream with a FILEPASS record (RC4) after the first BOF.
    const cfb = XLSX.CFB as {
      read(data: Uint8Array, options: { type: string }): unknown;
      find(container: unknown, path: string): { content: Uint8Array; size: number };
      write(container: unknown, options: { type: string }): Uint8Array;
    };
    const container = cfb.read(fixture('legacy-source.xls'), { type: 'array' });
    const entry = cfb.find(container, 'Workbook');
    const stream = new Uint8Array(entry.content);
    const bofEnd = 4 + (stream[2]! | (stream[3]! << 8));
    const filePass = new Uint8Array(4 + 54);
    filePass.set([0x2f, 0x00, 54, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00]);
    const encrypted = new Uint8Array(stream.length + filePass.length);
    encrypted.set(stream.subarray(0, bofEnd), 0);
    encrypted.set(filePass, bofEnd);
    encrypted.set(stream.subarray(bofEnd), bofEnd + filePass.length);
    entry.content = encrypted;
    entry.size = encrypted.length;
    const bytes = new Uint8Array(cfb.write(container, { type: 'array' }));
    expect(() => readWithSheetJs(bytes, 'xls')).toThrow('File is password-protected');
  });

  it('turns a damaged file into an error, not a Grid', () => {
    const bytes = fixture('legacy-source.xls').slice(0, 1500);
    expect(() => readWithSheetJs(bytes, 'xls')).toThrow();
  });
});
