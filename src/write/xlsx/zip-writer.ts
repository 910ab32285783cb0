/**
 * The package: fflate's streaming `Zip`, every entry deflated at level 6 and
 * stamped with one fixed time, output collected as chunks and joined once.
 *
 * Worksheets need one extra trick. Their head (`<dimension>`, `<cols>`,
 * `<sheetViews>`, …) must come before `<sheetData>`, but the used range is
 * only known once the last row is written. So the rows are deflated as they
 * come (only compressed bytes are kept), and when the sheet is finished its
 * head is put in front as a stored (uncompressed) deflate block: a stored
 * block is byte-aligned, so "stored head block + deflated body" is one valid
 * deflate stream, and the CRC of head + body is combined from the two CRCs.
 */
import { Deflate, Zip, ZipDeflate, type ZipInputFile } from 'fflate';

/**
 * Deflate level 5. On summary-sheet XML, fflate's level 5 output is within
 * 1% of level 6's size in about 60% of the time (level 6 searches hash
 * chains four times longer, and repetitive XML makes them long); at 400,000
 * rows that is seconds.
 */
const LEVEL = 5;
/** Bits 1–2 of the general-purpose flag as fflate's ZipDeflate sets them for levels 2–5 ("fast"). */
const LEVEL_FLAG = 2;
const MAX_STORED_BLOCK = 0xffff;
/** Zip without Zip64 records sizes in 32 bits. */
const MAX_ENTRY_BYTES = 0xffffffff;
/** Bytes gathered before deflating: large enough to amortise each call. */
const CHUNK_BYTES = 1 << 16;

export class PackageWriter {
  private readonly zip: Zip;
  private readonly output: Uint8Array[] = [];
  private outputLength = 0;
  private failure: Error | undefined;
  private ended = false;

  constructor(private readonly mtime: Date) {
    this.zip = new Zip((error, chunk) => {
      if (error) {
        this.failure ??= error;
        return;
      }
      this.output.push(chunk);
      this.outputLength += chunk.length;
    });
  }

  /** A small part written in one go. */
  addText(name: string, text: string): void {
    const entry = this.openText(name);
    entry.write(text);
    entry.close();
  }

  /** A part written piece by piece (shared strings). */
  openText(name: string): TextEntry {
    const file = new ZipDeflate(name, { level: LEVEL });
    file.mtime = this.mtime;
    this.zip.add(file);
    this.check();
    return new TextEntry((chunk, final) => {
      file.push(chunk, final);
      this.check();
    });
  }

  finish(): Uint8Array {
    if (this.ended) throw new Error('the package is already finished');
    this.ended = true;
    this.zip.end();
    this.check();
    const bytes = new Uint8Array(this.outputLength);
    let offset = 0;
    for (const chunk of this.output) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    this.output.length = 0;
    return bytes;
  }

  /** A part deflated ahead of time, whose head goes in front of its body: see the file comment. */
  addDeferred(name: string, part: DeferredPart): void {
    const { head, body } = part;
    const size = head.length + body.size;
    if (size > MAX_ENTRY_BYTES) throw new RangeError(`${name} is larger than 4 GiB, which a zip without Zip64 cannot hold`);
    const file: ZipInputFile = {
      filename: name,
      size,
      crc: crc32Combine(crc32(head), body.crc, body.size),
      compression: 8,
      flag: LEVEL_FLAG,
      mtime: this.mtime,
    };
    this.zip.add(file);
    this.check();
    const emit = file.ondata!;
    let offset = 0;
    do {
      emit(null, storedBlock(head.subarray(offset, offset + MAX_STORED_BLOCK)), false);
      offset += MAX_STORED_BLOCK;
    } while (offset < head.length);
    const chunks = body.chunks;
    for (let i = 0; i < chunks.length; i++) emit(null, chunks[i]!, i === chunks.length - 1);
    this.check();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

/** One non-final stored deflate block (BFINAL 0, BTYPE 00): header byte, LEN, NLEN, data. */
function storedBlock(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const block = new Uint8Array(5 + data.length);
  block[0] = 0;
  block[1] = data.length & 0xff;
  block[2] = data.length >>> 8;
  block[3] = ~data.length & 0xff;
  block[4] = (~data.length >>> 8) & 0xff;
  block.set(data, 5);
  return block;
}

/**
 * Encodes text as it comes into one reused buffer and hands the buffer on
 * when full: each row's string dies young, with no joining of pieces.
 */
class TextSink {
  private readonly encoder = new TextEncoder();
  private buffer = new Uint8Array(CHUNK_BYTES);
  private used = 0;

  constructor(private readonly sink: (chunk: Uint8Array, final: boolean) => void) {}

  write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const room = text.length * 3;
    if (this.used + room > this.buffer.length) {
      this.emit(false);
      if (room > this.buffer.length) this.buffer = new Uint8Array(room);
    }
    this.used += this.encoder.encodeInto(text, this.used === 0 ? this.buffer : this.buffer.subarray(this.used)).written;
  }

  flush(final: boolean): void {
    this.emit(final);
  }

  private emit(final: boolean): void {
    if (this.used > 0 || final) this.sink(this.buffer.subarray(0, this.used), final);
    this.used = 0;
  }
}

export class TextEntry {
  private readonly text: TextSink;
  private closed = false;

