/**
 * A narrow, bounded zip reader: the central directory parsed by hand, entries
 * inflated one at a time on demand, every inflated byte counted as it comes
 * out. Sizes the archive declares are never trusted for anything but
 * bounds-checking; limits apply to what inflation actually produces, and
 * inflation stops at the first chunk that passes one.
 *
 * Stored (0) and deflate (8) only. Zip64, multi-disk archives and encrypted
 * entries are refused: a form saved by a spreadsheet program needs none of them.
 */
import { Inflate, inflateSync } from 'fflate';
import { crc32 } from '../../zip/crc32.js';
import { ReadFailure } from './errors.js';
import { RATIO_CHECK_THRESHOLD_BYTES, type ReadLimits } from './limits.js';

export interface ZipEntry {
  /** Name as stored, with `\` turned into `/`. */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  /** What the archive claims; informational only. */
  readonly declaredSize: number;
  readonly localHeaderOffset: number;
}

export interface ZipArchive {
  readonly bytes: Uint8Array;
  readonly entries: readonly ZipEntry[];
  /** Looks an entry up by name, ignoring case (OPC part names are case-insensitive). */
  find(name: string): ZipEntry | undefined;
}

/**
 * Inflates a whole raw deflate stream in one call, producing at most
 * `maxBytes`; null when the output would be longer. Throws on a corrupt or
 * truncated stream. The default is fflate's; a host with a native zlib
 * passes a faster one.
 */
export type RawInflate = (data: Uint8Array, maxBytes: number) => Uint8Array | null;

/** Running totals shared by every entry inflated from one file. */
export interface InflateBudget {
  readonly limits: ReadLimits;
  readonly inflateRaw: RawInflate;
  inflatedBytes: number;
}

export function createInflateBudget(limits: ReadLimits, inflateRaw: RawInflate = fflateInflateRaw): InflateBudget {
  return { limits, inflateRaw, inflatedBytes: 0 };
}

/**
 * fflate stops writing at the end of the buffer it is given, so an output
 * that fills the buffer's one spare byte means the stream is longer than
 * `maxBytes`. (Without a buffer, fflate allocates 128 KiB or more per call,
 * which dominated reading small workbooks.)
 */
function fflateInflateRaw(data: Uint8Array, maxBytes: number): Uint8Array | null {
  const inflated = inflateSync(data, { out: new Uint8Array(maxBytes + 1) });
  return inflated.length <= maxBytes ? inflated : null;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

/**
 * Compressed bytes pushed into the inflater at a time. Deflate expands at most
 * ~1032:1, so one push can never produce more than ~17 MiB before we get to
 * look at the running totals again.
 */
const INFLATE_CHUNK_BYTES = 16 * 1024;

const utf8 = new TextDecoder('utf-8');

/** True when the bytes start like a zip archive (a local header or an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));
}

/**
 * Reads the central directory and checks every entry name. Throws a
 * ReadFailure for anything that is not a plain, single-disk, small zip.
 */
export function openZip(bytes: Uint8Array, limits: ReadLimits): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const directory = readEndRecord(view, eocd, limits);
  const entries = readCentralDirectory(view, bytes, directory, limits);
  const byName = indexEntryNames(entries);
  return {
    bytes,
    entries,
    find: (name) => byName.get(name.toLowerCase()),
  };
}

interface CentralDirectory {
  offset: number;
  size: number;
  count: number;
}

function corruptZip(detail: string): ReadFailure {
  return new ReadFailure('file-corrupt-zip', { detail });
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  // Scan backwards: the record sits at the end, behind an optional comment.
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
    const commentLength = view.getUint16(at + 20, true);
    if (at + EOCD_SIZE + commentLength <= view.byteLength) return at;
  }
  throw corruptZip(view.byteLength < EOCD_SIZE ? 'too short to be a zip archive' : 'no end of central directory record');
}

