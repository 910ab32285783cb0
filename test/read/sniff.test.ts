import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isExcelLockFile, sniffFormat } from '../../src/read/sniff.js';
import { buildRawZip, buildWorkbook, buildZip, deflatedEntry, sheetXml } from './zip-builder.js';

const encode = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...values: number[]) => new Uint8Array(values);

/**
 * A minimal OLE2 compound file (512-byte sectors): sector 0 is the FAT,
 * directory sectors follow, holding a root entry and the named streams.
 */
function buildCompoundFile(streamNames: string[], options: { breakFat?: boolean } = {}): Uint8Array {
  const sectorSize = 512;
  const entries = ['Root Entry', ...streamNames];
  const directorySectors = Math.ceil(entries.length / 4);
  const bytes = new Uint8Array(sectorSize * (2 + directorySectors));
  const view = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true); // FAT sectors
  view.setUint32(0x30, 1, true); // first directory sector
  view.setUint32(0x38, 4096, true);
  view.setUint32(0x3c, 0xfffffffe, true);
  view.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) view.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // FAT: sector 0 is the FAT itself, directory sectors chain 1 → 2 → … → end.
  const fat = sectorSize;
  for (let i = 0; i < 128; i++) view.setUint32(fat + i * 4, 0xffffffff, true);
  view.setUint32(fat, 0xfffffffd, true);
  for (let d = 0; d < directorySectors; d++) {
    const next = d === directorySectors - 1 ? 0xfffffffe : 2 + d;
    view.setUint32(fat + (1 + d) * 4, options.breakFat ? 0x7777 : next, true);
  }
  entries.forEach((name, i) => {
    const at = sectorSize * 2 + i * 128;
    for (let c = 0; c < name.length; c++) view.setUint16(at + c * 2, name.charCodeAt(c), true);
    view.setUint16(at + 64, (name.length + 1) * 2, true);
    view.setUint8(at + 66, i === 0 ? 5 : 2);
  });
  return bytes;
}

describe('sniffFormat: zip packages', () => {
  it('tells workbooks, binary workbooks, ODS, Word and PowerPoint apart by entry names', () => {
    expect(sniffFormat(buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml('') }] }))).toBe('xlsx');
    expect(sniffFormat(buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.bin', data: bytesOf(1) }]))).toBe('xlsb');
    expect(sniffFormat(buildZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }, { name: 'content.xml', data: '<x/>' }]))).toBe('ods');
    expect(sniffFormat(buildZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', data: '<x/>' }]))).toBe('zip');
    expect(sniffFormat(buildZip([{ name: 'word/document.xml', data: '<w:document/>' }]))).toBe('docx');
    expect(sniffFormat(buildZip([{ name: 'ppt/presentation.xml', data: '<p/>' }]))).toBe('pptx');
    expect(sniffFormat(buildZip([{ name: 'photos/a.jpg', data: bytesOf(1, 2, 3) }]))).toBe('zip');
  });

  it('reads [Content_Types].xml when the workbook is not at xl/workbook.xml', () => {
    const types = '<Types><Override PartName="/book/main.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>';
    expect(sniffFormat(buildZip([{ name: '[Content_Types].xml', data: types }, { name: 'book/main.xml', data: '<workbook/>' }]))).toBe('xlsx');
  });

  it('still recognises a truncated or refused package from its local headers', () => {
    const xlsx = buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>') }] });
    expect(sniffFormat(xlsx.subarray(0, Math.floor(xlsx.length * 0.6)))).toBe('xlsx');
    const hostile = buildRawZip([deflatedEntry('xl/workbook.xml', '<workbook/>'), deflatedEntry('../evil', 'x'), deflatedEntry('../evil', 'x')]);
    expect(sniffFormat(hostile)).toBe('xlsx');
  });

  it('recognises an exceljs workbook and the openpyxl fixture', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').getCell('A1').value = 1;
    expect(sniffFormat(new Uint8Array(await workbook.xlsx.writeBuffer()))).toBe('xlsx');
    const fixture = readFileSync(fileURLToPath(new URL('./fixtures/openpyxl-small.xlsx', import.meta.url)));
    expect(sniffFormat(new Uint8Array(fixture))).toBe('xlsx');
  });
});

