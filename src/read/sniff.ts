/**
 * What a file is, from its bytes rather than its name: clerks rename files,
 * web portals save HTML as .xls, and a password-protected .xlsx is really an
 * OLE compound file. Cheap enough to run on every file in a folder: it reads
 * the zip or compound-file directory, never a whole workbook.
 */
import { resolveLimits } from './xlsx/limits.js';
import { createInflateBudget, inflateEntryToBytes, looksLikeZip, openZip, scanLocalHeaderNames, type ZipArchive } from './xlsx/zip.js';

export type SniffedFormat =
  | 'xlsx'
  | 'xlsb'
  | 'ods'
  | 'docx'
  | 'pptx'
  | 'zip'
  | 'xls'
  | 'doc'
  | 'encrypted-ooxml'
  | 'cfb'
  | 'pdf'
  | 'html'
  | 'image'
  | 'text'
  | 'empty'
  | 'unknown';

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  if (looksLikeZip(bytes)) return sniffZip(bytes);
  if (startsWith(bytes, CFB_SIGNATURE)) return sniffCompoundFile(bytes);
  if (startsWith(bytes, PDF_SIGNATURE)) return 'pdf';
  if (isImage(bytes)) return 'image';
  if (isBiffWithoutContainer(bytes)) return 'xls';
  const text = textPrefix(bytes);
  if (text !== null) return looksLikeHtml(text) ? 'html' : 'text';
  return 'unknown';
}

/**
 * Excel's owner file (`~$Book.xlsx`, ~165 bytes: a length byte and the user's
 * name) and LibreOffice's (`.~lock.Book.xlsx#`) sit beside an open workbook
 * and are never submissions. The name decides; a file that is large is a
 * workbook someone named oddly.
 */
export function isExcelLockFile(bytes: Uint8Array, fileName: string): boolean {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const lockName = base.startsWith('~$') || (base.startsWith('.~lock.') && base.endsWith('#'));
  return lockName && bytes.length <= 4096;
}

// ---------------------------------------------------------------------------
// Magic numbers

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46]; // %PDF
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const GIF_SIGNATURE = [0x47, 0x49, 0x46, 0x38]; // GIF8

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

function isImage(bytes: Uint8Array): boolean {
  return startsWith(bytes, PNG_SIGNATURE) || startsWith(bytes, JPEG_SIGNATURE) || startsWith(bytes, GIF_SIGNATURE);
}

/** Excel 2.x–4.0 worksheets are a bare BIFF record stream starting with a BOF record (09 00 / 09 02 / 09 04). */
function isBiffWithoutContainer(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0x09) return false;
  const version = bytes[1];
  const recordLength = bytes[2]! | (bytes[3]! << 8);
  return (version === 0x00 || version === 0x02 || version === 0x04) && recordLength >= 4 && recordLength <= 16;
}

// ---------------------------------------------------------------------------
// Zip packages: decided by their entry names

const SNIFF_LIMITS = resolveLimits({ maxEntryInflatedBytes: 1024 * 1024, maxInflatedBytes: 2 * 1024 * 1024 });
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

function sniffZip(bytes: Uint8Array): SniffedFormat {
  let archive: ZipArchive | undefined;
  let names: string[];
  try {
    archive = openZip(bytes, SNIFF_LIMITS);
    names = archive.entries.map((entry) => entry.name);
  } catch {
    // Refused or damaged directory: the local headers still say what it meant to be.
    names = scanLocalHeaderNames(bytes);
  }
  const lower = new Set(names.map((name) => name.toLowerCase()));
  if (lower.has('xl/workbook.xml')) return 'xlsx';
  if (lower.has('xl/workbook.bin')) return 'xlsb';
  if (lower.has('word/document.xml')) return 'docx';
  if (names.some((name) => name.toLowerCase().startsWith('ppt/'))) return 'pptx';
  if (archive && lower.has('mimetype') && readSmallEntry(archive, 'mimetype').trim().startsWith(ODS_MIMETYPE)) return 'ods';
  if (archive && lower.has('[content_types].xml')) return formatFromContentTypes(readSmallEntry(archive, '[Content_Types].xml'));
  // A truncated download may have lost the workbook part and the directory, but
  // what survives still says which kind of package it was meant to be.
  if (!archive) return formatFromPartNames([...lower]);
  return 'zip';
}

