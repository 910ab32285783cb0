import { once } from 'node:events';

/** Writes pieces to a stream, waiting when it is full, so a slow reader never makes the whole report pile up in memory. */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}
