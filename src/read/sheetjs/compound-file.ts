/**
 * One stream out of an OLE2 compound file (the container of .xls), read by
 * hand with every chain bounded: SheetJS's own container parser follows a
 * damaged directory tree or sector chain until the process runs out of
 * memory (a V8 fatal error no try/catch can stop), so SheetJS is only ever
 * handed the stream this returns.
 *
 * Every sector is visited at most once per chain, every size is checked
 * against the file, and anything that does not hold together is a
 * ReadFailure, never a loop. No Node APIs.
 */
import { ReadFailure } from '../xlsx/errors.js';

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEADER_SIZE = 512;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_SIZE = 128;
const MINI_SECTOR_SIZE = 64;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((byte, i) => bytes[i] === byte);
}

function damaged(detail: string): ReadFailure {
  return new ReadFailure('file-unreadable', { detail: `damaged compound file: ${detail}` });
}

interface DirectoryEntry {
  readonly name: string;
  readonly type: number;
  readonly start: number;
  readonly size: number;
}

/**
 * The first stream named one of `names` (in order of preference, compared
 * ignoring case as the format does), or undefined when there is none.
 * Throws a ReadFailure when the container is damaged.
 */
export function readCompoundStream(bytes: Uint8Array, names: readonly string[]): Uint8Array | undefined {
  if (!isCompoundFile(bytes) || bytes.length < HEADER_SIZE) throw damaged('no compound file header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw damaged(`sector shift ${sectorShift}`);
  if (view.getUint16(0x20, true) !== 6) throw damaged('mini sector size is not 64');
  const sectorSize = 1 << sectorShift;
  // A last sector cut short by a truncated download still holds its first bytes.
  const sectorCount = Math.ceil((bytes.length - sectorSize) / sectorSize);
  const miniCutoff = view.getUint32(0x38, true);

  const sectorBytes = (sector: number): Uint8Array => {
    const start = (sector + 1) * sectorSize;
    return bytes.subarray(start, Math.min(start + sectorSize, bytes.length));
  };

  // The FAT: its sector numbers from the header's DIFAT, then along the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) {
    const sector = view.getUint32(0x4c + i * 4, true);
    if (sector !== FREE_SECTOR) fatSectors.push(sector);
  }
  const difatSeen = new Set<number>();
  for (let sector = view.getUint32(0x44, true); sector !== END_OF_CHAIN && sector !== FREE_SECTOR;) {
    if (sector >= sectorCount || difatSeen.has(sector)) throw damaged('DIFAT chain leaves the file or loops');
    difatSeen.add(sector);
    const data = sectorBytes(sector);
    const entries = Math.floor(data.length / 4);
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (let i = 0; i < entries - 1; i++) {
      const fatSector = dv.getUint32(i * 4, true);
      if (fatSector !== FREE_SECTOR) fatSectors.push(fatSector);
    }
    sector = entries > 0 ? dv.getUint32((entries - 1) * 4, true) : END_OF_CHAIN;
  }
  const entriesPerSector = sectorSize / 4;
  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerSector)];
    if (fatSector === undefined || fatSector >= sectorCount) throw damaged(`no FAT entry for sector ${sector}`);
    const at = (fatSector + 1) * sectorSize + (sector % entriesPerSector) * 4;
    if (at + 4 > bytes.length) throw damaged(`FAT sector ${fatSector} is cut short`);
    return view.getUint32(at, true);
  };

  /** The bytes along a chain: at most `limit`, each sector once; stops at the end of the chain. */
  const readChain = (start: number, limit: number, what: string): Uint8Array => {
    const parts: Uint8Array[] = [];
    let length = 0;
    const seen = new Set<number>();
    for (let sector = start; sector !== END_OF_CHAIN && length < limit;) {
      if (sector >= sectorCount || seen.has(sector)) throw damaged(`${what} chain leaves the file or loops`);
      seen.add(sector);
      const data = sectorBytes(sector);
      parts.push(data);
      length += data.length;
      sector = nextSector(sector);
    }
    return concatenate(parts, Math.min(length, limit));
  };

  const directory = readChain(view.getUint32(0x30, true), bytes.length, 'directory');
  const entries = readDirectory(directory, view.getUint16(0x1a, true));
  const root = entries.find((entry) => entry.type === TYPE_ROOT);
  let entry: DirectoryEntry | undefined;
  for (const name of names) {
    entry = entries.find((candidate) => candidate.type === TYPE_STREAM && candidate.name.toLowerCase() === name.toLowerCase());
    if (entry) break;
  }
  if (!entry) return undefined;
  // No stream can be bigger than the file it sits in.
  if (entry.size > bytes.length) throw damaged(`stream ${entry.name} claims ${entry.size} bytes`);

  let data: Uint8Array;
  if (entry.size < miniCutoff) {
    if (!root) throw damaged('no root entry for the mini stream');
    if (root.size > bytes.length) throw damaged(`mini stream claims ${root.size} bytes`);
    const miniStream = readChain(root.start, root.size, 'mini stream');
    const miniFat = readChain(view.getUint32(0x3c, true), bytes.length, 'mini FAT');
    const miniView = new DataView(miniFat.buffer, miniFat.byteOffset, miniFat.byteLength);
    const parts: Uint8Array[] = [];
    let length = 0;
    const seen = new Set<number>();
    for (let sector = entry.start; sector !== END_OF_CHAIN && length < entry.size;) {
      const at = sector * MINI_SECTOR_SIZE;
      if (seen.has(sector) || at + MINI_SECTOR_SIZE > miniStream.length || sector * 4 + 4 > miniFat.length) {
        throw damaged(`mini chain of ${entry.name} leaves the mini stream or loops`);
      }
      seen.add(sector);
      parts.push(miniStream.subarray(at, at + MINI_SECTOR_SIZE));
      length += MINI_SECTOR_SIZE;
      sector = miniView.getUint32(sector * 4, true);
    }
    data = concatenate(parts, Math.min(length, entry.size));
  } else {
    data = readChain(entry.start, entry.size, entry.name);
  }
  if (data.length < entry.size) throw damaged(`stream ${entry.name} ends after ${data.length} of ${entry.size} bytes`);
  return data;
}

function readDirectory(directory: Uint8Array, majorVersion: number): DirectoryEntry[] {
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries: DirectoryEntry[] = [];
  for (let at = 0; at + DIRECTORY_ENTRY_SIZE <= directory.length; at += DIRECTORY_ENTRY_SIZE) {
    const type = view.getUint8(at + 0x42);
    const nameBytes = view.getUint16(at + 0x40, true);
    if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
    let name = '';
    for (let i = 0; i < nameBytes / 2 - 1; i++) name += String.fromCharCode(view.getUint16(at + i * 2, true));
    const sizeHigh = view.getUint32(at + 0x7c, true);
    // Version 3 files leave the high half as junk; a real high half would mean a stream over 4 GB.
    const size = view.getUint32(at + 0x78, true) + (majorVersion === 4 ? sizeHigh * 0x1_0000_0000 : 0);
    entries.push({ name, type, start: view.getUint32(at + 0x74, true), size });
  }
  return entries;
}

function concatenate(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    if (at >= length) break;
    const take = Math.min(part.length, length - at);
    out.set(part.subarray(0, take), at);
    at += take;
  }
  return out;
}
