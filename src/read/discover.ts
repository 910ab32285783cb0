import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A file found under the submissions folder, and whether it is one to read at all. */
export interface FoundFile {
  path: string;
  /** Path relative to the folder, with forward slashes, for reports. */
  display: string;
  skip: 'lock' | 'hidden' | null;
  modifiedAt: Date;
  size: number;
}

const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

/** Every file under `folder`, recursively, in a stable order. Excel lock files and hidden files are marked to skip. */
export async function discoverFiles(folder: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  await walk(path.resolve(folder), '', found);
  return found.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

/** Files looked at together: one at a time, a folder of ten thousand waits on ten thousand round trips. */
const STAT_BATCH = 256;

async function walk(root: string, relative: string, found: FoundFile[]): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const files: { rel: string; full: string; name: string }[] = [];
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    const full = path.join(root, rel);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) await walk(root, rel, found);
    } else if (entry.isFile()) files.push({ rel, full, name: entry.name });
  }
  for (let at = 0; at < files.length; at += STAT_BATCH) {
    const batch = files.slice(at, at + STAT_BATCH);
    const infos = await Promise.all(batch.map((file) => stat(file.full)));
    batch.forEach((file, i) => {
      const info = infos[i]!;
      found.push({ path: file.full, display: file.rel, skip: skipReason(file.name), modifiedAt: info.mtime, size: info.size });
    });
  }
}

export function skipReason(name: string): FoundFile['skip'] {
  if (name.startsWith('~$')) return 'lock';
  if (name.startsWith('.') || SYSTEM_FILES.has(name.toLowerCase())) return 'hidden';
  return null;
}
