import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';

export class OutputExistsError extends Error {
  constructor(public readonly target: string) {
    super(`${target} already exists`);
  }
}

/** The file operations a write uses, replaceable in tests to play a locked file or a full disk. */
export interface FileOps {
  open: typeof fs.open;
  rename: typeof fs.rename;
  link: typeof fs.link;
  unlink: typeof fs.unlink;
  access: typeof fs.access;
}

const REAL_OPS: FileOps = { open: fs.open, rename: fs.rename, link: fs.link, unlink: fs.unlink, access: fs.access };

export interface WriteOptions {
  overwrite: boolean;
  ops?: FileOps;
  /** Pauses between tries on a locked target. */
  retryDelaysMs?: number[];
}

export type WriteOutcome = { written: string } | { written: string; lockedTarget: string };

const LOCKED = new Set(['EBUSY', 'EPERM', 'EACCES']);
const DEFAULT_RETRIES = [100, 250, 500, 1000];

/**
 * Writes to a temporary file beside the target, syncs it, then moves it into
 * place, so a crash or a full disk never leaves half a summary behind and the
 * old file stays whole. A target held open by another program (Excel on
 * Windows) is retried briefly; if it stays locked the old file is kept and
 * the new one is saved beside it.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array | readonly Uint8Array[], options: WriteOptions): Promise<WriteOutcome> {
  const ops = options.ops ?? REAL_OPS;
  if (!options.overwrite && (await exists(target, ops))) throw new OutputExistsError(target);
  const temporary = await writeTemporary(target, bytes, ops);
  try {
    if (!options.overwrite) {
      await linkWithoutReplacing(temporary, target, ops);
      return { written: target };
    }
    const delays = options.retryDelaysMs ?? DEFAULT_RETRIES;
    for (let attempt = 0; ; attempt++) {
      try {
        await ops.rename(temporary, target);
        return { written: target };
      } catch (error) {
        if (!LOCKED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
        if (attempt >= delays.length) break;
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      }
    }
    const beside = await nextFreeName(path.dirname(target), path.basename(target), ops);
    await linkWithoutReplacing(temporary, beside, ops);
    return { written: beside, lockedTarget: target };
  } catch (error) {
    await ops.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

async function writeTemporary(target: string, bytes: Uint8Array | readonly Uint8Array[], ops: FileOps): Promise<string> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await ops.open(temporary, 'wx');
  try {
    await writeAll(handle, bytes);
    await handle.sync();
    await handle.close();
    return temporary;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await ops.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Pieces are gathered into writes of a few megabytes: one system call each, and little copied. */
const WRITE_BYTES = 4 * 1024 * 1024;

async function writeAll(handle: fs.FileHandle, bytes: Uint8Array | readonly Uint8Array[]): Promise<void> {
  const chunks = bytes instanceof Uint8Array ? [bytes] : bytes;
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  const flush = async () => {
    const data = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchBytes);
    batch = [];
    batchBytes = 0;
    for (let offset = 0; offset < data.length; ) {
      const { bytesWritten } = await handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
  };
  for (const chunk of chunks) {
    batch.push(chunk);
    batchBytes += chunk.length;
    if (batchBytes >= WRITE_BYTES) await flush();
  }
  if (batchBytes > 0) await flush();
}

/** A hard link fails if the target appeared meanwhile, where a rename would silently replace it. */
async function linkWithoutReplacing(temporary: string, target: string, ops: FileOps): Promise<void> {
  try {
    await ops.link(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputExistsError(target);
    // Some USB sticks and network shares have no hard links: check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
    if (await exists(target, ops)) throw new OutputExistsError(target);
    await ops.rename(temporary, target);
    return;
  }
  await ops.unlink(temporary);
}

export async function exists(file: string, ops: FileOps = REAL_OPS): Promise<boolean> {
  try {
    await ops.access(file);
    return true;
  } catch {
    return false;
  }
}

/** "tong-hop.xlsx", else the first free "tong-hop (2).xlsx", "tong-hop (3).xlsx", … */
export async function nextFreeName(folder: string, name: string, ops: FileOps = REAL_OPS): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!(await exists(candidate, ops))) return candidate;
  }
}
