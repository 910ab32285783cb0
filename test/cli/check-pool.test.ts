import { describe, expect, it } from 'vitest';
import { checkInWorkers } from '../../src/cli/check-pool.js';
import { WorkerProgress } from '../../src/cli/worker-progress.js';
import type { FoundFile } from '../../src/read/discover.js';
import { builtinForm } from '../helpers/form.js';

const form = builtinForm();
const STAND_IN = new URL('../helpers/stand-in-check-worker.mjs', import.meta.url);

function found(names: string[]): FoundFile[] {
  return names.map((name) => ({ path: `/nowhere/${name}`, display: name, modifiedAt: new Date(0), size: 1 }) as unknown as FoundFile);
}

async function check(names: string[], secondsPerFile = 60) {
  const results = await checkInWorkers(found(names), form, { strict: false, limits: {}, secondsPerFile, memoryMb: 256, workers: 1, workerUrl: STAND_IN });
  return results.map((r) => ({ file: r.file, codes: r.diagnostics.map((d) => d.code), thread: (r as unknown as { threadId?: number }).threadId }));
}

describe('the worker pool, with results sent several to a message', () => {
  it('blames a file over the time limit alone, and checks again the files its worker had done but not yet reported', async () => {
    const results = await check(['a.xlsx', 'b.xlsx', 'slow.xlsx', 'd.xlsx', 'e.xlsx'], 0.3);
    expect(results.map((r) => [r.file, r.codes])).toEqual([
      ['a.xlsx', []],
      ['b.xlsx', []],
      ['slow.xlsx', ['file-timeout']],
      ['d.xlsx', []],
      ['e.xlsx', []],
    ]);
    // a and b were held, unreported, when the first worker was stopped: the second worker did them again, with d and e.
    const threads = new Set(results.filter((r) => r.codes.length === 0).map((r) => r.thread));
    expect(threads.size).toBe(1);
  });

  it('blames the file a worker dies on, wherever it is among the files the worker holds', async () => {
    const results = await check(['a.xlsx', 'b.xlsx', 'crash.xlsx', 'd.xlsx']);
    expect(results.map((r) => [r.file, r.codes])).toEqual([
      ['a.xlsx', []],
      ['b.xlsx', []],
      ['crash.xlsx', ['file-unreadable']],
      ['d.xlsx', []],
    ]);
  });

  it('keeps the order of the files with more files than a worker holds at once', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, '0')}.xlsx`);
    expect((await check(names)).map((r) => r.file)).toEqual(names);
  });
});

describe('WorkerProgress', () => {
  it('tells the other side which file is being checked and for how long, and nothing between files', async () => {
    const worker = new WorkerProgress();
    const pool = new WorkerProgress(worker.buffer);
    expect(pool.current()).toBeNull();
    worker.started(41);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const current = pool.current()!;
    expect(current.index).toBe(41);
    expect(current.elapsedMs).toBeGreaterThanOrEqual(15);
    worker.idle();
    expect(pool.current()).toBeNull();
  });
});
