/**
 * Regression tests for what hostile and broken files found in the readers
 * (by the fixtures of fixtures/bad and the fuzz test): each case is the
 * smallest file that hung, crashed or misreported before the fix.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/read/read-workbook.js';
import { guardBiffStream } from '../../src/read/sheetjs/biff-guard.js';
import { isCompoundFile, readCompoundStream } from '../../src/read/sheetjs/compound-file.js';
import { guardPackage } from '../../src/read/sheetjs/package-guard.js';
import { readWithSheetJs } from '../../src/read/sheetjs/read-sheetjs.js';
import { sniffFormat } from '../../src/read/sniff.js';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { buildRawZip, buildWorkbook, buildZip, deflatedEntry, sheetXml } from '../read/zip-builder.js';
import { expectFailure, failureOf } from '../helpers/read-failure.js';

const fixture = (path: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))));
const readFixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../read/fixtures/${name}`, import.meta.url))));

/** Runs `run` and fails when it took longer than `ms` (a loose bound: it only has to catch a hang). */
function quickly<T>(ms: number, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    expect(performance.now() - started).toBeLessThan(ms);
  }
}

const row = '<row r="1"><c r="A1"><v>1</v></c></row>';

// ---------------------------------------------------------------------------

describe('sniffFormat: a truncated package', () => {
  it('is known by the folders of its surviving parts when the workbook part and directory are lost', () => {
    const cut = (entries: { name: string; data: string }[]) => {
      const zip = buildRawZip(entries.map((e) => deflatedEntry(e.name, e.data)));
      return zip.subarray(0, zip.length - 60); // the directory and the last part's tail gone
    };
    expect(sniffFormat(cut([{ name: 'docProps/app.xml', data: '<a/>' }, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' }, { name: 'xl/workbook.xml', data: 'x'.repeat(200) }]))).toBe('xlsx');
    expect(sniffFormat(cut([{ name: 'xl/worksheets/sheet1.bin', data: 'x' }, { name: 'xl/workbook.bin', data: 'x'.repeat(200) }]))).toBe('xlsb');
    expect(sniffFormat(cut([{ name: 'word/styles.xml', data: '<w/>' }, { name: 'word/document.xml', data: 'x'.repeat(200) }]))).toBe('docx');
  });

  it('so the truncated workbook of fixtures/bad is a corrupt zip, not "not a workbook"', async () => {
    const outcome = await readWorkbook(fixture('bad/truncated.xlsx'));
    expect(outcome).toMatchObject({ ok: false, format: 'xlsx', failure: { code: 'file-corrupt-zip' } });
  });
});

describe('readXlsx: merges are charged to a budget of their own', () => {
  const withMerges = (refs: string[]) =>
    buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml(row, `<mergeCells>${refs.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`) }] });

  it('refuses one merge over the whole sheet at once, before anything maps its 17 billion cells', () => {
    const failure = quickly(1000, () => expectFailure(() => readXlsx(withMerges(['A1:XFD1048576'])), 'file-too-many-cells'));
    expect(failure.params).toEqual({ limit: 5_000_000, sheet: 'S' });
  });

  it('counts covered cells, anchors aside, against the cell limit, separately from the cells themselves', () => {
    // One cell with content, and merges covering 3 + 5 cells besides their anchors.
    const bytes = withMerges(['B2:C3', 'E1:E6']);
    expect(readXlsx(bytes, { maxCells: 8 }).sheets[0]!.merges).toHaveLength(2);
    expectFailure(() => readXlsx(bytes, { maxCells: 7 }), 'file-too-many-cells');
  });
});

