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

async function walk(root: string, relative: string, found: FoundFile[]): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    const full = path.join(root, rel);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) await walk(root, rel, found);
      continue;
    }
    if (!entry.isFile()) continue;
    const info = await stat(full);
    found.push({ path: full, display: rel, skip: skipReason(entry.name), modifiedAt: info.mtime, size: info.size });
  }
}

export function skipReason(name: string): FoundFile['skip'] {
  if (name.startsWith('~$')) return 'lock';
  if (name.startsWith('.') || SYSTEM_FILES.has(name.toLowerCase())) return 'hidden';
  return null;
}