  constructor(sink: (chunk: Uint8Array, final: boolean) => void) {
    this.text = new TextSink(sink);
  }

  write(text: string): void {
    this.text.write(text);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.text.flush(true);
  }
}

interface DeflatedBody {
  readonly chunks: readonly Uint8Array<ArrayBuffer>[];
  readonly size: number;
  readonly crc: number;
}

/** A finished part held as compressed bytes until the package is written. */
export interface DeferredPart {
  readonly head: Uint8Array;
  readonly body: DeflatedBody;
}

export class DeferredHeadEntry {
  private readonly text: TextSink;
  private readonly deflate: Deflate;
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  private size = 0;
  private crc = 0;
  private closed = false;

  constructor() {
    this.deflate = new Deflate({ level: LEVEL }, (chunk) => {
      this.chunks.push(chunk);
    });
    this.text = new TextSink((chunk, final) => {
      this.crc = crc32(chunk, this.crc);
      this.size += chunk.length;
      // Deflate copies the chunk into its own window, so the sink's buffer can be reused.
      this.deflate.push(chunk, final);
    });
  }

  /** Body text, in order. */
  write(text: string): void {
    this.text.write(text);
  }

  /** Ends the body; the part, with this head in front, is ready for PackageWriter.addDeferred. */
  close(head: string): DeferredPart {
    if (this.closed) throw new Error('entry already closed');
    this.closed = true;
    this.text.flush(true);
    return { head: new TextEncoder().encode(head), body: { chunks: this.chunks, size: this.size, crc: this.crc } };
  }
}

// ---------------------------------------------------------------------------
// CRC-32 (IEEE, as zip uses it), slice-by-8: eight table lookups per eight bytes

const CRC_TABLES: Int32Array[] = (() => {
  const t0 = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c;
  }
  const tables = [t0];
  for (let t = 1; t < 8; t++) {
    const previous = tables[t - 1]!;
    const table = new Int32Array(256);
    for (let n = 0; n < 256; n++) table[n] = t0[previous[n]! & 0xff]! ^ (previous[n]! >>> 8);
    tables.push(table);
  }
  return tables;
})();

/** CRC-32 of `data`, continuing from `crc` (the CRC of what came before, 0 at the start). */
export function crc32(data: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = CRC_TABLES as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  let c = ~crc;
  let i = 0;
  const end8 = data.length - (data.length & 7);
  for (; i < end8; i += 8) {
    const a = c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
    const b = data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24);
    c =
      t7[a & 0xff]! ^
      t6[(a >>> 8) & 0xff]! ^
      t5[(a >>> 16) & 0xff]! ^
      t4[a >>> 24]! ^
      t3[b & 0xff]! ^
      t2[(b >>> 8) & 0xff]! ^
      t1[(b >>> 16) & 0xff]! ^
      t0[b >>> 24]!;
  }
  for (; i < data.length; i++) c = t0[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function gf2Times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i]!;
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(matrix, matrix[n]!);
}

/** CRC of A followed by B, from CRC(A), CRC(B) and B's length (zlib's crc32_combine). */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  // The operator for one zero bit.
  odd[0] = 0xedb88320;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  gf2Square(even, odd); // two zero bits
  gf2Square(odd, even); // four zero bits
  let crc = crcA >>> 0;
  let length = lengthB;
  // Apply length zero bytes to crcA, one bit of the length at a time.
  do {
    gf2Square(even, odd);
    if (length % 2 === 1) crc = gf2Times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    gf2Square(odd, even);
    if (length % 2 === 1) crc = gf2Times(odd, crc);
    length = Math.floor(length / 2);
  } while (length !== 0);
  return (crc ^ crcB) >>> 0;
}