describe('readXlsx: structures that cost more than their bytes', () => {
  it('reads a million-column hidden range declared a hundred thousand times in linear time', () => {
    const cols = Array.from({ length: 100_000 }, (_, i) => `<col min="${(i % 7) + 1}" max="16384" hidden="1"/>`).join('');
    const bytes = buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml(row, '', `<cols>${cols}</cols>`) }] });
    const grid = quickly(3000, () => readXlsx(bytes));
    expect(grid.sheets[0]!.hiddenColumns).toHaveLength(16_384);
    expect(grid.sheets[0]!.hiddenColumns!.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('refuses elements nested deeper than any spreadsheet writes, before saxes stacks them all', () => {
    const deep = `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`;
    const bytes = buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml(`<row r="1"><c r="A1"><is><t>a</t></is>${deep}</c></row>`) }] });
    const failure = quickly(2000, () => expectFailure(() => readXlsx(bytes), 'file-corrupt-xml'));
    expect(failure.params['detail']).toContain('nested deeper than 256');
    // Ordinary depth (rich text runs inside an inline string inside a cell) reads.
    const rich = buildWorkbook({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>a</t></r></is></c></row>') }] });
    expect(readXlsx(rich).sheets[0]!.rows[0]![0]!.value).toBe('a');
  });

  it('calls a zip entry encrypted by the zip itself password-protected', () => {
    const entry = { ...deflatedEntry('xl/workbook.xml', '<workbook/>'), flags: 0x0001 };
    expectFailure(() => readXlsx(buildRawZip([deflatedEntry('[Content_Types].xml', '<Types/>'), entry])), 'file-encrypted');
  });
});

// ---------------------------------------------------------------------------
// SheetJS: it never inflates, never sees a compound file, never sees what a form does not need

/** A zip of these parts in order, deflated (fflate), with names as given. */
function zipParts(parts: readonly { name: string; data: Uint8Array }[]): Uint8Array {
  const files: Zippable = Object.create(null) as Zippable;
  for (const part of parts) files[part.name] = [part.data, { level: 6 }];
  return zipSync(files);
}

function partsOf(bytes: Uint8Array): { name: string; data: Uint8Array }[] {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => ({ name, data }));
}