function readEndRecord(view: DataView, eocd: number, limits: ReadLimits): CentralDirectory {
  const disk = view.getUint16(eocd + 4, true);
  const directoryDisk = view.getUint16(eocd + 6, true);
  const countOnDisk = view.getUint16(eocd + 8, true);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);

  const hasZip64Locator = eocd >= ZIP64_LOCATOR_SIZE && view.getUint32(eocd - ZIP64_LOCATOR_SIZE, true) === ZIP64_LOCATOR_SIGNATURE;
  if (hasZip64Locator || count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw corruptZip('zip64 archives are not supported');
  }
  if (disk !== 0 || directoryDisk !== 0 || countOnDisk !== count) {
    throw corruptZip('multi-disk archives are not supported');
  }
  if (count > limits.maxZipEntries) {
    throw new ReadFailure('file-zip-too-many-entries', { actual: count, limit: limits.maxZipEntries });
  }
  if (offset + size > eocd) throw corruptZip('central directory lies outside the file');
  return { offset, size, count };
}

function readCentralDirectory(view: DataView, bytes: Uint8Array, directory: CentralDirectory, limits: ReadLimits): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const end = directory.offset + directory.size;
  let at = directory.offset;
  for (let index = 0; index < directory.count; index++) {
    if (at + CENTRAL_HEADER_SIZE > end || view.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE) {
      throw corruptZip('central directory is truncated');
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    const nameStart = at + CENTRAL_HEADER_SIZE;
    if (nameStart + nameLength > end) throw corruptZip('central directory is truncated');

    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw corruptZip('zip64 entries are not supported');
    }
    const rawName = bytes.subarray(nameStart, nameStart + nameLength);
    entries.push({
      name: decodeEntryName(rawName, flags),
      method,
      flags,
      compressedSize,
      declaredSize,
      localHeaderOffset,
    });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  if (entries.length > limits.maxZipEntries) {
    throw new ReadFailure('file-zip-too-many-entries', { actual: entries.length, limit: limits.maxZipEntries });
  }
  return entries;
}

function decodeEntryName(raw: Uint8Array, flags: number): string {
  // Without the UTF-8 flag the name is CP437; OOXML part names are ASCII either
  // way, so anything non-ASCII only has to survive as something comparable.
  const name = (flags & FLAG_UTF8) !== 0 || isAscii(raw) ? utf8.decode(raw) : latin1(raw);
  return name.includes('\\') ? name.replaceAll('\\', '/') : name;
}

function isAscii(raw: Uint8Array): boolean {
  for (let i = 0; i < raw.length; i++) if (raw[i]! >= 0x80) return false;
  return true;
}

function latin1(raw: Uint8Array): string {
  let text = '';
  for (let i = 0; i < raw.length; i++) text += String.fromCharCode(raw[i]!);
  return text;
}

/** Refuses names that would escape a folder or be ambiguous, and indexes the rest. */
function indexEntryNames(entries: readonly ZipEntry[]): Map<string, ZipEntry> {
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const problem = entryNameProblem(entry.name);
    if (problem) throw new ReadFailure('file-zip-bad-entry-name', { entry: entry.name, detail: problem });
    const key = entry.name.toLowerCase();
    if (byName.has(key)) throw new ReadFailure('file-zip-bad-entry-name', { entry: entry.name, detail: 'duplicate name' });
    byName.set(key, entry);
  }
  return byName;
}

function entryNameProblem(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.includes('\0')) return 'NUL in name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  for (const segment of name.split('/')) if (segment === '..') return 'parent-folder segment';
  return null;
}

/**
 * Inflates one entry, handing each inflated chunk to `onChunk` as soon as it
 * has been counted against the budget; `whole` says the chunk is the entire
 * entry (as it is for most parts, inflated in one call). Throws a ReadFailure the moment a limit
 * is passed, so nothing past the limit is ever handed out.
 */
export function inflateEntry(archive: ZipArchive, entry: ZipEntry, budget: InflateBudget, onChunk: (chunk: Uint8Array, whole: boolean) => void): void {
  const data = compressedData(archive, entry);
  const meter = new InflateMeter(entry, budget);
  if (entry.method === METHOD_STORED) {
    meter.consumed(data.length);
    meter.count(data.length);
    onChunk(data, true);
    return;
  }
  const inflated = data.length <= INFLATE_CHUNK_BYTES ? inflateSmallEntry(entry, data, budget) : null;
  if (inflated) {
    meter.consumed(data.length);
    meter.count(inflated.length);
    onChunk(inflated, true);
    return;
  }
  inflateInChunks(entry, data, meter, onChunk);
}

