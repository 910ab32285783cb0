import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Grid, type Sheet } from '../../src/read/grid.js';
import { DEFAULT_LIMITS } from '../../src/read/xlsx/limits.js';
import { readXlsx, resolveTarget, shiftFormula } from '../../src/read/xlsx/read-xlsx.js';
import {
  buildRawZip,
  buildWorkbook,
  buildZip,
  deflatedEntry,
  deflateZeros,
  MAIN_NS,
  sheetXml,
  workbookParts,
  type TestWorkbook,
} from './zip-builder.js';
import { at, expectFailure } from '../helpers/read-failure.js';

// ---------------------------------------------------------------------------
// helpers

function read(workbook: TestWorkbook): Grid {
  return readXlsx(buildWorkbook(workbook));
}

function oneSheet(rowsXml: string, extra: Partial<TestWorkbook> = {}): Sheet {
  return read({ sheets: [{ name: 'Sheet1', xml: sheetXml(rowsXml) }], ...extra }).sheets[0]!;
}

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))));

// ---------------------------------------------------------------------------

describe('readXlsx: cell values', () => {
  it('reads every cell type', () => {
    const sheet = oneSheet(
      `<row r="1">
        <c r="A1"><v>42</v></c>
        <c r="B1" t="n"><v>-1.5E-3</v></c>
        <c r="C1" t="s"><v>1</v></c>
        <c r="D1" t="inlineStr"><is><t>inline</t></is></c>
        <c r="E1" t="b"><v>1</v></c>
        <c r="F1" t="b"><v>0</v></c>
        <c r="G1" t="e"><v>#REF!</v></c>
        <c r="H1" t="d"><v>2024-03-01T00:00:00Z</v></c>
        <c r="I1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>
      </row>`,
      { sharedStrings: ['zero', 'Trường THPT Lê Quý Đôn'] },
    );
    const row = sheet.rows[0]!.map((c) => c?.value);
    expect(row).toEqual([42, -0.0015, 'Trường THPT Lê Quý Đôn', 'inline', true, false, { error: '#REF!' }, '2024-03-01T00:00:00Z', 'ab']);
    expect(at(sheet, 'I1')?.formula).toBe('"a"&"b"');
  });

  it('keeps a cached formula result of 0 as 0, and a missing or empty one as null', () => {
    const sheet = oneSheet(
      `<row r="1">
        <c r="A1"><f>B1-C1</f><v>0</v></c>
        <c r="B1"><f>SUM(C1:C9)</f></c>
        <c r="C1"><f>=1+1</f><v></v></c>
        <c r="D1" t="str"><f>""</f><v></v></c>
        <c r="E1"><v>0</v></c>
      </row>`,
    );
    expect(at(sheet, 'A1')).toEqual({ value: 0, formula: 'B1-C1' });
    expect(at(sheet, 'B1')).toEqual({ value: null, formula: 'SUM(C1:C9)' });
    expect(at(sheet, 'C1')).toEqual({ value: null, formula: '1+1' });
    expect(at(sheet, 'D1')).toEqual({ value: null, formula: '""' });
    expect(at(sheet, 'E1')).toEqual({ value: 0 });
  });

  it('leaves formatting-only cells empty and places cells by reference', () => {
    const sheet = oneSheet(`<row r="2"><c r="A2" s="0"/><c r="C2"><v>1</v></c></row><row r="5"><c r="B5"><v>2</v></c></row>`);
    expect(sheet.rows.length).toBe(5);
    expect(sheet.rows[0]).toEqual([]);
    expect(at(sheet, 'A2')).toBeUndefined();
    expect(at(sheet, 'C2')?.value).toBe(1);
    expect(at(sheet, 'B5')?.value).toBe(2);
    for (const row of sheet.rows) expect(Array.isArray(row)).toBe(true); // no holes between rows
  });

  it('follows the previous cell and row when r is missing', () => {
    const sheet = oneSheet(`<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>`);
    expect(at(sheet, 'A1')?.value).toBe(1);
    expect(at(sheet, 'B1')?.value).toBe(2);
    expect(at(sheet, 'C2')?.value).toBe(3);
    expect(at(sheet, 'D2')?.value).toBe(4);
    expect(at(sheet, 'A3')?.value).toBe(5);
  });

  it('keeps array formula text, and data table cells as TABLE()', () => {
    const sheet = oneSheet(
      `<row r="1"><c r="A1"><f t="array" ref="A1:A2">SUM(B1:B2*C1:C2)</f><v>7</v></c><c r="B1"><f t="dataTable" ref="B1:B2" dt2D="0" dtr="0" r1="D1"/><v>3</v></c></row>
       <row r="2"><c r="A2"><v>7</v></c></row>`,
    );
    expect(at(sheet, 'A1')).toEqual({ value: 7, formula: 'SUM(B1:B2*C1:C2)' });
    expect(at(sheet, 'A2')).toEqual({ value: 7 });
    expect(at(sheet, 'B1')).toEqual({ value: 3, formula: 'TABLE(,D1)' });
  });

  it('refuses a shared string index that does not exist', () => {
    expectFailure(() => oneSheet(`<row r="1"><c r="A1" t="s"><v>5</v></c></row>`, { sharedStrings: ['a'] }), 'file-corrupt-xml');
  });
});

