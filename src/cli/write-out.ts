import { once } from 'node:events';

/** Pieces are gathered up to this many characters per write: one write per small piece cost more than making the piece. */
const WRITE_CHARS = 1 << 16;

/** Writes pieces to a stream, waiting when it is full, so a slow reader never makes the whole report pile up in memory. */
export async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  let gathered: string[] = [];
  let length = 0;
  const flush = async () => {
    const text = gathered.join('');
    gathered = [];
    length = 0;
    if (!stream.write(text)) await once(stream, 'drain');
  };
  for (const chunk of chunks) {
    gathered.push(chunk);
    length += chunk.length;
    if (length >= WRITE_CHARS) await flush();
  }
  if (length > 0) await flush();
}
