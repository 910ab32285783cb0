import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsv, decodeCsvText, decodeWindows1258, decodeWindows1258ByTable, detectDelimiter } from '../../src/read/csv/read-csv.js';
import { cellAt, type Cell, type Sheet } from '../../src/read/grid.js';
import { ReadFailure, type ReadFailureCode } from '../../src/read/xlsx/errors.js';

// ---------------------------------------------------------------------------
// helpers

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
const realFixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/real/${name}`, import.meta.url))));

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out: number[] = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (endian === 'le') out.push(code & 0xff, code >> 8);
    else out.push(code >> 8, code & 0xff);
  }
  return new Uint8Array(out);
}

function sheetOf(bytes: Uint8Array): Sheet {
  const grid = readCsv(bytes);
  expect(grid.sheets).toHaveLength(1);
  return grid.sheets[0]!;
}

/** Every row as plain values, empty cells as null: what a reader of the grid sees. */
function values(sheet: Sheet): (Cell['value'] | null)[][] {
  return sheet.rows.map((row) => Array.from({ length: row.length }, (_, c) => row[c]?.value ?? null));
}

function expectFailure(run: () => unknown, code: ReadFailureCode): ReadFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ReadFailure) {
      expect(error.code).toBe(code);
      return error;
    }
    throw error;
  }
  throw new Error('expected a ReadFailure');
}

// ---------------------------------------------------------------------------

describe('readCsv: shape', () => {
  it('gives one sheet named CSV, nothing hidden or merged, row r of the file as row r', () => {
    const grid = readCsv(utf8('a,b\n\n1,2\n'));
    expect(grid).toEqual({
      sheets: [{ name: 'CSV', hidden: false, rows: [[{ value: 'a' }, { value: 'b' }], [], [{ value: 1 }, { value: 2 }]], merges: [], hiddenRows: [], hiddenColumns: [] }],
    });
  });

  it('leaves empty fields empty and drops trailing empty lines', () => {
    const sheet = sheetOf(utf8('x,,y,\r\n,,,\r\n,z\r\n\r\n\r\n'));
    expect(values(sheet)).toEqual([['x', null, 'y'], [], [null, 'z']]);
    expect(cellAt(sheet, 0, 1)).toBeUndefined();
    expect(cellAt(sheet, 0, 3)).toBeUndefined();
  });

  it('reads a last line without a line break, and LF, CRLF and CR line ends alike', () => {
    expect(values(sheetOf(utf8('a\nb\r\nc\rd')))).toEqual([['a'], ['b'], ['c'], ['d']]);
  });
});

describe('readCsv: RFC 4180 fields', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'STT,Đơn vị,Nguyên nhân\r\n1,"Trường THPT A, cơ sở 2","Nghỉ ""ốm""\r\ndài ngày"\r\n2,"B",""\r\n3,x,y\r\n';
    const sheet = sheetOf(utf8(text));
    expect(values(sheet)).toEqual([
      ['STT', 'Đơn vị', 'Nguyên nhân'],
      [1, 'Trường THPT A, cơ sở 2', 'Nghỉ "ốm"\r\ndài ngày'],
      [2, 'B'],
      [3, 'x', 'y'],
    ]);
  });

  it('is lenient as Excel is: text after a closing quote, quotes inside a bare field, an unclosed quote', () => {
    expect(values(sheetOf(utf8('"ab"cd,e"f,"g\nh')))).toEqual([['abcd', 'e"f', 'g\nh']]);
  });
});

describe('readCsv: values', () => {
  it('turns only canonical numbers into numbers', () => {
    const sheet = sheetOf(utf8('120,-3,2.5,007,"45"\n1.234,12 người, 56 ,1e5,+5\n-,3.,.5,1 000,=SUM(A1:A3)\n'));
    expect(values(sheet)).toEqual([
      [120, -3, 2.5, 7, 45],
      ['1.234', '12 người', ' 56 ', '1e5', '+5'],
      ['-', '3.', '.5', '1 000', '=SUM(A1:A3)'],
    ]);
    expect(cellAt(sheet, 2, 4)).toEqual({ value: '=SUM(A1:A3)' }); // text, never a formula
  });

  it('leaves "1.234" as text (1234 with a Vietnamese thousands dot), but reads other decimals', () => {
    expect(values(sheetOf(utf8('1.234,-2.500,12.345,1234.567,1.2345,12.5\n')))).toEqual([['1.234', '-2.500', '12.345', 1234.567, 1.2345, 12.5]]);
  });
});

describe('readCsv: delimiter', () => {
  it('detects ";" where numbers carry decimal commas, as Vietnamese Excel writes', () => {
    const text = 'TT;Đơn vị;Tỷ lệ;Tổng số\n1;Trường A;12,5;120\n2;Trường B;100;45\n3;"Trường C; D";7,25;30\n';
    expect(detectDelimiter(text).delimiter).toBe(';');
    expect(values(sheetOf(utf8(text)))).toEqual([
      ['TT', 'Đơn vị', 'Tỷ lệ', 'Tổng số'],
      [1, 'Trường A', '12,5', 120],
      [2, 'Trường B', 100, 45],
      [3, 'Trường C; D', '7,25', 30],
    ]);
  });

  it('detects "," when the text holds semicolons inside quotes', () => {
    const text = 'a,b,c\n"x;y;z",1,2\n"p;q",3,4\n';
    expect(detectDelimiter(text).delimiter).toBe(',');
  });

  it('detects tabs', () => {
    expect(values(sheetOf(utf8('a\tb, c\n1\t2\n')))).toEqual([
      ['a', 'b, c'],
      [1, 2],
    ]);
  });

  it('obeys an Excel "sep=" first line, and drops it', () => {
    expect(values(sheetOf(utf8('sep=;\r\na,b;c\r\n1;2\r\n')))).toEqual([
      ['a,b', 'c'],
      [1, 2],
    ]);
  });

  it('falls back to "," for a single column', () => {
    expect(values(sheetOf(utf8('một\nhai\n')))).toEqual([['một'], ['hai']]);
  });
});

describe('readCsv: encodings', () => {
  const text = 'Đơn vị,Tổng số\nTrường THPT Lê Quý Đôn,120\n';
  const expected = [
    ['Đơn vị', 'Tổng số'],
    ['Trường THPT Lê Quý Đôn', 120],
  ];

  it('reads UTF-8 with and without a byte-order mark', () => {
    expect(values(sheetOf(withBom(utf8(text))))).toEqual(expected);
    expect(values(sheetOf(utf8(text)))).toEqual(expected);
    expect(decodeCsvText(withBom(utf8(text))).encoding).toBe('utf-8');
  });

  it('reads UTF-16LE and UTF-16BE with a byte-order mark (Excel\'s "Unicode Text" is UTF-16LE, tab-separated)', () => {
    const tabbed = text.replace(/,/g, '\t');
    expect(values(sheetOf(utf16(tabbed, 'le')))).toEqual(expected);
    expect(values(sheetOf(utf16(tabbed, 'be')))).toEqual(expected);
    expect(decodeCsvText(utf16(tabbed, 'le')).encoding).toBe('utf-16le');
  });

  it('recognises UTF-16 without a byte-order mark by its zero bytes', () => {
    expect(decodeCsvText(utf16(text, 'le', false))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeCsvText(utf16(text, 'be', false))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('reads Windows-1258 (invalid UTF-8) and composes its separate tone marks (NFC)', () => {
    // "Trường": T r ư(FD) ơ(F5) + combining grave (CC) n g; "Hải": H a + hook above (D2) i.
    const bytes = new Uint8Array([0x54, 0x72, 0xfd, 0xf5, 0xcc, 0x6e, 0x67, 0x3b, 0x48, 0x61, 0xd2, 0x69, 0x3b, 0x31, 0x32, 0x30, 0x0d, 0x0a]);
    const decoded = decodeCsvText(bytes);
    expect(decoded.encoding).toBe('windows-1258');
    const sheet = sheetOf(bytes);
    expect(values(sheet)).toEqual([['Trường', 'Hải', 120]]);
    const unit = cellAt(sheet, 0, 0)!.value as string;
    expect(unit).toBe('Tr\u01b0\u1eddng');
    expect(unit.normalize('NFC')).toBe(unit);
  });

  it('decodes Windows-1258 by its own table exactly as the platform does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeWindows1258ByTable(all)).toBe(new TextDecoder('windows-1258').decode(all));
    expect(decodeWindows1258(all)).toBe(decodeWindows1258ByTable(all));
  });
});

describe('readCsv: real-world fixtures', () => {
  it('reads the UTF-8 CSV with a byte-order mark, as Excel\'s "CSV UTF-8" writes it', () => {
    const sheet = sheetOf(realFixture('csv-utf8-bom.csv'));
    expect(cellAt(sheet, 0, 0)?.value).toBe('SỞ GD&ĐT HẢI PHÒNG');
    expect(values(sheet)[10]).toEqual([1, 'Trường THPT Lý Thường Kiệt', 93, 91, 2, 'Nghỉ thai sản']);
  });

  it('reads the Windows-1258 CSV with semicolons, as Excel\'s plain "CSV" writes it on a Vietnamese Windows', () => {
    const sheet = sheetOf(realFixture('csv-windows-1258.csv'));
    expect(cellAt(sheet, 0, 0)?.value).toBe('SỞ GD&ĐT HẢI PHÒNG');
    expect(values(sheet)[10]).toEqual([1, 'Trường THPT Quang Trung', 71, 69, 2, 'Nghỉ ốm dài ngày']);
    const texts = sheet.rows.flat().filter((cell) => typeof cell?.value === 'string').map((cell) => cell!.value as string);
    expect(texts.every((t) => t === t.normalize('NFC'))).toBe(true);
  });
});

describe('readCsv: limits', () => {
  it('refuses an empty file', () => {
    expectFailure(() => readCsv(new Uint8Array(0)), 'file-empty');
  });

  it('refuses a file over the size limit before decoding it', () => {
    const failure = expectFailure(() => readCsv(utf8('a,b\n1,2\n'), { maxFileBytes: 4 }), 'file-too-large');
    expect(failure.params).toEqual({ actual: 8, limit: 4 });
  });

  it('counts cells, and the empty rows between them, against the cell limit', () => {
    const bytes = utf8('a,b\n\n1,2\n');
    expect(() => readCsv(bytes, { maxCells: 5 })).not.toThrow();
    const failure = expectFailure(() => readCsv(bytes, { maxCells: 4 }), 'file-too-many-cells');
    expect(failure.params).toEqual({ limit: 4, sheet: 'CSV' });
  });
});