describe('readXlsx: shared formulas', () => {
  it('gives followers the master formula shifted by their offset', () => {
    const sheet = oneSheet(
      `<row r="2"><c r="C2"><f t="shared" ref="C2:D4" si="0">A2+$B2*B$1+$A$1+SUM(A2:B2)</f><v>1</v></c><c r="D2"><f t="shared" si="0"/><v>2</v></c></row>
       <row r="3"><c r="C3"><f t="shared" si="0"/><v>3</v></c></row>
       <row r="4"><c r="D4"><f t="shared" si="0"/><v>0</v></c></row>`,
    );
    expect(at(sheet, 'C2')?.formula).toBe('A2+$B2*B$1+$A$1+SUM(A2:B2)');
    expect(at(sheet, 'D2')?.formula).toBe('B2+$B2*C$1+$A$1+SUM(B2:C2)');
    expect(at(sheet, 'C3')?.formula).toBe('A3+$B3*B$1+$A$1+SUM(A3:B3)');
    expect(at(sheet, 'D4')).toEqual({ value: 0, formula: 'B4+$B4*C$1+$A$1+SUM(B4:C4)' });
  });

  it('keeps separate shared groups apart', () => {
    const sheet = oneSheet(
      `<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>1</v></c><c r="B1"><f t="shared" ref="B1:B2" si="1">C1*3</f><v>1</v></c></row>
       <row r="2"><c r="A2"><f t="shared" si="0"/><v>1</v></c><c r="B2"><f t="shared" si="1"/><v>1</v></c></row>`,
    );
    expect(at(sheet, 'A2')?.formula).toBe('B2*2');
    expect(at(sheet, 'B2')?.formula).toBe('C2*3');
  });

  it('shifts only references', () => {
    expect(shiftFormula('SUM(A1:A3)/LOG10(B2)', 1, 0)).toBe('SUM(A2:A4)/LOG10(B3)');
    expect(shiftFormula('"A1"&A1&\'Sheet A1\'!A1&Sheet2!B2', 1, 1)).toBe('"A1"&B2&\'Sheet A1\'!B2&Sheet2!C3');
    expect(shiftFormula('IF(TRUE,1E+5,2.5)+A1', 2, 0)).toBe('IF(TRUE,1E+5,2.5)+A3');
    expect(shiftFormula('SUM(A:B)+SUM(1:2)+SUM($A:$A)+SUM($1:$1)', 1, 1)).toBe('SUM(B:C)+SUM(2:3)+SUM($A:$A)+SUM($1:$1)');
    expect(shiftFormula('Table1[[#This Row],[A1]]+_xlfn.XLOOKUP(A1,B:B,C:C)', 1, 0)).toBe('Table1[[#This Row],[A1]]+_xlfn.XLOOKUP(A2,B:B,C:C)');
    expect(shiftFormula('A1+#REF!', -1, 0)).toBe('#REF!+#REF!');
    expect(shiftFormula('Z1+XFD1', 0, 1)).toBe('AA1+#REF!');
  });
});