/**
 * Small parts (most of them) in one call, producing at most the declared
 * size. The declared size is only a hint here: a longer output means the
 * hint was wrong, and we return null for the chunked path to measure it
 * properly. Output is bounded by the deflate maximum ratio of a small input
 * either way.
 */
function inflateSmallEntry(entry: ZipEntry, data: Uint8Array, budget: InflateBudget): Uint8Array | null {
  if (data.length === 0) return new Uint8Array(0); // some writers store empty parts as zero deflate bytes
  const { limits } = budget;
  const hint = entry.declaredSize;
  const plausible = hint <= limits.maxEntryInflatedBytes && hint <= Math.max(RATIO_CHECK_THRESHOLD_BYTES, data.length * limits.maxInflateRatio);
  if (!plausible) return null;
  return inflateOrFail(entry, () => budget.inflateRaw(data, hint));
}

/** Inflates one entry into a single byte array (for parts read whole). */
export function inflateEntryToBytes(archive: ZipArchive, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const chunks: Uint8Array[] = [];
  inflateEntry(archive, entry, budget, (chunk) => chunks.push(chunk));
  return concatenate(chunks);
}

function inflateInChunks(entry: ZipEntry, data: Uint8Array, meter: InflateMeter, onChunk: (chunk: Uint8Array, whole: boolean) => void): void {
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (chunk.length > 0) {
      meter.count(chunk.length);
      onChunk(chunk, false);
    }
    if (final) finished = true;
  });
  for (let at = 0; at < data.length; at += INFLATE_CHUNK_BYTES) {
    const end = Math.min(at + INFLATE_CHUNK_BYTES, data.length);
    meter.consumed(end - at);
    inflateOrFail(entry, () => inflater.push(data.subarray(at, end), end === data.length));
  }
  if (!finished) throw corruptEntry(entry, 'deflate stream is truncated');
}

/**
 * Counts inflated bytes of one entry against the entry, total and ratio
 * limits. The ratio compares output with the compressed bytes consumed so
 * far, not with the whole entry: a bomb is caught in its first chunk even
 * when it hides behind a long, dull tail.
 */
class InflateMeter {
  private entryBytes = 0;
  private compressedBytes = 0;

  constructor(
    private readonly entry: ZipEntry,
    private readonly budget: InflateBudget,
  ) {}

  /** Records compressed bytes about to be inflated. */
  consumed(bytes: number): void {
    this.compressedBytes += bytes;
  }

  count(bytes: number): void {
    const { limits } = this.budget;
    this.entryBytes += bytes;
    this.budget.inflatedBytes += bytes;
    if (this.entryBytes > limits.maxEntryInflatedBytes) {
      throw this.bomb('entry', limits.maxEntryInflatedBytes, this.entryBytes);
    }
    if (this.budget.inflatedBytes > limits.maxInflatedBytes) {
      throw this.bomb('total', limits.maxInflatedBytes, this.budget.inflatedBytes);
    }
    if (this.entryBytes > RATIO_CHECK_THRESHOLD_BYTES) {
      const compressed = Math.max(1, this.compressedBytes);
      if (this.entryBytes / compressed > limits.maxInflateRatio) {
        throw this.bomb('ratio', Math.floor(compressed * limits.maxInflateRatio), this.entryBytes);
      }
    }
  }

  private bomb(kind: 'entry' | 'total' | 'ratio', limit: number, actual: number): ReadFailure {
    return new ReadFailure('file-zip-bomb', { entry: this.entry.name, limit, actual, kind });
  }
}

function compressedData(archive: ZipArchive, entry: ZipEntry): Uint8Array {
  if ((entry.flags & FLAG_ENCRYPTED) !== 0) throw new ReadFailure('file-encrypted', {}, `${entry.name}: entry is encrypted`);
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATE) {
    throw new ReadFailure('file-unsupported-compression', { entry: entry.name, method: entry.method });
  }
  const { bytes } = archive;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + LOCAL_HEADER_SIZE > bytes.length || view.getUint32(header, true) !== LOCAL_HEADER_SIGNATURE) {
    throw corruptEntry(entry, 'local header is missing');
  }
  // The local header's own name and extra lengths decide where data starts;
  // they may differ from the central directory's.
  const start = header + LOCAL_HEADER_SIZE + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corruptEntry(entry, 'entry data runs past the end of the file');
  return bytes.subarray(start, end);
}

