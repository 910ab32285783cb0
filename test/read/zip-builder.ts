/**
 * Builds zip archives and minimal workbooks in memory, so tests can craft any
 * XML (and any malformed zip) without fixture files.
 */
import { deflateSync, strToU8, zipSync, type Zippable } from 'fflate';

export interface ZipInput {
  name: string;
  data: string | Uint8Array;
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? strToU8(data) : data;
}

/** A well-formed zip via fflate's zipSync (names must be unique: zipSync takes an object). */
export function buildZip(files: ZipInput[]): Uint8Array {
  const zippable: Zippable = {};
  for (const file of files) zippable[file.name] = [toBytes(file.data), { level: 6 }];
  return zipSync(zippable);
}

export interface RawZipEntry {
  name: string;
  /** Bytes exactly as stored in the archive (already compressed for method 8). */
  stored: Uint8Array;
  method: number;
  /** Uncompressed size to declare (may lie). Defaults to the stored length. */
  declaredSize?: number;
  crc?: number;
  flags?: number;
}

export interface RawZipOptions {
  /** Writes a zip64 end-of-central-directory locator before the end record. */
  zip64Locator?: boolean;
  /** Overrides the entry count in the end record. */
  declaredCount?: number;
}

/** A zip written by hand: duplicates, hostile names, precompressed data and lies allowed. */
export function buildRawZip(entries: RawZipEntry[], options: RawZipOptions = {}): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const crc = entry.crc ?? 0;
    const size = entry.declaredSize ?? entry.stored.length;
    const flags = (entry.flags ?? 0) | 0x0800;

    const local = new Uint8Array(30 + name.length + entry.stored.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, entry.method, true);
    lv.setUint16(12, 0x21, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, entry.stored.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    local.set(entry.stored, 30 + name.length);

    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, entry.method, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, entry.stored.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);

    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const locator = options.zip64Locator ? new Uint8Array(20) : new Uint8Array(0);
  if (options.zip64Locator) new DataView(locator.buffer).setUint32(0, 0x07064b50, true);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  const count = options.declaredCount ?? entries.length;
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, count, true);
  ev.setUint16(10, count, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, locator, end]);
}

/** A raw-zip entry deflated for real. */
export function deflatedEntry(name: string, data: string | Uint8Array): RawZipEntry {
  const bytes = toBytes(data);
  return { name, stored: deflateSync(bytes), method: 8, declaredSize: bytes.length, crc: crc32(bytes) };
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A raw deflate stream that inflates to `totalBytes` zero bytes at the
 * format's maximum ratio (~1032:1), built without ever holding the output.
 *
 * One dynamic-Huffman block whose only symbols are literal 0, end-of-block
 * and "copy 258 bytes from distance 1". Their codes are chosen so each copy
 * is two 0 bits: the body is literally zero bytes, written by leaving the
 * buffer as allocated.
 */
export function deflateZeros(totalBytes: number): Uint8Array {
  const copies = Math.floor((totalBytes - 1) / 258);
  const trailingLiterals = totalBytes - 1 - copies * 258;
  const headerBits = 600;
  const out = new Uint8Array(Math.ceil((headerBits + 2 * copies + 2 * trailingLiterals + 8) / 8) + 1);
  let bit = 0;
  const writeValue = (value: number, width: number) => {
    // Header fields and extra bits: least significant bit first.
    for (let i = 0; i < width; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  const writeCode = (code: string) => {
    // Huffman codes: most significant bit first.
    for (const c of code) {
      if (c === '1') out[bit >> 3]! |= 1 << (bit & 7);
      bit++;
    }
  };

  writeValue(1, 1); // BFINAL
  writeValue(2, 2); // dynamic Huffman
  writeValue(286 - 257, 5); // HLIT
  writeValue(2 - 1, 5); // HDIST
  writeValue(18 - 4, 4); // HCLEN
  // Code-length code lengths in the format's permuted order; we use symbols 1, 2 and 18.
  const order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
  const codeLengthLengths: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const symbol of order) writeValue(codeLengthLengths[symbol] ?? 0, 3);
  // Canonical code-length codes: 18 → 0, 1 → 10, 2 → 11.
  const zeros = (count: number) => {
    writeCode('0');
    writeValue(count - 11, 7);
  };
  writeCode('11'); // literal 0: length 2
  zeros(138);
  zeros(117); // literals 1..255 unused
  writeCode('11'); // end of block (256): length 2
  zeros(28); // lengths 257..284 unused
  writeCode('10'); // length code 285 (copy 258): length 1
  writeCode('10'); // distance code 0: length 1
  writeCode('10'); // distance code 1: length 1 (keeps the distance code complete)

  // Canonical literal/length codes: 285 → 0, literal 0 → 10, end of block → 11. Distance 0 → 0.
  writeCode('10'); // the first zero byte, so there is something to copy
  bit += 2 * copies; // each copy is "0" + "0": already zero in the buffer
  for (let i = 0; i < trailingLiterals; i++) writeCode('10');
  writeCode('11'); // end of block
  return out.subarray(0, Math.ceil(bit / 8));
}

// ---------------------------------------------------------------------------
// Minimal workbooks

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_REL_NS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

export interface TestSheet {
  name: string;
  /** Full worksheet XML, or use `sheetXml(rowsXml)`. */
  xml: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
}

export interface TestWorkbook {
  sheets: TestSheet[];
  /** Full sharedStrings.xml, or a list of plain strings. */
  sharedStrings?: string | string[];
  styles?: string;
  /** Relationship type namespace and element namespace flavour. */
  strict?: boolean;
  /** Extra parts added as they are. */
  extra?: ZipInput[];
}

export function sheetXml(sheetData: string, after = '', before = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${before}<sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

export function sharedStringsXml(strings: string[]): string {
  const items = strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}" count="${strings.length}" uniqueCount="${strings.length}">${items}</sst>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The parts of a minimal workbook, for tests that want to tamper with them before zipping. */
export function workbookParts(workbook: TestWorkbook): ZipInput[] {
  const relNs = workbook.strict ? STRICT_REL_NS : REL_NS;
  const mainNs = workbook.strict ? STRICT_MAIN_NS : MAIN_NS;
  const parts: ZipInput[] = [];
  parts.push({
    name: '[Content_Types].xml',
    data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  });
  parts.push({
    name: '_rels/.rels',
    data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${relNs}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  });
  const sheetEntries = workbook.sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  parts.push({
    name: 'xl/workbook.xml',
    data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${mainNs}" xmlns:r="${relNs}"><sheets>${sheetEntries}</sheets></workbook>`,
  });
  const rels = workbook.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${relNs}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (workbook.sharedStrings) rels.push(`<Relationship Id="rIdS" Type="${relNs}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (workbook.styles) rels.push(`<Relationship Id="rIdT" Type="${relNs}/styles" Target="styles.xml"/>`);
  parts.push({
    name: 'xl/_rels/workbook.xml.rels',
    data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_REL_NS}">${rels.join('')}</Relationships>`,
  });
  workbook.sheets.forEach((s, i) => parts.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml }));
  if (workbook.sharedStrings) {
    const xml = typeof workbook.sharedStrings === 'string' ? workbook.sharedStrings : sharedStringsXml(workbook.sharedStrings);
    parts.push({ name: 'xl/sharedStrings.xml', data: xml });
  }
  if (workbook.styles) parts.push({ name: 'xl/styles.xml', data: workbook.styles });
  parts.push(...(workbook.extra ?? []));
  return parts;
}

export function buildWorkbook(workbook: TestWorkbook): Uint8Array {
  return buildZip(workbookParts(workbook));
}