describe('readXlsx: strings', () => {
  it('concatenates rich text runs, skips phonetic runs and keeps whitespace exactly', () => {
    const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">
      <si><r><rPr><b/></rPr><t>Đơn </t></r><r><t xml:space="preserve">  vị </t></r></si>
      <si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>
      <si><t xml:space="preserve">
 dòng 1
dòng 2 </t></si>
      <si><t>a_x000D_b_x005F_x000D_</t></si>
      <si><t/></si>
    </sst>`;
    const sheet = oneSheet(
      `<row r="1">${[0, 1, 2, 3, 4].map((i) => `<c t="s"><v>${i}</v></c>`).join('')}<c t="inlineStr"><is><r><t>x</t></r><r><t> y</t></r></is></c></row>`,
      { sharedStrings: sst },
    );
    expect(sheet.rows[0]!.map((c) => c?.value)).toEqual(['Đơn   vị ', '漢字', '\n dòng 1\ndòng 2 ', 'a\rb_x000D_', '', 'x y']);
  });
});

describe('readXlsx: workbook structure', () => {
  it('reads sheet names in order and hidden states', () => {
    const grid = read({
      sheets: [
        { name: 'Biểu 1', xml: sheetXml('') },
        { name: 'Ẩn', xml: sheetXml(''), state: 'hidden' },
        { name: 'Rất ẩn', xml: sheetXml(''), state: 'veryHidden' },
        { name: 'Hiện', xml: sheetXml(''), state: 'visible' },
      ],
    });
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 1', false],
      ['Ẩn', true],
      ['Rất ẩn', true],
      ['Hiện', false],
    ]);
  });

  it('reads merges, hidden rows and hidden columns', () => {
    const sheet = oneSheet(
      `<row r="1"><c r="A1"><v>1</v></c></row><row r="3" hidden="1"><c r="A3"><v>3</v></c></row><row r="4" hidden="true"/><row r="5" hidden="0"/>`,
      {},
    );
    expect(sheet.merges).toEqual([]);
    const withLayout = read({
      sheets: [
        {
          name: 'S',
          xml: sheetXml(
            `<row r="1"><c r="A1"><v>1</v></c></row><row r="3" hidden="1"/>`,
            `<mergeCells count="2"><mergeCell ref="A1:F1"/><mergeCell ref="B2:B4"/></mergeCells>`,
            `<cols><col min="2" max="3" hidden="1" width="0"/><col min="5" max="5" width="9"/><col min="7" max="7" hidden="true"/></cols>`,
          ),
        },
      ],
    }).sheets[0]!;
    expect(sheet.hiddenRows).toEqual([2, 3]);
    expect(withLayout.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 5 },
      { top: 1, left: 1, bottom: 3, right: 1 },
    ]);
    expect(withLayout.hiddenRows).toEqual([2]);
    expect(withLayout.hiddenColumns).toEqual([1, 2, 6]);
  });

  it('matches elements by local name: x:-prefixed parts read the same', () => {
    const x = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const grid = readXlsx(
      buildZip([
        { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>` },
        { name: 'xl/workbook.xml', data: `<x:workbook ${x} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>` },
        { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>` },
        { name: 'xl/sharedStrings.xml', data: `<x:sst ${x}><x:si><x:t>Tổng</x:t></x:si><x:si><x:r><x:t>a</x:t></x:r><x:r><x:t>b</x:t></x:r></x:si></x:sst>` },
        { name: 'xl/styles.xml', data: `<x:styleSheet ${x}><x:fonts><x:font><x:b/><x:name val="Arial"/></x:font></x:fonts><x:cellXfs><x:xf fontId="0"/></x:cellXfs></x:styleSheet>` },
        { name: 'xl/worksheets/sheet1.xml', data: `<x:worksheet ${x}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>` },
      ]),
    );
    const sheet = grid.sheets[0]!;
    expect(sheet.name).toBe('Data');
    expect(sheet.rows[0]).toEqual([
      { value: 'Tổng', font: { name: 'Arial', bold: true } },
      { value: 'ab', font: { name: 'Arial', bold: true } },
      { value: 2, formula: '1+1', font: { name: 'Arial', bold: true } },
    ]);
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it('reads Strict OOXML (purl.oclc.org namespaces and relationship types)', () => {
    const grid = read({
      strict: true,
      sheets: [{ name: 'Strict', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="b"><v>true</v></c></row>').replace(MAIN_NS, 'http://purl.oclc.org/ooxml/spreadsheetml/main') }],
      sharedStrings: ['nghiêm'],
    });
    expect(grid.sheets[0]!.rows[0]!.map((c) => c?.value)).toEqual(['nghiêm', true]);
  });

  it('resolves relative, parent and absolute relationship targets', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', './worksheets/../worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/workbook.xml', '/xl/sheet%201.xml')).toBe('xl/sheet 1.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolveTarget('a/b/c.xml', '../../d.xml')).toBe('d.xml');
  });

  it('keeps chart sheets as empty sheets, in order', () => {
    const parts = workbookParts({ sheets: [{ name: 'Data', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }] }).map((part) => {
      if (part.name === 'xl/workbook.xml') return { ...part, data: String(part.data).replace('</sheets>', '<sheet name="Chart" sheetId="2" r:id="rIdC"/></sheets>') };
      if (part.name === 'xl/_rels/workbook.xml.rels') {
        return { ...part, data: String(part.data).replace('</Relationships>', '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>') };
      }
      return part;
    });
    const grid = readXlsx(buildZip(parts));
    expect(grid.sheets.map((s) => [s.name, s.rows.length])).toEqual([['Data', 1], ['Chart', 0]]);
  });

  it('reads an .xlsm like an .xlsx, never touching the macros', () => {
    const parts = workbookParts({ sheets: [{ name: 'M', xml: sheetXml('<row r="1"><c r="A1"><v>5</v></c></row>') }] });
    parts.push({ name: 'xl/vbaProject.bin', data: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) });
    expect(readXlsx(buildZip(parts)).sheets[0]!.rows[0]![0]!.value).toBe(5);
  });

  it('falls back to conventional part names when the relationships parts are missing', () => {
    const parts = workbookParts({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }], sharedStrings: ['x'] })
      .filter((part) => !part.name.includes('_rels/'));
    expect(readXlsx(buildZip(parts)).sheets[0]!.rows[0]![0]!.value).toBe('x');
  });
});

describe('readXlsx: fonts', () => {
  const styles = `<styleSheet xmlns="${MAIN_NS}">
    <fonts count="4">
      <font><sz val="12"/><name val=".VnTime"/></font>
      <font><b/><name val="Times New Roman"/></font>
      <font><b val="0"/><i val="1"/><name val="Arial"/></font>
      <font><b val="false"/><i/><name val=".VnTimeH"/></font>
    </fonts>
    <cellStyleXfs count="1"><xf fontId="3"/></cellStyleXfs>
    <cellXfs count="4"><xf fontId="0"/><xf fontId="1"/><xf fontId="2"/><xf fontId="3"/></cellXfs>
    <dxfs count="1"><dxf><font><b/><name val="Wingdings"/></font></dxf></dxfs>
  </styleSheet>`;

  it('gives every cell with content the font of its style, style 0 (the workbook default) included', () => {
    const sheet = oneSheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Tr\u00eang</t></is></c><c r="B1" s="1"><v>1</v></c><c r="C1" s="2"><v>2</v></c><c r="D1" s="3"><v>3</v></c><c r="E1" s="1"/><c r="F1" s="99"><v>4</v></c></row>`,
      { styles },
    );
    expect(at(sheet, 'A1')?.font).toEqual({ name: '.VnTime' });
    expect(at(sheet, 'B1')?.font).toEqual({ name: 'Times New Roman', bold: true });
    expect(at(sheet, 'C1')?.font).toEqual({ name: 'Arial', italic: true });
    expect(at(sheet, 'D1')?.font).toEqual({ name: '.VnTimeH', italic: true });
    expect(at(sheet, 'E1')).toBeUndefined();
    expect(at(sheet, 'F1')?.font).toEqual({ name: '.VnTime' });
  });

  it('with fonts only for legacy text, gives them to text that may be TCVN3 or VNI and to no other cell', () => {
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>Tr\u00eang</t></is></c><c r="B1" s="1" t="inlineStr"><is><t>Trường</t></is></c><c r="C1" s="2" t="inlineStr"><is><t>ASCII</t></is></c><c r="D1" s="3"><v>3</v></c></row>`;
    const bytes = buildWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(rows) }], styles });
    const sheet = readXlsx(bytes, undefined, { fonts: 'for-legacy-text' }).sheets[0]!;
    expect(at(sheet, 'A1')?.font).toEqual({ name: '.VnTime' });
    for (const address of ['B1', 'C1', 'D1']) expect(at(sheet, address)?.font, address).toBeUndefined();
  });

  it('with fonts only for legacy text, does not even read the styles part of a workbook that has none', () => {
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>Trường THPT Ngô Quyền</t></is></c><c r="B1"><v>3</v></c></row>`;
    const bytes = buildWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(rows) }], styles: '<styleSheet><fonts>' });
    expect(readXlsx(bytes, undefined, { fonts: 'for-legacy-text' }).sheets[0]!.rows[0]![0]!.value).toBe('Trường THPT Ngô Quyền');
    expectFailure(() => readXlsx(bytes), 'file-corrupt-xml');
  });

  it('with fonts only for legacy text, parses the styles part only when it names a legacy font', () => {
    // "Nguyên nhân": ê and â are French letters too, so the text may be legacy and asks for its font.
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>Nguy\u00ean nh\u00e2n</t></is></c></row>`;
    const unicodeFonts = '<styleSheet><fonts><font><name val="Times New Roman"/></font></fonts><cellXfs><xf fontId="0"/></cellXfs>';
    const legacyFonts = '<styleSheet><fonts><font><name val=".VnTime"/></font></fonts><cellXfs><xf fontId="0"/></cellXfs>';
    // Both cut short: only parsing them can tell.
    const read = (styles: string) => () => readXlsx(buildWorkbook({ sheets: [{ name: 'Sheet1', xml: sheetXml(rows) }], styles }), undefined, { fonts: 'for-legacy-text' });
    expect(at(read(unicodeFonts)().sheets[0]!, 'A1')).toEqual({ value: 'Nguy\u00ean nh\u00e2n' });
    expectFailure(read(legacyFonts), 'file-corrupt-xml');
    expect(at(read(`${legacyFonts}</styleSheet>`)().sheets[0]!, 'A1')?.font).toEqual({ name: '.VnTime' });
  });

  it('leaves font unset when the workbook has no styles', () => {
    expect(oneSheet(`<row r="1"><c r="A1"><v>1</v></c></row>`).rows[0]![0]).toEqual({ value: 1 });
  });
});

describe('readXlsx: refusals', () => {
  const simpleSheet = sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>');

  it('refuses empty and oversized files before unzipping', () => {
    expectFailure(() => readXlsx(new Uint8Array(0)), 'file-empty');
    const failure = expectFailure(() => readXlsx(new Uint8Array(100), { maxFileBytes: 99 }), 'file-too-large');
    expect(failure.params).toEqual({ actual: 100, limit: 99 });
  });

  it('refuses bytes that are not a zip, or a truncated zip', () => {
    expectFailure(() => readXlsx(new TextEncoder().encode('a,b,c\n1,2,3\n')), 'file-corrupt-zip');
    const bytes = buildWorkbook({ sheets: [{ name: 'S', xml: simpleSheet }] });
    expectFailure(() => readXlsx(bytes.subarray(0, bytes.length - 30)), 'file-corrupt-zip');
    const entries = workbookParts({ sheets: [{ name: 'S', xml: simpleSheet }] }).map((p) => deflatedEntry(p.name, p.data));
    const damaged = entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, stored: new Uint8Array(40).fill(0xff) } : e));
    const failure = expectFailure(() => readXlsx(buildRawZip(damaged)), 'file-corrupt-zip');
    expect(String(failure.params['detail'])).toContain('xl/worksheets/sheet1.xml');
    const cut = entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, stored: e.stored.subarray(0, e.stored.length - 5) } : e));
    expectFailure(() => readXlsx(buildRawZip(cut)), 'file-corrupt-zip');
  });

  it('refuses a DOCTYPE or ENTITY declaration in any part', () => {
    const doctype = `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol;</t></is></c></row></sheetData></worksheet>`;
    const failure = expectFailure(() => read({ sheets: [{ name: 'S', xml: doctype }] }), 'file-xml-doctype');
    expect(failure.params).toEqual({ entry: 'xl/worksheets/sheet1.xml' });
    const inStrings = `<!DOCTYPE sst><sst xmlns="${MAIN_NS}"><si><t>a</t></si></sst>`;
    expectFailure(() => read({ sheets: [{ name: 'S', xml: simpleSheet }], sharedStrings: inStrings }), 'file-xml-doctype');
    const entityOnly = `<sst xmlns="${MAIN_NS}"><!ENTITY x "y"><si><t>a</t></si></sst>`;
    expectFailure(() => read({ sheets: [{ name: 'S', xml: simpleSheet }], sharedStrings: entityOnly }), 'file-xml-doctype');
  });

  it('refuses malformed XML', () => {
    const failure = expectFailure(() => read({ sheets: [{ name: 'S', xml: `<worksheet><sheetData><row></sheetData></worksheet>` }] }), 'file-corrupt-xml');
    expect(failure.params['entry']).toBe('xl/worksheets/sheet1.xml');
    expectFailure(() => read({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="1A"><v>1</v></c></row>') }] }), 'file-corrupt-xml');
  });

  it('refuses a zip without a workbook, a Word document and a binary workbook', () => {
    expectFailure(() => readXlsx(buildZip([{ name: 'readme.txt', data: 'hello' }])), 'file-not-workbook');
    const docx = buildZip([
      { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>` },
      { name: 'word/document.xml', data: `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>` },
    ]);
    expectFailure(() => readXlsx(docx), 'file-not-workbook');
    const xlsb = buildZip([
      { name: '_rels/.rels', data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>` },
      { name: 'xl/workbook.bin', data: new Uint8Array([1, 2, 3]) },
    ]);
    expectFailure(() => readXlsx(xlsb), 'file-not-workbook');
  });

  it('refuses a missing worksheet part, or a sheet pointing to no relationship', () => {
    const parts = workbookParts({ sheets: [{ name: 'S', xml: simpleSheet }] });
    expectFailure(() => readXlsx(buildZip(parts.filter((p) => p.name !== 'xl/worksheets/sheet1.xml'))), 'file-corrupt-zip');
    const dangling = parts.map((p) => (p.name === 'xl/workbook.xml' ? { ...p, data: String(p.data).replace('r:id="rId1"', 'r:id="rId9"') } : p));
    const failure = expectFailure(() => readXlsx(buildZip(dangling)), 'file-corrupt-xml');
    expect(failure.params['detail']).toContain('rId9');
  });

  it('refuses hostile entry names: parent segments, absolute paths, duplicates', () => {
    const good = workbookParts({ sheets: [{ name: 'S', xml: simpleSheet }] }).map((p) => deflatedEntry(p.name, p.data));
    for (const name of ['../evil', 'xl/../../evil.xml', '/etc/passwd', 'C:/evil', '..\\evil']) {
      const failure = expectFailure(() => readXlsx(buildRawZip([...good, deflatedEntry(name, 'x')])), 'file-zip-bad-entry-name');
      expect(failure.params['entry']).toBe(name.replaceAll('\\', '/'));
    }
    expectFailure(() => readXlsx(buildRawZip([...good, deflatedEntry('xl/worksheets/sheet1.xml', simpleSheet)])), 'file-zip-bad-entry-name');
    expectFailure(() => readXlsx(buildRawZip([...good, deflatedEntry('XL/Workbook.xml', 'x')])), 'file-zip-bad-entry-name');
    // A well-formed copy reads fine.
    expect(readXlsx(buildRawZip(good)).sheets[0]!.rows[0]![0]!.value).toBe(1);
  });

  it('refuses too many entries, from the directory count alone', () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, stored: new Uint8Array(1), method: 0 }));
    const failure = expectFailure(() => readXlsx(buildRawZip(entries), { maxZipEntries: 20 }), 'file-zip-too-many-entries');
    expect(failure.params).toEqual({ actual: 30, limit: 20 });
    expect(DEFAULT_LIMITS.maxZipEntries).toBe(5000);
  });

  it('refuses compression methods other than stored and deflate, and zip64', () => {
    const entries = workbookParts({ sheets: [{ name: 'S', xml: simpleSheet }] }).map((p) => deflatedEntry(p.name, p.data));
    const bzip2 = entries.map((e) => (e.name === 'xl/workbook.xml' ? { ...e, method: 12 } : e));
    const failure = expectFailure(() => readXlsx(buildRawZip(bzip2)), 'file-unsupported-compression');
    expect(failure.params).toEqual({ entry: 'xl/workbook.xml', method: 12 });
    expectFailure(() => readXlsx(buildRawZip(entries, { zip64Locator: true })), 'file-corrupt-zip');
    expectFailure(() => readXlsx(buildRawZip(entries, { declaredCount: 0xffff })), 'file-corrupt-zip');
  });

  it('reads stored (method 0) entries', () => {
    const encoder = new TextEncoder();
    const entries = workbookParts({ sheets: [{ name: 'S', xml: simpleSheet }] }).map((p) => ({
      name: p.name,
      stored: typeof p.data === 'string' ? encoder.encode(p.data) : p.data,
      method: 0,
    }));
    expect(readXlsx(buildRawZip(entries)).sheets[0]!.rows[0]![0]!.value).toBe(1);
  });

  it('refuses too many cells while parsing', () => {
    const rows = Array.from({ length: 10 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c><c r="B${r + 1}" s="0"/></row>`).join('');
    expect(read({ sheets: [{ name: 'S', xml: sheetXml(rows) }] }).sheets[0]!.rows.length).toBe(10);
    const failure = expectFailure(() => readXlsx(buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml(rows) }] }), { maxCells: 9 }), 'file-too-many-cells');
    expect(failure.params).toEqual({ limit: 9, sheet: 'S' });
    // formatting-only cells do not count
    expect(readXlsx(buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml(rows) }] }), { maxCells: 10 }).sheets[0]!.rows.length).toBe(10);
  });

  it('charges empty rows before the last used row to the cell budget', () => {
    const farCell = sheetXml('<row r="1048576"><c r="A1048576"><v>1</v></c></row>');
    const sheets = Array.from({ length: 3 }, (_, i) => ({ name: `S${i}`, xml: farCell }));
    const one = readXlsx(buildWorkbook({ sheets: sheets.slice(0, 1) })).sheets[0]!;
    expect(one.rows.length).toBe(1_048_576);
    expect(one.rows[1_048_575]![0]!.value).toBe(1);
    expect(one.rows[5]).toEqual([]);
    expectFailure(() => readXlsx(buildWorkbook({ sheets }), { maxCells: 2_500_000 }), 'file-too-many-cells');
  });
});