describe('readWithSheetJs: zip packages are repacked, stored, from measured bytes', () => {
  it('refuses a corrupt deflate stream in a folder entry, which SheetJS\'s inflater spins on forever', () => {
    const ods = readFixture('legacy-source.ods');
    const entries = partsOf(ods).map((part) => deflatedEntry(part.name, part.data));
    // A folder entry whose two deflate bytes are garbage (as a flipped byte makes them).
    entries.splice(1, 0, { name: 'Configurations2/damaged/', stored: Uint8Array.of(0xd5, 0x00), method: 8, declaredSize: 0, crc: 0 });
    const failure = quickly(2000, () => expectFailure(() => readWithSheetJs(buildRawZip(entries), 'ods'), 'file-corrupt-zip'));
    expect(failure.params['detail']).toContain('Configurations2/damaged/');
  });

  it('ignores a local header that claims four gigabytes, which SheetJS would allocate', () => {
    const ods = readFixture('legacy-source.ods');
    const bytes = buildRawZip(partsOf(ods).map((part) => deflatedEntry(part.name, part.data)));
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Every local header's uncompressed size (offset 22) set to 0xFFFFFFF0; the central directory stays honest.
    for (let at = 0; at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50;) {
      const compressed = view.getUint32(at + 18, true);
      view.setUint32(at + 22, 0xfffffff0, true);
      at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + compressed;
    }
    const grid = quickly(3000, () => readWithSheetJs(bytes, 'ods'));
    expect(grid).toEqual(readWithSheetJs(ods, 'ods'));
  });

  it('drops .xlsb parts a form does not need: a metadata count of four billion never reaches SheetJS', () => {
    const xlsb = fixture('bad/format.xlsb');
    const parts = partsOf(xlsb).map((part) => {
      if (part.name !== 'xl/metadata.bin') return part;
      const data = part.data.slice();
      const at = recordBody(data, 0x33); // BrtMdb: a count, then that many 8-byte pairs
      new DataView(data.buffer).setUint32(at, 0xffffffff, true);
      return { name: part.name, data };
    });
    const grid = quickly(3000, () => readWithSheetJs(zipParts(parts), 'xlsb'));
    expect(grid).toEqual(readWithSheetJs(xlsb, 'xlsb'));
  });

  it('refuses .xlsb cell text that claims more characters than its record holds', () => {
    const parts = partsOf(fixture('bad/format.xlsb')).map((part) => {
      if (part.name !== 'xl/worksheets/sheet1.bin') return part;
      const data = part.data.slice();
      const at = recordBody(data, 0x06); // BrtCellSt: 8-byte cell, then the character count
      new DataView(data.buffer).setUint32(at + 8, 0x7fffffff, true);
      return { name: part.name, data };
    });
    const failure = quickly(2000, () => expectFailure(() => readWithSheetJs(zipParts(parts), 'xlsb'), 'file-unreadable'));
    expect(failure.params['detail']).toMatch(/^xl\/worksheets\/sheet1\.bin: cell text longer than its record/);
  });

  it('refuses an .xlsb record that runs past the end of its part', () => {
    const parts = partsOf(fixture('bad/format.xlsb')).map((part) =>
      part.name === 'xl/worksheets/sheet1.bin' ? { name: part.name, data: part.data.subarray(0, part.data.length - 5) } : part,
    );
    expectFailure(() => readWithSheetJs(zipParts(parts), 'xlsb'), 'file-unreadable');
  });

  it('reads an .xlsb row numbered in the billions without walking a billion-long array', () => {
    const parts = partsOf(fixture('bad/format.xlsb')).map((part) => {
      if (part.name !== 'xl/worksheets/sheet1.bin') return part;
      const data = part.data.slice();
      const at = recordBody(data, 0x00, 3); // the third BrtRowHdr: its row number
      new DataView(data.buffer).setUint32(at, 0x7ffffff0, true);
      return { name: part.name, data };
    });
    const grid = quickly(3000, () => readWithSheetJs(zipParts(parts), 'xlsb'));
    expect(grid.sheets[0]!.rows.length).toBeLessThanOrEqual(1_048_576);
  });

  it('drops a merge reaching outside the sheet (a flipped byte made one 4.7 million columns wide)', () => {
    const parts = partsOf(fixture('bad/format.xlsb')).map((part) => {
      if (part.name !== 'xl/worksheets/sheet1.bin') return part;
      const data = part.data.slice();
      const at = recordBody(data, 0xb0, 2); // the second BrtMergeCell: rwFirst, rwLast, colFirst, colLast
      new DataView(data.buffer).setUint32(at + 12, 4_718_624, true);
      return { name: part.name, data };
    });
    const original = readWithSheetJs(fixture('bad/format.xlsb'), 'xlsb').sheets[0]!.merges;
    const merges = readWithSheetJs(zipParts(parts), 'xlsb').sheets[0]!.merges;
    expect(merges).toEqual([original[0], ...original.slice(2)]);
  });

  it('keeps the content types in step with the parts it keeps', () => {
    const kept = guardPackage('xlsb', partsOf(fixture('bad/format.xlsb')));
    expect(kept.map((part) => part.name).sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.bin.rels', 'xl/styles.bin', 'xl/workbook.bin', 'xl/worksheets/sheet1.bin'].sort(),
    );
    const types = strFromU8(kept.find((part) => part.name === '[Content_Types].xml')!.data);
    expect(types).not.toContain('metadata');
    expect(types).not.toContain('theme');
    expect(types).toContain('/xl/worksheets/sheet1.bin');
  });
});

/** Offset of the body of the `nth` BIFF12 record of this type in a part. */
function recordBody(data: Uint8Array, wanted: number, nth = 1): number {
  let seen = 0;
  for (let at = 0; at < data.length;) {
    let type = data[at++]!;
    if (type & 0x80) type = (type & 0x7f) + ((data[at++]! & 0x7f) << 7);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = data[at++]!;
      size += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0 || shift === 21) break;
    }
    if (type === wanted && ++seen === nth) return at;
    at += size;
  }
  throw new Error(`no record ${wanted} #${nth}`);
}

// ---------------------------------------------------------------------------
// .xls: the compound file read by hand, the record stream guarded

