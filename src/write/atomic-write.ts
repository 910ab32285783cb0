import { randomBytes } from 'node:crypto';
import { access, link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export class OutputExistsError extends Error {
  constructor(public readonly target: string) {
    super(`${target} already exists`);
  }
}

/**
 * Writes to a temporary file beside the target, syncs it, then renames it into
 * place, so a crash or a full disk never leaves half a summary behind.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, options: { overwrite: boolean }): Promise<void> {
  if (!options.overwrite && (await exists(target))) throw new OutputExistsError(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    if (options.overwrite) await rename(temporary, target);
    else await linkWithoutReplacing(temporary, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** A hard link fails if the target appeared meanwhile, where a rename would silently replace it. */
async function linkWithoutReplacing(temporary: string, target: string): Promise<void> {
  try {
    await link(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new OutputExistsError(target);
    // Some USB sticks and network shares have no hard links: check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
    if (await exists(target)) throw new OutputExistsError(target);
    await rename(temporary, target);
    return;
  }
  await unlink(temporary);
}

export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** "tong-hop.xlsx", else the first free "tong-hop (2).xlsx", "tong-hop (3).xlsx", … */
export async function nextFreeName(folder: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
}