describe('readXlsx: zip bombs', () => {
  const entriesWith = (name: string, stored: Uint8Array, declaredSize = 1000) => {
    const entries = workbookParts({ sheets: [{ name: 'S', xml: sheetXml('') }] })
      .filter((p) => p.name !== name)
      .map((p) => deflatedEntry(p.name, p.data));
    entries.push({ name, stored, method: 8, declaredSize });
    return entries;
  };

  it('stops a 300 MB entry of zeros early, fast, on its ratio', () => {
    const bomb = deflateZeros(300 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const bytes = buildRawZip(entriesWith('xl/worksheets/sheet1.xml', bomb));
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const failure = expectFailure(() => readXlsx(bytes), 'file-zip-bomb');
    const elapsed = performance.now() - started;
    const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    expect(failure.params['kind']).toBe('ratio');
    expect(failure.params['entry']).toBe('xl/worksheets/sheet1.xml');
    expect(elapsed).toBeLessThan(1000);
    expect(heapAfter - heapBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('stops an entry at the per-entry limit even when the ratio is allowed', () => {
    const bomb = deflateZeros(300 * 1024 * 1024);
    const bytes = buildRawZip(entriesWith('xl/worksheets/sheet1.xml', bomb));
    const started = performance.now();
    const failure = expectFailure(() => readXlsx(bytes, { maxInflateRatio: Infinity, maxEntryInflatedBytes: 8 * 1024 * 1024 }), 'file-zip-bomb');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(failure.params['kind']).toBe('entry');
    expect(failure.params['limit']).toBe(8 * 1024 * 1024);
    expect(failure.params['actual']).toBeLessThan(8 * 1024 * 1024 + 20 * 1024 * 1024); // stopped within one chunk
  });

  it('stops at the total over all parts', () => {
    const strings = `<sst xmlns="${MAIN_NS}"><si><t>${'x'.repeat(600_000)}</t></si></sst>`;
    const bytes = buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml('') }], sharedStrings: strings });
    const failure = expectFailure(() => readXlsx(bytes, { maxInflatedBytes: 500_000, maxInflateRatio: Infinity }), 'file-zip-bomb');
    expect(failure.params['kind']).toBe('total');
    expect(readXlsx(bytes, { maxInflateRatio: Infinity }).sheets).toHaveLength(1);
  });

  it('never trusts the declared size', () => {
    const sheet = new TextEncoder().encode(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'));
    const bytes = buildRawZip(entriesWith('xl/worksheets/sheet1.xml', deflatedEntry('x', sheet).stored, 1));
    expect(readXlsx(bytes).sheets[0]!.rows[0]![0]!.value).toBe(1);
    const lying = buildRawZip(entriesWith('xl/worksheets/sheet1.xml', deflatedEntry('x', sheet).stored, 0xfffffff0));
    expect(readXlsx(lying, { maxEntryInflatedBytes: 10_000 }).sheets[0]!.rows[0]![0]!.value).toBe(1);
  });
});

describe('readXlsx: large parts stream through the chunked inflater', () => {
  it('reads a sheet whose compressed size is well past one chunk', () => {
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647);
    const rows: string[] = [];
    for (let r = 1; r <= 3000; r++) {
      rows.push(`<row r="${r}"><c r="A${r}"><v>${random()}</v></c><c r="B${r}" t="inlineStr"><is><t>Đơn vị ${random().toString(36)}</t></is></c></row>`);
    }
    seed = 1;
    const bytes = buildWorkbook({ sheets: [{ name: 'Big', xml: sheetXml(rows.join('')) }] });
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const sheet = readXlsx(bytes).sheets[0]!;
    expect(sheet.rows.length).toBe(3000);
    for (let r = 0; r < 3000; r++) {
      expect(sheet.rows[r]![0]!.value).toBe(random());
      expect(sheet.rows[r]![1]!.value).toBe(`Đơn vị ${random().toString(36)}`);
    }
  });
});