describe('sniffFormat: compound files', () => {
  it('finds the stream names in the directory', () => {
    expect(sniffFormat(buildCompoundFile(['Workbook', '\u0005SummaryInformation']))).toBe('xls');
    expect(sniffFormat(buildCompoundFile(['Book']))).toBe('xls');
    expect(sniffFormat(buildCompoundFile(['WordDocument', '1Table']))).toBe('doc');
    expect(sniffFormat(buildCompoundFile(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage']))).toBe('encrypted-ooxml');
    expect(sniffFormat(buildCompoundFile(['PowerPoint Document']))).toBe('cfb');
  });

  it('follows a directory spread over several sectors', () => {
    expect(sniffFormat(buildCompoundFile(['a', 'b', 'c', 'd', 'e', 'f', 'Workbook']))).toBe('xls');
  });

  it('falls back to scanning for names when the FAT is damaged', () => {
    expect(sniffFormat(buildCompoundFile(['a', 'b', 'c', 'd', 'EncryptedPackage'], { breakFat: true }))).toBe('encrypted-ooxml');
    const truncated = buildCompoundFile(['Workbook']).subarray(0, 300);
    expect(sniffFormat(truncated)).toBe('cfb');
  });
});

describe('sniffFormat: everything else', () => {
  it('recognises PDF, images and emptiness', () => {
    expect(sniffFormat(encode('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
    expect(sniffFormat(bytesOf(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image');
    expect(sniffFormat(bytesOf(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46))).toBe('image');
    expect(sniffFormat(encode('GIF89a\u0001\u0000'))).toBe('image');
    expect(sniffFormat(new Uint8Array(0))).toBe('empty');
  });

  it('recognises HTML saved as .xls, after a BOM and whitespace, in any case', () => {
    expect(sniffFormat(encode('\uFEFF  \r\n<!DOCTYPE html><html><body><table></table></body></html>'))).toBe('html');
    expect(sniffFormat(encode('<HTML xmlns:o="urn:schemas-microsoft-com:office:office"><head>'))).toBe('html');
    expect(sniffFormat(encode('\n\n<table border=1><tr><td>STT</td></tr></table>'))).toBe('html');
    expect(sniffFormat(encode('<!-- generated by portal -->\n<meta charset="utf-8"><table>'))).toBe('html');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('<html><table>').flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(sniffFormat(utf16)).toBe('html');
  });

  it('recognises CSV and other text in UTF-8, Windows-1258 and UTF-16', () => {
    expect(sniffFormat(encode('STT,Đơn vị,Tổng số\r\n1,Trường THPT Lê Quý Đôn,120\r\n'))).toBe('text');
    // "Trường" in Windows-1258: T r ư (0xFD) ơ (0xF5) ̀ (0xCC) n g
    expect(sniffFormat(bytesOf(0x54, 0x72, 0xfd, 0xf5, 0xcc, 0x6e, 0x67, 0x3b, 0x31, 0x32, 0x30, 0x0d, 0x0a))).toBe('text');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('STT\tĐơn vị\r\n').flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(sniffFormat(utf16)).toBe('text');
    expect(sniffFormat(utf16.subarray(2))).toBe('text'); // no BOM
    expect(sniffFormat(encode('<?xml version="1.0"?><note/>'))).toBe('text');
  });

  it('calls binary junk unknown', () => {
    const junk = new Uint8Array(256).map((_, i) => (i * 37) & 0xff);
    expect(sniffFormat(junk)).toBe('unknown');
    expect(sniffFormat(bytesOf(0x41, 0x00, 0x00, 0x00, 0x42, 0x01))).toBe('unknown');
  });

  it('recognises a bare BIFF stream (Excel 2.x–4.0)', () => {
    expect(sniffFormat(bytesOf(0x09, 0x04, 0x06, 0x00, 0x00, 0x00, 0x10, 0x00, 0, 0))).toBe('xls');
  });
});

describe('isExcelLockFile', () => {
  const owner = new Uint8Array(165);
  owner[0] = 5;
  owner.set(encode('admin'), 1);

  it('recognises Excel and LibreOffice lock files by name', () => {
    expect(isExcelLockFile(owner, '~$Báo cáo.xlsx')).toBe(true);
    expect(isExcelLockFile(owner, 'nop/truong-a/~$Báo cáo.xlsx')).toBe(true);
    expect(isExcelLockFile(owner, 'C:\\nop\\~$x.xlsx')).toBe(true);
    expect(isExcelLockFile(encode('x,user,host'), '.~lock.Báo cáo.xlsx#')).toBe(true);
    expect(isExcelLockFile(owner, 'Báo cáo.xlsx')).toBe(false);
    expect(isExcelLockFile(owner, 'a~$b.xlsx')).toBe(false);
  });

  it('does not call a real-sized workbook a lock file because of its name', () => {
    expect(isExcelLockFile(new Uint8Array(20_000), '~$renamed.xlsx')).toBe(false);
  });
});