interface CompoundApi {
  read(data: Uint8Array, options: { type: 'array' }): unknown;
  find(container: unknown, path: string): { content: Uint8Array | number[]; size: number } | null;
  write(container: unknown, options: { type: 'array' }): Uint8Array | number[];
  utils: { cfb_new(): unknown; cfb_add(container: unknown, name: string, content: Uint8Array): void };
}
const cfb = XLSX.CFB as unknown as CompoundApi;
/** A plain Uint8Array (SheetJS hands out Buffers in Node, which compare unequal to plain arrays). */
const toBytes = (data: Uint8Array | number[]) => Uint8Array.from(data);

describe('readCompoundStream', () => {
  it('gives the same Workbook stream as SheetJS for well-formed files, big and small', () => {
    for (const bytes of [fixture('real/format-xls.xls'), fixture('real/legacy-tcvn3-vntime.xls'), readFixture('legacy-source.xls')]) {
      const expected = toBytes(cfb.find(cfb.read(bytes, { type: 'array' }), 'Workbook')!.content);
      expect(readCompoundStream(bytes, ['Workbook', 'Book'])).toEqual(expected);
    }
    // Under 4096 bytes a stream lives in the mini stream.
    const container = cfb.utils.cfb_new();
    const small = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    cfb.utils.cfb_add(container, 'Book', small);
    const bytes = toBytes(cfb.write(container, { type: 'array' }));
    expect(isCompoundFile(bytes)).toBe(true);
    expect(readCompoundStream(bytes, ['Workbook', 'Book'])).toEqual(small);
    expect(readCompoundStream(bytes, ['Nothing'])).toBeUndefined();
  });

  it('refuses a sector chain that loops, and a stream bigger than the file', () => {
    const bytes = fixture('real/format-xls.xls').slice();
    const view = new DataView(bytes.buffer);
    const fatSector = view.getUint32(0x4c, true);
    const directoryStart = view.getUint32(0x30, true);
    // The directory's first sector points back at itself.
    view.setUint32((fatSector + 1) * 512 + directoryStart * 4, directoryStart, true);
    expectFailure(() => readCompoundStream(bytes, ['Workbook']), 'file-unreadable');

    const big = fixture('real/format-xls.xls').slice();
    const bigView = new DataView(big.buffer);
    const entries = (bigView.getUint32(0x30, true) + 1) * 512;
    for (let at = entries; at < entries + 512; at += 128) {
      if (bigView.getUint8(at + 0x42) === 2) bigView.setUint32(at + 0x78, 0x7fffffff, true);
    }
    expectFailure(() => readCompoundStream(big, ['Workbook']), 'file-unreadable');
  });
});

