import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as nodeCrc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nativeCompression, nativeInflateRaw } from '../../src/cli/native-zlib.js';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { fflateCompression } from '../../src/write/xlsx/compression.js';
import { WorkbookBuilder } from '../../src/write/xlsx/workbook-builder.js';
import { expectFailure } from '../helpers/read-failure.js';
import { buildRawZip, deflatedEntry, workbookParts } from '../read/zip-builder.js';

const META = { creator: 'consolidate', created: new Date(Date.UTC(2024, 3, 20)), modified: new Date(Date.UTC(2024, 3, 20)) };

describe('nativeInflateRaw', () => {
  const text = new TextEncoder().encode('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(200));
  const deflated = deflateRawSync(text);

  it('inflates within the bound and says null past it', () => {
    expect(Buffer.from(nativeInflateRaw(deflated, text.length)!)).toEqual(Buffer.from(text));
    expect(nativeInflateRaw(deflated, text.length - 1)).toBeNull();
    expect(nativeInflateRaw(deflateRawSync(new Uint8Array(0)), 0)).toHaveLength(0);
  });

  it('throws on a corrupt or truncated stream', () => {
    expect(() => nativeInflateRaw(new Uint8Array(40).fill(0xff), 1000)).toThrow();
    expect(() => nativeInflateRaw(deflated.subarray(0, deflated.length - 5), text.length)).toThrow();
  });

  it('reads every .xlsx fixture to the same grid as the pure-JavaScript inflate', () => {
    const folders = ['fixtures/submissions', 'fixtures/real'];
    let compared = 0;
    for (const folder of folders) {
      for (const name of readdirSync(folder).filter((n) => n.endsWith('.xlsx'))) {
        const bytes = new Uint8Array(readFileSync(join(folder, name)));
        let expected: unknown;
        try {
          expected = readXlsx(bytes);
        } catch {
          continue;
        }
        expect(readXlsx(bytes, undefined, { inflateRaw: nativeInflateRaw }), name).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('turns a damaged or cut part into file-corrupt-zip, as the default does', () => {
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>';
    const entries = workbookParts({ sheets: [{ name: 'S', xml: sheet }] }).map((p) => deflatedEntry(p.name, p.data));
    const spoil = (change: (stored: Uint8Array) => Uint8Array) =>
      buildRawZip(entries.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, stored: change(e.stored) } : e)));
    for (const bytes of [spoil((s) => new Uint8Array(s.length).fill(0xff)), spoil((s) => s.subarray(0, s.length - 5))]) {
      expectFailure(() => readXlsx(bytes), 'file-corrupt-zip');
      expectFailure(() => readXlsx(bytes, undefined, { inflateRaw: nativeInflateRaw }), 'file-corrupt-zip');
    }
  });
});

describe('nativeCompression', () => {
  function workbookWith(compression: typeof nativeCompression, rows: number): Uint8Array {
    const workbook = new WorkbookBuilder({ compression });
    const sheet = workbook.addSheet('Tổng hợp');
    for (let r = 1; r <= rows; r++) {
      sheet.setCell(r, 1, `Trường THPT số ${r}`);
      sheet.setCell(r, 2, r * 3);
    }
    workbook.addSheet('Khác').setCell(1, 1, 'ô');
    return workbook.finish(META);
  }

  it('writes a package whose parts inflate to the same text as fflate writes, with matching CRCs', () => {
    // Enough rows for several 256 KiB chunks, each deflated on its own.
    const native = unzipSync(workbookWith(nativeCompression, 40_000));
    const portable = unzipSync(workbookWith(fflateCompression, 40_000));
    expect(Object.keys(native)).toEqual(Object.keys(portable));
    for (const [name, data] of Object.entries(portable)) expect(Buffer.from(native[name]!).equals(Buffer.from(data)), name).toBe(true);
    expect(native['xl/worksheets/sheet1.xml']!.length).toBeGreaterThan(3 * (1 << 18));
  });

  it('records CRCs and sizes a strict unzip accepts', () => {
    const bytes = workbookWith(nativeCompression, 20_000);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The central directory, which is what unzip tools trust.
    const end = bytes.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    let entries = 0;
    for (let i = 0; i < count; i++) {
      expect(view.getUint32(at, true)).toBe(0x02014b50);
      const crc = view.getUint32(at + 16, true);
      const compressed = view.getUint32(at + 20, true);
      const size = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const local = view.getUint32(at + 42, true);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = inflateRawSync(bytes.subarray(start, start + compressed));
      expect(data.length).toBe(size);
      expect(nodeCrc32(data)).toBe(crc);
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
      entries++;
    }
    expect(entries).toBeGreaterThan(5);
    expect(readXlsx(bytes).sheets[0]!.rows[19_999]![0]!.value).toBe('Trường THPT số 20000');
  });
});