/** For a damaged package: the folders its surviving parts sit in. */
function formatFromPartNames(names: readonly string[]): SniffedFormat {
  if (names.some((name) => name.startsWith('xl/worksheets/') && name.endsWith('.bin'))) return 'xlsb';
  if (names.some((name) => name.startsWith('xl/'))) return 'xlsx';
  if (names.some((name) => name.startsWith('word/'))) return 'docx';
  return 'zip';
}

/** For packages whose main part is not where writers usually put it. */
function formatFromContentTypes(contentTypes: string): SniffedFormat {
  if (contentTypes.includes('sheet.binary.macroEnabled.main')) return 'xlsb';
  if (contentTypes.includes('spreadsheetml.sheet.main') || contentTypes.includes('spreadsheetml.template.main') ||
      contentTypes.includes('ms-excel.sheet.macroEnabled.main') || contentTypes.includes('ms-excel.template.macroEnabled.main')) {
    return 'xlsx';
  }
  if (contentTypes.includes('wordprocessingml.document.main')) return 'docx';
  if (contentTypes.includes('presentationml.presentation.main')) return 'pptx';
  return 'zip';
}

function readSmallEntry(archive: ZipArchive, name: string): string {
  const entry = archive.find(name);
  if (!entry) return '';
  try {
    return new TextDecoder().decode(inflateEntryToBytes(archive, entry, createInflateBudget(SNIFF_LIMITS)));
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------
// OLE2 compound files: decided by their stream names

const FREE_SECTOR = 0xffffffff;
const END_OF_CHAIN = 0xfffffffe;
const DIRECTORY_ENTRY_SIZE = 128;
const HEADER_DIFAT_ENTRIES = 109;

function sniffCompoundFile(bytes: Uint8Array): SniffedFormat {
  const directory = compoundFileNames(bytes);
  // A directory chain that breaks off may have lost the names we need: look for them as text too.
  const found = directory?.complete ? directory.names : [...(directory?.names ?? []), ...scanUtf16Names(bytes)];
  const names = new Set(found.map((name) => name.toLowerCase()));
  if (names.has('encryptedpackage') || names.has('encryptioninfo')) return 'encrypted-ooxml';
  if (names.has('workbook') || names.has('book')) return 'xls';
  if (names.has('worddocument')) return 'doc';
  return 'cfb';
}

/**
 * Names of every storage and stream in the directory, and whether the
 * directory chain ended properly; null when the header does not hold together.
 */
function compoundFileNames(bytes: Uint8Array): { names: string[]; complete: boolean } | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) return null;
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const fatSectors = readFatSectorList(view, sectorSize, sectorCount);

  const entriesPerFatSector = sectorSize / 4;
  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerFatSector)];
    if (fatSector === undefined || fatSector >= sectorCount) return END_OF_CHAIN;
    const at = sectorOffset(fatSector) + (sector % entriesPerFatSector) * 4;
    return at + 4 <= bytes.length ? view.getUint32(at, true) : END_OF_CHAIN;
  };

  const names: string[] = [];
  const seen = new Set<number>();
  let sector = view.getUint32(0x30, true);
  for (; sector < sectorCount && !seen.has(sector); sector = nextSector(sector)) {
    seen.add(sector); // a chain that loops is damaged, not infinite
    for (let at = sectorOffset(sector); at + DIRECTORY_ENTRY_SIZE <= Math.min(sectorOffset(sector) + sectorSize, bytes.length); at += DIRECTORY_ENTRY_SIZE) {
      const name = directoryEntryName(view, at);
      if (name) names.push(name);
    }
  }
  return { names, complete: sector === END_OF_CHAIN };
}

/** FAT sector numbers: the first 109 in the header, the rest along the DIFAT chain. */
function readFatSectorList(view: DataView, sectorSize: number, sectorCount: number): number[] {
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) {
    const sector = view.getUint32(0x4c + i * 4, true);
    if (sector !== FREE_SECTOR) fatSectors.push(sector);
  }
  const seen = new Set<number>();
  for (let sector = view.getUint32(0x44, true); sector < sectorCount && !seen.has(sector);) {
    seen.add(sector);
    const start = (sector + 1) * sectorSize;
    if (start + sectorSize > view.byteLength) break;
    for (let i = 0; i < sectorSize / 4 - 1; i++) {
      const fatSector = view.getUint32(start + i * 4, true);
      if (fatSector !== FREE_SECTOR) fatSectors.push(fatSector);
    }
    sector = view.getUint32(start + sectorSize - 4, true);
  }
  return fatSectors;
}