describe('readWithSheetJs: .xls', () => {
  it('hands SheetJS the bare record stream: a directory tree that loops (SheetJS dies of a V8 fatal error on it) reads', () => {
    const original = fixture('real/format-xls.xls');
    const bytes = original.slice();
    const view = new DataView(bytes.buffer);
    const entries = (view.getUint32(0x30, true) + 1) * 512;
    // Entries 1 and 2 are each other's right sibling.
    view.setUint32(entries + 128 + 0x48, 2, true);
    view.setUint32(entries + 256 + 0x48, 1, true);
    expect(quickly(3000, () => readWithSheetJs(bytes, 'xls'))).toEqual(readWithSheetJs(original, 'xls'));
  });

  it('never lets SheetJS parse the summary property streams (a damaged count loops it for billions of rounds)', () => {
    const original = fixture('real/format-xls.xls');
    const container = cfb.read(original, { type: 'array' });
    const summary = cfb.find(container, '\u0005SummaryInformation')!;
    const content = toBytes(summary.content).slice();
    new DataView(content.buffer).setUint32(48 + 4, 0xffffffff, true); // PropertySet.NumProps
    summary.content = content;
    const bytes = toBytes(cfb.write(container, { type: 'array' }));
    expect(quickly(3000, () => readWithSheetJs(bytes, 'xls'))).toEqual(readWithSheetJs(original, 'xls'));
  });

  it('refuses records SheetJS would read past: an empty ExternSheet (a NaN count it loops on until memory runs out), or one counting more than it holds', () => {
    const withExternSheet = (from: number, count?: number) => {
      const container = cfb.read(fixture('real/format-xls.xls'), { type: 'array' });
      const workbook = cfb.find(container, 'Workbook')!;
      const stream = toBytes(workbook.content);
      const view = new DataView(stream.buffer);
      let at = 0;
      while (view.getUint16(at, true) !== from) at += 4 + view.getUint16(at + 2, true);
      view.setUint16(at, 0x0017, true);
      if (count !== undefined) view.setUint16(at + 4, count, true);
      workbook.content = stream;
      return toBytes(cfb.write(container, { type: 'array' }));
    };
    const empty = quickly(2000, () => expectFailure(() => readWithSheetJs(withExternSheet(0x00e2), 'xls'), 'file-unreadable'));
    expect(empty.params['detail']).toContain('shorter than 2 bytes');
    const overfull = expectFailure(() => readWithSheetJs(withExternSheet(0x0042, 0xffff), 'xls'), 'file-unreadable');
    expect(overfull.params['detail']).toContain('65535 external sheets do not fit');
  });

  it('refuses shared strings that claim more than the SST holds (SheetJS reads a NaN count past the end, without end)', () => {
    const container = cfb.read(fixture('real/format-xls.xls'), { type: 'array' });
    const workbook = cfb.find(container, 'Workbook')!;
    const stream = toBytes(workbook.content);
    const view = new DataView(stream.buffer);
    let at = 0;
    while (view.getUint16(at, true) !== 0x00fc) at += 4 + view.getUint16(at + 2, true);
    view.setUint16(at + 12, 0xffff, true); // the first string's character count
    workbook.content = stream;
    const bytes = toBytes(cfb.write(container, { type: 'array' }));
    const failure = quickly(2000, () => expectFailure(() => readWithSheetJs(bytes, 'xls'), 'file-unreadable'));
    expect(failure.params['detail']).toMatch(/^shared strings at byte \d+: string 0 needs 65538 bytes/);
  });

  it('turns records a form does not need into one SheetJS skips, keeping every offset', () => {
    const record = (type: number, body: number[]) => [type & 0xff, type >> 8, body.length & 0xff, body.length >> 8, ...body];
    const stream = Uint8Array.from([
      ...record(0x0809, [0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0]), // BOF, BIFF8 globals
      ...record(0x01b8, [1, 2, 3, 4]), // HLink
      ...record(0x0042, [0xe4, 0x04]), // CodePage
      ...record(0x000a, []), // EOF
    ]);
    const guarded = guardBiffStream(stream);
    expect(guarded.length).toBe(stream.length);
    expect(Array.from(guarded.subarray(12, 14))).toEqual([0x1a, 0x00]);
    expect(Array.from(guarded.subarray(12 + 2))).toEqual(Array.from(stream.subarray(12 + 2)));
    expect(Array.from(guarded.subarray(0, 12))).toEqual(Array.from(stream.subarray(0, 12)));
  });

  it('calls a FilePass record password protection, whatever follows it', () => {
    const record = (type: number, body: number[]) => [type & 0xff, type >> 8, body.length & 0xff, body.length >> 8, ...body];
    const stream = Uint8Array.from([...record(0x0809, [0x00, 0x06, 0x05, 0x00]), ...record(0x002f, [1, 0]), ...record(0x00fd, [9])]);
    expect(failureOf(() => guardBiffStream(stream))).toMatchObject({ code: 'file-encrypted', message: 'File is password-protected' });
  });
});

describe('readWithSheetJs: a password-protected .ods', () => {
  it('is password-protected, not a corrupt zip', () => {
    const manifest = strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>');
    const bytes = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
      { name: 'META-INF/manifest.xml', data: manifest },
    ]);
    const raw = buildRawZip([...partsOf(bytes).map((p) => deflatedEntry(p.name, p.data)), { name: 'content.xml', stored: Uint8Array.of(1, 2, 3, 4), method: 8, declaredSize: 100 }]);
    expectFailure(() => readWithSheetJs(raw, 'ods'), 'file-encrypted');
  });
});
