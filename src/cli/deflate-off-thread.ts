import { Worker } from 'node:worker_threads';
import { EMPTY_FINAL_BLOCK, type Compression } from '../write/xlsx/compression.js';
import type { DeflateCollection, DeflateRequest } from './deflate-worker.js';
import { nativeCompression } from './native-zlib.js';

const WORKER_URL = new URL('./deflate-worker.js', import.meta.url);

/**
 * Chunks (of 256 KiB of text) handed to the thread and not yet deflated,
 * past which the writer waits: memory holds at most this much text on its
 * way, however far the XML runs ahead of the deflating.
 */
const MAX_OUTSTANDING = 8;
/** A thread that has not taken a chunk for this long is not going to. */
const GIVE_UP_MS = 10_000;

export interface OffThreadCompression extends Compression {
  /** Ends the thread; unsettled streams never settle. */
  stop(): Promise<void>;
}

/**
 * Node's deflate on a thread of its own, so the summary's sheets are
 * deflated on the second core while this one is still turning rows into
 * XML: deflating here was two fifths of writing the summary. Same chunks,
 * same level, so the same bytes as nativeCompression.
 *
 * The writer is synchronous and cannot take replies while it writes, so
 * the thread keeps what it deflates and hands it all over when asked, at
 * `settled`; each chunk of text is moved to the thread, not copied, and the
 * writer waits (Atomics.wait) while MAX_OUTSTANDING of them are not yet
 * deflated, so the text in flight stays bounded.
 */
/** `url`: the thread's script (tests pass the built one). */
export function offThreadCompression(url: URL = WORKER_URL): OffThreadCompression {
  const outstandingBuffer = new SharedArrayBuffer(4);
  const outstanding = new Int32Array(outstandingBuffer);
  const worker = new Worker(url, { workerData: outstandingBuffer });
  const receivers: ((chunk: Uint8Array, final: boolean) => void)[] = [];
  const ended: boolean[] = [];
  let failure: Error | null = null;
  let stopped = false;
  worker.on('error', (error) => (failure ??= error));
  worker.on('exit', (code) => (failure ??= new Error(`the deflate thread stopped (exit code ${code})`)));

  const waitForRoom = (): void => {
    const started = Date.now();
    for (let n = Atomics.load(outstanding, 0); n >= MAX_OUTSTANDING; n = Atomics.load(outstanding, 0)) {
      if (Date.now() - started > GIVE_UP_MS) throw new Error('the deflate thread stopped taking chunks');
      Atomics.wait(outstanding, 0, n, 1_000);
    }
  };

  return {
    deflateStream(onData) {
      const stream = receivers.push(onData) - 1;
      ended.push(false);
      return {
        push(data, final) {
          if (stopped) throw new Error('the deflate thread was stopped');
          if (data.length > 0) {
            waitForRoom();
            Atomics.add(outstanding, 0, 1);
            const request: DeflateRequest = { kind: 'chunk', stream, buffer: data.buffer as ArrayBuffer, offset: data.byteOffset, length: data.byteLength };
            worker.postMessage(request, [request.buffer]);
          }
          if (final) ended[stream] = true;
        },
      };
    },
    crc32: nativeCompression.crc32,
    levelFlag: nativeCompression.levelFlag,
    chunkBytes: nativeCompression.chunkBytes,
    settled() {
      return new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        if (stopped) return reject(new Error('the deflate thread was stopped'));
        const onExit = () => reject(failure ?? new Error('the deflate thread stopped'));
        worker.once('exit', onExit);
        worker.once('message', ({ streams }: DeflateCollection) => {
          worker.off('exit', onExit);
          for (const [stream, chunks] of streams) for (const chunk of chunks) receivers[stream]!(chunk, false);
          receivers.forEach((receive, stream) => {
            if (!ended[stream]) return;
            ended[stream] = false;
            receive(EMPTY_FINAL_BLOCK, true);
          });
          resolve();
        });
        worker.postMessage({ kind: 'collect' } satisfies DeflateRequest);
      });
    },
    async stop() {
      stopped = true;
      worker.removeAllListeners();
      await worker.terminate();
    },
  };
}
