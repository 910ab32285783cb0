import { parentPort, workerData } from 'node:worker_threads';
import { deflateChunk } from './native-zlib.js';

/** Messages from the thread writing the workbook. */
export type DeflateRequest =
  /** A chunk of one part's text, its buffer moved here rather than copied. */
  | { kind: 'chunk'; stream: number; buffer: ArrayBuffer; offset: number; length: number }
  /** Every part's deflated chunks so far, please. */
  | { kind: 'collect' };

/** Per stream, in the order streams were first seen: its deflated chunks, in order. */
export interface DeflateCollection {
  streams: [number, Uint8Array[]][];
}

/** The count of chunks sent and not yet deflated, which the sender waits on (see deflate-off-thread.ts). */
const outstanding = new Int32Array(workerData as SharedArrayBuffer);
const deflated = new Map<number, Uint8Array[]>();

parentPort!.on('message', (request: DeflateRequest) => {
  if (request.kind === 'collect') {
    const streams = [...deflated];
    deflated.clear();
    parentPort!.postMessage({ streams } satisfies DeflateCollection, streams.flatMap(([, chunks]) => chunks.map((chunk) => chunk.buffer as ArrayBuffer)));
    return;
  }
  const out = deflateChunk(new Uint8Array(request.buffer, request.offset, request.length));
  // Its own buffer, to be moved back whole: zlib's may be a slice of a larger one.
  const owned = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : out.slice();
  let chunks = deflated.get(request.stream);
  if (!chunks) deflated.set(request.stream, (chunks = []));
  chunks.push(new Uint8Array(owned.buffer, owned.byteOffset, owned.byteLength));
  Atomics.sub(outstanding, 0, 1);
  Atomics.notify(outstanding, 0);
});
