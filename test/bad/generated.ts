/**
 * The cases of fixtures/expected/bad.json marked `generated`: too big to
 * commit even compressed, built here from the committed base submission
 * (fixtures/bad/control-good.xlsx) in a second or less.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';
import { buildRawZip, crc32, type RawZipEntry } from '../read/zip-builder.js';

export const BAD_DIR = fileURLToPath(new URL('../../fixtures/bad/', import.meta.url));
export const BAD_EXPECTED = fileURLToPath(new URL('../../fixtures/expected/bad.json', import.meta.url));

const SHEET = 'xl/worksheets/sheet1.xml';

/** The base submission's parts, in order, as text. */
export function baseParts(): { name: string; data: string }[] {
  const files = unzipSync(new Uint8Array(readFileSync(`${BAD_DIR}control-good.xlsx`)));
  return Object.entries(files).map(([name, data]) => ({ name, data: strFromU8(data) }));
}

function deflated(name: string, data: string | Uint8Array, level: 1 | 6 = 6): RawZipEntry {
  const bytes = typeof data === 'string' ? strToU8(data) : data;
  return { name, stored: deflateSync(bytes, { level }), method: 8, declaredSize: bytes.length, crc: crc32(bytes) };
}

/** The base workbook with one of its parts changed. */
export function withSheet(change: (xml: string) => string, level: 1 | 6 = 6): Uint8Array {
  return buildRawZip(baseParts().map((part) => deflated(part.name, part.name === SHEET ? change(part.data) : part.data, level)));
}

/** The base workbook plus 10,000 empty stored entries (about 1 MB). */
function manyEntries(): Uint8Array {
  const entries = baseParts().map((part) => deflated(part.name, part.data));
  const empty = new Uint8Array(0);
  for (let i = 0; i < 10_000; i++) entries.push({ name: `customXml/item${i}.xml`, stored: empty, method: 0, declaredSize: 0, crc: 0 });
  return buildRawZip(entries);
}

/** The form, then a 0 in column H of every row from 22 down to 1,048,576 (about 35 MB of XML, 2 MB compressed). */
function millionRows(): Uint8Array {
  return withSheet((xml) => {
    const rows: string[] = [];
    for (let r = 22; r <= 1_048_576; r++) rows.push(`<row r="${r}"><c r="H${r}"><v>0</v></c></row>`);
    return xml.replace('</sheetData>', `${rows.join('')}</sheetData>`);
  }, 1);
}

/** 50,000 two-cell merges J1:K1 … J50000:K50000 beside the form (200 KB compressed). */
function merges50000(): Uint8Array {
  return withSheet((xml) => {
    const refs: string[] = [];
    for (let r = 1; r <= 50_000; r++) refs.push(`<mergeCell ref="J${r}:K${r}"/>`);
    return xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 50_000}">${refs.join('')}`);
  });
}

export const GENERATORS: Record<string, () => Uint8Array> = {
  'many-entries': manyEntries,
  'million-rows': millionRows,
  'merges-50000': merges50000,
};