function directoryEntryName(view: DataView, at: number): string | null {
  const type = view.getUint8(at + 66); // 1 storage, 2 stream, 5 root
  const nameBytes = view.getUint16(at + 64, true);
  if ((type !== 1 && type !== 2) || nameBytes < 2 || nameBytes > 64) return null;
  let name = '';
  for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(view.getUint16(at + i * 2, true));
  return name;
}

/** Last resort for a damaged compound file: look for the stream names we care about as UTF-16LE text. */
function scanUtf16Names(bytes: Uint8Array): string[] {
  const wanted = ['EncryptedPackage', 'EncryptionInfo', 'Workbook', 'Book', 'WordDocument'];
  return wanted.filter((name) => indexOfUtf16(bytes, name) >= 0);
}

function indexOfUtf16(bytes: Uint8Array, text: string): number {
  const first = text.charCodeAt(0);
  outer: for (let at = 0; at + text.length * 2 <= bytes.length; at++) {
    if (bytes[at] !== first || bytes[at + 1] !== 0) continue;
    for (let i = 1; i < text.length; i++) {
      if (bytes[at + i * 2] !== text.charCodeAt(i) || bytes[at + i * 2 + 1] !== 0) continue outer;
    }
    return at;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Text: CSV, HTML saved as .xls

const TEXT_SAMPLE_BYTES = 64 * 1024;
/** Share of control characters tolerated: legacy Vietnamese encodings put a few letters in C0 positions. */
const MAX_CONTROL_SHARE = 0.05;
/** Bytes Windows-1258 leaves undefined. */
const CP1258_UNDEFINED = new Set([0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x9a, 0x9d, 0x9e]);

/**
 * The start of the file as text, when it reads as text: UTF-16 with a BOM,
 * or UTF-8 / ASCII / Windows-1258 without NULs and with few control
 * characters. Null when it is binary.
 */
function textPrefix(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    // Excel's "Unicode Text" export is UTF-16 with a BOM, full of NULs by design.
    return new TextDecoder(sample[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(sample.subarray(0, 4096));
  }
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return new TextDecoder(utf16).decode(sample.subarray(0, 4096));
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i]!;
    if (byte === 0) return null;
    if (isControl(byte)) suspicious++;
  }
  const utf8 = decodeUtf8Strictly(sample);
  if (utf8 === null) {
    for (let i = 0; i < sample.length; i++) if (CP1258_UNDEFINED.has(sample[i]!)) suspicious++;
  }
  if (suspicious > sample.length * MAX_CONTROL_SHARE) return null;
  return utf8 ?? latin1Prefix(sample, 4096);
}

/**
 * UTF-16 text saved without a BOM: mostly-ASCII content puts a NUL in every
 * other byte, on the odd positions for little-endian and the even ones for
 * big-endian, and almost never on the other side.
 */
function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(sample.length, 4096) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.5 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.5 && oddZeros === 0) return 'utf-16be';
  return null;
}

function isControl(byte: number): boolean {
  // Tab, LF, VT, FF, CR and the DOS end-of-file mark are ordinary in text files.
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1a) || byte === 0x7f;
}

function decodeUtf8Strictly(sample: Uint8Array): string | null {
  try {
    // `stream` tolerates a character cut in half at the end of the sample.
    return new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return null;
  }
}

function latin1Prefix(bytes: Uint8Array, length: number): string {
  let text = '';
  for (let i = 0; i < Math.min(length, bytes.length); i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

const HTML_MARKERS = ['<html', '<!doctype html', '<table', '<head>', '<body', '<meta '];
const HTML_LOOKAHEAD_CHARS = 2048;

/**
 * HTML pretending to be a spreadsheet: after a BOM and whitespace the text
 * starts with markup, and an html/table/… tag appears near the start
 * (comments and an XML declaration may come first).
 */
function looksLikeHtml(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<')) return false;
  const head = start.slice(0, HTML_LOOKAHEAD_CHARS).toLowerCase();
  return HTML_MARKERS.some((marker) => head.includes(marker));
}
