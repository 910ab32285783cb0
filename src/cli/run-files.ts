import { Option, type Command } from 'commander';
import type { FormSpec } from '../form/schema.js';
import type { FileResult } from '../pipeline/file-result.js';
import type { FoundFile } from '../read/discover.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../read/xlsx/limits.js';
import type { Worker } from 'node:worker_threads';
import { checkInWorkers, startWorker, workerCount } from './check-pool.js';
import { progressBar } from './progress.js';

const MiB = 1024 * 1024;

export interface LimitOptions {
  maxFileMb: string;
  maxEntries: string;
  maxInflatedMb: string;
  maxPartMb: string;
  maxRatio: string;
  maxCells: string;
  maxSeconds: string;
  maxMemoryMb: string;
}

/** The safety limits on reading one file, each changeable from the command line. */
export function addLimitOptions(command: Command): Command {
  const limit = (flags: string, description: string, value: number) => new Option(flags, description).default(String(value));
  return command
    .addOption(limit('--max-file-mb <n>', 'largest file read, MB / dung lượng tệp tối đa', DEFAULT_LIMITS.maxFileBytes / MiB))
    .addOption(limit('--max-entries <n>', 'most parts in an .xlsx zip / số thành phần tối đa', DEFAULT_LIMITS.maxZipEntries))
    .addOption(limit('--max-inflated-mb <n>', 'most bytes inflated from one file, MB / dung lượng giải nén tối đa', DEFAULT_LIMITS.maxInflatedBytes / MiB))
    .addOption(limit('--max-part-mb <n>', 'most bytes inflated from one part of a file, MB / dung lượng giải nén tối đa mỗi phần', DEFAULT_LIMITS.maxEntryInflatedBytes / MiB))
    .addOption(limit('--max-ratio <n>', 'highest inflate ratio of a part / tỷ lệ nén tối đa', DEFAULT_LIMITS.maxInflateRatio))
    .addOption(limit('--max-cells <n>', 'most cells in one file / số ô tối đa', DEFAULT_LIMITS.maxCells))
    .addOption(limit('--max-seconds <n>', 'seconds one file may take / thời gian đọc tối đa mỗi tệp (giây)', 60))
    .addOption(limit('--max-memory-mb <n>', 'memory one file may use, MB / bộ nhớ tối đa mỗi tệp', 1024));
}

export function readLimitsFrom(options: LimitOptions): { limits: Partial<ReadLimits>; seconds: number; memoryMb: number } | { bad: string } {
  const numbers: [keyof LimitOptions, string][] = [
    ['maxFileMb', '--max-file-mb'],
    ['maxEntries', '--max-entries'],
    ['maxInflatedMb', '--max-inflated-mb'],
    ['maxPartMb', '--max-part-mb'],
    ['maxRatio', '--max-ratio'],
    ['maxCells', '--max-cells'],
    ['maxSeconds', '--max-seconds'],
    ['maxMemoryMb', '--max-memory-mb'],
  ];
  for (const [key, flag] of numbers) {
    const value = Number(options[key]);
    if (!Number.isFinite(value) || value <= 0) return { bad: flag };
  }
  const inflated = Number(options.maxInflatedMb) * MiB;
  return {
    limits: {
      maxFileBytes: Number(options.maxFileMb) * MiB,
      maxZipEntries: Number(options.maxEntries),
      maxInflatedBytes: inflated,
      maxEntryInflatedBytes: Math.min(inflated, Number(options.maxPartMb) * MiB),
      maxInflateRatio: Number(options.maxRatio),
      maxCells: Number(options.maxCells),
    },
    seconds: Number(options.maxSeconds),
    memoryMb: Number(options.maxMemoryMb),
  };
}

/** Checks every found file under its limits, with a progress bar on a terminal for larger folders. */
export async function checkFiles(
  files: FoundFile[],
  form: FormSpec,
  options: { strict: boolean; limits: Partial<ReadLimits>; seconds: number; memoryMb: number; progress: boolean; every?: [number, () => void]; started?: Worker[] },
): Promise<FileResult[]> {
  const bar = options.progress ? progressBar(process.stderr, files.length) : null;
  const [every, tidy] = options.every ?? [0, () => undefined];
  try {
    return await checkInWorkers(files, form, {
      strict: options.strict,
      limits: options.limits,
      secondsPerFile: options.seconds,
      memoryMb: options.memoryMb,
      onProgress: (done) => {
        bar?.update(done);
        if (every > 0 && done % every === 0) tidy();
      },
    }, options.started);
  } finally {
    bar?.finish();
  }
}

/**
 * Worker threads for a run of `files` files (one when the count is not known
 * yet: the pool starts more once it is), started now so they load their code
 * while the main thread loads its own; none when the limits are not numbers
 * (the run will stop on that).
 */
export function startWorkersFor(options: LimitOptions, files = 1): Worker[] {
  const limits = readLimitsFrom(options);
  if ('bad' in limits) return [];
  return Array.from({ length: workerCount(files) }, () => startWorker(limits.memoryMb));
}