function inflateOrFail<T>(entry: ZipEntry, inflate: () => T): T {
  try {
    return inflate();
  } catch (error) {
    if (error instanceof ReadFailure) throw error;
    throw corruptEntry(entry, `deflate stream is corrupt (${error instanceof Error ? error.message : String(error)})`);
  }
}

function corruptEntry(entry: ZipEntry, reason: string): ReadFailure {
  return corruptZip(`${entry.name}: ${reason}`);
}

function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return joined;
}

/**
 * Entry names from local headers, walked from the start of the file: for the
 * sniffer, when the central directory is missing or refused (a truncated
 * download still says what it was meant to be).
 */
export function scanLocalHeaderNames(bytes: Uint8Array, maxNames = 5_000): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  let at = 0;
  while (at + LOCAL_HEADER_SIZE <= bytes.length && names.length < maxNames) {
    if (view.getUint32(at, true) !== LOCAL_HEADER_SIGNATURE) break;
    const flags = view.getUint16(at + 6, true);
    const compressedSize = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const nameStart = at + LOCAL_HEADER_SIZE;
    if (nameStart + nameLength > bytes.length) break;
    names.push(decodeEntryName(bytes.subarray(nameStart, nameStart + nameLength), flags));
    // With a data descriptor (flag bit 3) the size is unknown here: stop, we have the first names.
    if ((flags & 0x0008) !== 0 && compressedSize === 0) break;
    at = nameStart + nameLength + extraLength + compressedSize;
  }
  return names;
}

// ---------------------------------------------------------------------------
// Writing: a plain stored zip, for handing measured bytes to another parser

/**
 * A zip of these entries, every one stored (method 0) with honest sizes in
 * both headers, no extra fields and no comment: nothing in it for another
 * reader to inflate, trust or misread. The caller keeps the entry count and
 * sizes within what openZip accepts (no zip64).
 */
export function storedZip(entries: readonly { readonly name: string; readonly data: Uint8Array }[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((entry) => encoder.encode(entry.name));
  let localBytes = 0;
  let centralBytes = 0;
  for (let i = 0; i < entries.length; i++) {
    localBytes += LOCAL_HEADER_SIZE + names[i]!.length + entries[i]!.data.length;
    centralBytes += CENTRAL_HEADER_SIZE + names[i]!.length;
  }
  const out = new Uint8Array(localBytes + centralBytes + EOCD_SIZE);
  const view = new DataView(out.buffer);
  let local = 0;
  let central = localBytes;
  for (let i = 0; i < entries.length; i++) {
    const name = names[i]!;
    const data = entries[i]!.data;
    const crc = crc32(data);
    view.setUint32(local, LOCAL_HEADER_SIGNATURE, true);
    view.setUint16(local + 4, 20, true);
    view.setUint16(local + 6, FLAG_UTF8, true);
    view.setUint16(local + 8, METHOD_STORED, true);
    view.setUint32(local + 14, crc, true);
    view.setUint32(local + 18, data.length, true);
    view.setUint32(local + 22, data.length, true);
    view.setUint16(local + 26, name.length, true);
    out.set(name, local + LOCAL_HEADER_SIZE);
    out.set(data, local + LOCAL_HEADER_SIZE + name.length);

    view.setUint32(central, CENTRAL_HEADER_SIGNATURE, true);
    view.setUint16(central + 4, 20, true);
    view.setUint16(central + 6, 20, true);
    view.setUint16(central + 8, FLAG_UTF8, true);
    view.setUint16(central + 10, METHOD_STORED, true);
    view.setUint32(central + 16, crc, true);
    view.setUint32(central + 20, data.length, true);
    view.setUint32(central + 24, data.length, true);
    view.setUint16(central + 28, name.length, true);
    view.setUint32(central + 42, local, true);
    out.set(name, central + CENTRAL_HEADER_SIZE);

    local += LOCAL_HEADER_SIZE + name.length + data.length;
    central += CENTRAL_HEADER_SIZE + name.length;
  }
  view.setUint32(central, EOCD_SIGNATURE, true);
  view.setUint16(central + 8, entries.length, true);
  view.setUint16(central + 10, entries.length, true);
  view.setUint32(central + 12, centralBytes, true);
  view.setUint32(central + 16, localBytes, true);
  return out;
}
