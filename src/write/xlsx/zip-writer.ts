/**
 * The package: fflate's `Zip` for the container, every part deflated by the
 * given Compression and stamped with one fixed time, output collected as
 * chunks and joined once.
 *
 * Worksheets need one extra trick. Their head (`<dimension>`, `<cols>`,
 * `<sheetViews>`, …) must come before `<sheetData>`, but the used range is
 * only known once the last row is written. So the rows are deflated as they
 * come (only compressed bytes are kept), and when the sheet is finished its
 * head is put in front as a stored (uncompressed) deflate block: a stored
 * block is byte-aligned, so "stored head block + deflated body" is one valid
 * deflate stream, and the CRC of head + body is combined from the two CRCs.
 * Every other part is the same with an empty head.
 */
import { Zip, type ZipInputFile } from 'fflate';
import { fflateCompression, type Compression, type DeflateStream } from './compression.js';
import { crc32Combine } from '../../zip/crc32.js';

const MAX_STORED_BLOCK = 0xffff;
/** Zip without Zip64 records sizes in 32 bits. */
const MAX_ENTRY_BYTES = 0xffffffff;

export class PackageWriter {
  private readonly parts: { readonly name: string; readonly part: DeferredPart }[] = [];
  private ended = false;

  constructor(
    private readonly mtime: Date,
    private readonly compression: Compression = fflateCompression,
  ) {}

  /** A small part written in one go. */
  addText(name: string, text: string): void {
    const entry = this.openText(name);
    entry.write(text);
    entry.close();
  }

  /** A part written piece by piece (shared strings); it joins the package when closed. */
  openText(name: string): TextEntry {
    const body = new DeferredHeadEntry(this.compression);
    return new TextEntry(
      (text) => body.write(text),
      () => this.addDeferred(name, body.close('')),
    );
  }

  /** A part deflated ahead of time, whose head goes in front of its body: see the file comment. Parts go in the order added. */
  addDeferred(name: string, part: DeferredPart): void {
    if (this.ended) throw new Error('the package is already finished');
    const size = part.head.length + part.body.size;
    if (size > MAX_ENTRY_BYTES) throw new RangeError(`${name} is larger than 4 GiB, which a zip without Zip64 cannot hold`);
    this.parts.push({ name, part });
  }

  /**
   * The package as the pieces it was made in, in order: written one after
   * the other, they are the file. Every part must be deflated by now, which
   * a Compression with `settled` only promises once that resolves (see
   * finishSettled).
   */
  finish(): Uint8Array[] {
    if (this.ended) throw new Error('the package is already finished');
    this.ended = true;
    const output: Uint8Array[] = [];
    let failure: Error | undefined;
    const zip = new Zip((error, chunk) => {
      if (error) failure ??= error;
      else output.push(chunk);
    });
    const check = () => {
      if (failure) throw failure;
    };
    for (const { name, part } of this.parts.splice(0)) {
      if (!part.body.complete) throw new Error(`${name} is not deflated yet: wait for the compression to settle`);
      const { head, body } = part;
      const file: ZipInputFile = {
        filename: name,
        size: head.length + body.size,
        crc: crc32Combine(this.compression.crc32(head, 0), body.crc, body.size),
        compression: 8,
        flag: this.compression.levelFlag,
        mtime: this.mtime,
      };
      zip.add(file);
      check();
      const emit = file.ondata!;
      for (let offset = 0; offset < head.length; offset += MAX_STORED_BLOCK) {
        emit(null, storedBlock(head.subarray(offset, offset + MAX_STORED_BLOCK)), false);
      }
      const chunks = body.chunks;
      // fflate's types want ArrayBuffer-backed arrays; a deflater never hands out shared memory.
      for (let i = 0; i < chunks.length; i++) emit(null, chunks[i]! as Uint8Array<ArrayBuffer>, i === chunks.length - 1);
      check();
    }
    zip.end();
    check();
    return output;
  }

  /** finish(), once the compression has handed on everything it was given. */
  async finishSettled(): Promise<Uint8Array[]> {
    await this.compression.settled?.();
    return this.finish();
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
 * Encodes text as it comes into a buffer and hands the buffer on when full
 * (it is the receiver's then: a deflater on another thread takes it without
 * a copy): each row's string dies young, with no joining of pieces.
 */
class TextSink {
  private readonly encoder = new TextEncoder();
  private buffer: Uint8Array;
  private used = 0;
  /** Text not yet encoded: rows are short, and one encodeInto call for each cost more than the joining. */
  private pending = '';

  constructor(
    private readonly chunkBytes: number,
    private readonly sink: (chunk: Uint8Array, final: boolean) => void,
  ) {
    this.buffer = new Uint8Array(chunkBytes);
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= PENDING_CHARS) this.encodePending();
  }

  flush(final: boolean): void {
    this.encodePending();
    this.emit(final);
  }

  private encodePending(): void {
    const text = this.pending;
    if (text === '') return;
    this.pending = '';
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const room = text.length * 3;
    if (this.used + room > this.buffer.length) {
      this.emit(false);
      if (room > this.buffer.length) this.buffer = new Uint8Array(room);
    }
    this.used += this.encoder.encodeInto(text, this.used === 0 ? this.buffer : this.buffer.subarray(this.used)).written;
  }

  private emit(final: boolean): void {
    if (this.used === 0 && !final) return;
    this.sink(this.buffer.subarray(0, this.used), final);
    this.used = 0;
    if (!final) this.buffer = new Uint8Array(this.chunkBytes);
  }
}

/** Characters gathered before they are encoded. */
const PENDING_CHARS = 4096;

export class TextEntry {
  private closed = false;

  constructor(
    private readonly onText: (text: string) => void,
    private readonly onClose: () => void,
  ) {}

  write(text: string): void {
    if (this.closed) throw new Error('entry already closed');
    this.onText(text);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}

interface DeflatedBody {
  /** Compressed, in order; whole once `complete`. */
  readonly chunks: readonly Uint8Array[];
  /** Uncompressed size and CRC-32, known as soon as the part is closed. */
  readonly size: number;
  readonly crc: number;
  readonly complete: boolean;
}

/** A finished part held as compressed bytes until the package is written. */
export interface DeferredPart {
  readonly head: Uint8Array;
  readonly body: DeflatedBody;
}

export class DeferredHeadEntry implements DeflatedBody {
  private readonly text: TextSink;
  private readonly deflate: DeflateStream;
  private readonly compressed: Uint8Array[] = [];
  private uncompressedSize = 0;
  private uncompressedCrc = 0;
  private deflated = false;
  private closed = false;

  constructor(compression: Compression = fflateCompression) {
    this.deflate = compression.deflateStream((chunk, final) => {
      this.compressed.push(chunk);
      if (final) this.deflated = true;
    });
    this.text = new TextSink(compression.chunkBytes, (chunk, final) => {
      this.uncompressedCrc = compression.crc32(chunk, this.uncompressedCrc);
      this.uncompressedSize += chunk.length;
      this.deflate.push(chunk, final);
    });
  }

  get chunks(): readonly Uint8Array[] {
    return this.compressed;
  }

  get size(): number {
    return this.uncompressedSize;
  }

  get crc(): number {
    return this.uncompressedCrc;
  }

  get complete(): boolean {
    return this.deflated;
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
    return { head: new TextEncoder().encode(head), body: this };
  }
}

/** Pieces joined into one array, for callers that want the bytes whole. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