describe('readXlsx: real files', () => {
  it('reads a workbook written by openpyxl', () => {
    const grid = readXlsx(fixture('openpyxl-small.xlsx'));
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([['Biểu 1', false], ['Ẩn', true]]);
    const sheet = grid.sheets[0]!;
    expect(at(sheet, 'A1')).toEqual({ value: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', font: { name: 'Times New Roman', bold: true } });
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 5 }]);
    expect(sheet.rows[2]!.map((c) => c?.value)).toEqual(['STT', 'Đơn vị', 'Tổng số', 'Đã đăng ký', 'Chưa đăng ký', 'Nguyên nhân']);
    expect(sheet.rows[3]!.map((c) => c?.value)).toEqual([1, 'Trường THPT Lê Quý Đôn', 120, 100, null, 'Bận công tác']);
    // openpyxl saves formulas without a cached result
    expect(at(sheet, 'E4')).toEqual({ value: null, formula: 'C4-D4', font: { name: 'Calibri' } });
    expect(at(sheet, 'C7')?.formula).toBe('SUM(C4:C6)');
    expect(at(sheet, 'B9')?.value).toBe(2.5);
    expect(at(sheet, 'C9')?.value).toBe(true);
    expect(at(sheet, 'D9')).toEqual({ value: 'Tr\u00eang', font: { name: '.VnTime', italic: true } });
    expect(sheet.hiddenRows).toEqual([4]);
    expect(sheet.hiddenColumns).toEqual([6]);
    expect(at(grid.sheets[1]!, 'A1')?.value).toBe('secret');
  });

  it('reads what exceljs writes, cached results of 0 included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Biểu mẫu');
    sheet.getCell('A1').value = 'Tổng hợp';
    sheet.getCell('A1').font = { name: 'Times New Roman', bold: true };
    sheet.mergeCells('A1:D1');
    sheet.getCell('A2').value = 10;
    sheet.getCell('B2').value = 10;
    sheet.getCell('C2').value = { formula: 'A2-B2', result: 0 };
    sheet.getCell('D2').value = { formula: 'A2+B2' } as ExcelJS.CellFormulaValue;
    sheet.getCell('A3').value = 5;
    sheet.getCell('B3').value = 2;
    sheet.getCell('C3').value = { sharedFormula: 'C2', result: 3 } as ExcelJS.CellSharedFormulaValue;
    sheet.getCell('A4').value = true;
    sheet.getCell('B4').value = { richText: [{ text: 'Đơn ' }, { text: 'vị', font: { bold: true } }] };
    sheet.getCell('C4').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    sheet.getRow(5).hidden = true;
    sheet.getCell('A5').value = 'ẩn';
    sheet.getColumn(6).hidden = true;
    workbook.addWorksheet('Ẩn', { state: 'hidden' }).getCell('B2').value = 'x';
    workbook.addWorksheet('Rất ẩn', { state: 'veryHidden' });

    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const grid = readXlsx(bytes);
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([['Biểu mẫu', false], ['Ẩn', true], ['Rất ẩn', true]]);
    const read = grid.sheets[0]!;
    expect(at(read, 'A1')?.value).toBe('Tổng hợp');
    expect(at(read, 'A1')?.font).toMatchObject({ name: 'Times New Roman', bold: true });
    expect(read.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(at(read, 'C2')).toMatchObject({ value: 0, formula: 'A2-B2' });
    expect(at(read, 'D2')).toMatchObject({ value: null, formula: 'A2+B2' });
    expect(at(read, 'C3')).toMatchObject({ value: 3, formula: 'A3-B3' });
    expect(at(read, 'A4')?.value).toBe(true);
    expect(at(read, 'B4')?.value).toBe('Đơn vị');
    expect(at(read, 'C4')?.value).toEqual({ error: '#DIV/0!' });
    expect(read.hiddenRows).toEqual([4]);
    expect(read.hiddenColumns).toEqual([5]);
    expect(at(grid.sheets[1]!, 'B2')?.value).toBe('x');
  });
});
