import * as fs from 'node:fs/promises';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputExistsError, writeFileAtomic, type FileOps } from '../../src/write/atomic-write.js';

const REAL: FileOps = { open: fs.open, rename: fs.rename, link: fs.link, unlink: fs.unlink, access: fs.access };
const bytes = new TextEncoder().encode('new summary');

function folderWithOld(): { dir: string; target: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'consolidate-write-'));
  const target = path.join(dir, 'tong-hop.xlsx');
  writeFileSync(target, 'old summary');
  return { dir, target };
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

describe('writing a summary safely', () => {
  it('never replaces an existing file without overwrite', async () => {
    const { dir, target } = folderWithOld();
    await expect(writeFileAtomic(target, bytes, { overwrite: false })).rejects.toBeInstanceOf(OutputExistsError);
    expect(readFileSync(target, 'utf8')).toBe('old summary');
    expect(readdirSync(dir)).toEqual(['tong-hop.xlsx']);
  });

  it('replaces it with overwrite, leaving no temporary file', async () => {
    const { dir, target } = folderWithOld();
    expect(await writeFileAtomic(target, bytes, { overwrite: true })).toEqual({ written: target });
    expect(readFileSync(target, 'utf8')).toBe('new summary');
    expect(readdirSync(dir)).toEqual(['tong-hop.xlsx']);
  });

  it('a target locked by another program (EBUSY) is retried, then kept, and the new summary is saved beside it', async () => {
    const { dir, target } = folderWithOld();
    let tries = 0;
    const ops: FileOps = {
      ...REAL,
      rename: async (from, to) => {
        if (to === target) {
          tries++;
          throw errno('EBUSY');
        }
        return REAL.rename(from, to);
      },
    };
    const outcome = await writeFileAtomic(target, bytes, { overwrite: true, ops, retryDelaysMs: [1, 1, 1] });
    expect(tries).toBe(4);
    expect(outcome).toEqual({ written: path.join(dir, 'tong-hop (2).xlsx'), lockedTarget: target });
    expect(readFileSync(target, 'utf8')).toBe('old summary');
    expect(readFileSync(path.join(dir, 'tong-hop (2).xlsx'), 'utf8')).toBe('new summary');
    expect(readdirSync(dir).sort()).toEqual(['tong-hop (2).xlsx', 'tong-hop.xlsx']);
  });

  it('a lock that clears during the retries lets the write go through', async () => {
    const { target } = folderWithOld();
    let tries = 0;
    const ops: FileOps = { ...REAL, rename: async (from, to) => (++tries < 3 ? Promise.reject(errno('EPERM')) : REAL.rename(from, to)) };
    expect(await writeFileAtomic(target, bytes, { overwrite: true, ops, retryDelaysMs: [1, 1, 1] })).toEqual({ written: target });
    expect(readFileSync(target, 'utf8')).toBe('new summary');
  });

  it('a full disk removes the temporary file and leaves the old summary intact', async () => {
    const { dir, target } = folderWithOld();
    const ops: FileOps = {
      ...REAL,
      open: (async (file: string, flags: string) => {
        const handle = await REAL.open(file, flags);
        return Object.assign(handle, { write: async () => Promise.reject(errno('ENOSPC')) });
      }) as FileOps['open'],
    };
    await expect(writeFileAtomic(target, bytes, { overwrite: true, ops })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(target, 'utf8')).toBe('old summary');
    expect(readdirSync(dir)).toEqual(['tong-hop.xlsx']);
  });

  it('writes a package given in pieces as the pieces joined, however many and however large', async () => {
    const { target } = folderWithOld();
    const pieces = [new Uint8Array(3).fill(1), new Uint8Array(5 * 1024 * 1024).fill(2), new Uint8Array(0), new Uint8Array(7).fill(3)];
    await writeFileAtomic(target, pieces, { overwrite: true });
    const written = readFileSync(target);
    expect(written.length).toBe(3 + 5 * 1024 * 1024 + 7);
    expect([written[0], written[3], written[written.length - 8], written[written.length - 7], written[written.length - 1]]).toEqual([1, 2, 2, 3, 3]);
  });

  it('a read-only folder fails cleanly before anything is written', async () => {
    const { dir, target } = folderWithOld();
    const ops: FileOps = { ...REAL, open: (async () => Promise.reject(errno('EROFS'))) as FileOps['open'] };
    await expect(writeFileAtomic(target, bytes, { overwrite: true, ops })).rejects.toMatchObject({ code: 'EROFS' });
    expect(readdirSync(dir)).toEqual(['tong-hop.xlsx']);
    expect(readFileSync(target, 'utf8')).toBe('old summary');
  });
});
