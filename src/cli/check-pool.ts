import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { countBySeverity, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FormSpec } from '../form/schema.js';
import { fileStem } from '../pipeline/check-file.js';
import type { FileResult } from '../pipeline/file-result.js';
import { shareRepeatedValues, StringPool } from '../pipeline/slim.js';
import type { FoundFile } from '../read/discover.js';
import type { ReadLimits } from '../read/xlsx/limits.js';
import type { CheckTask, WorkerSetup } from './check-worker.js';

export interface PoolOptions {
  strict: boolean;
  limits: Partial<ReadLimits>;
  /** Seconds one file may take before its worker is stopped. */
  secondsPerFile: number;
  /** Heap one worker may use, in MB. */
  memoryMb: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

const WORKER_URL = new URL('./check-worker.js', import.meta.url);

/**
 * Checks files in worker threads, each file under a time and memory limit:
 * a file that hangs or blows up becomes that file's rejection, and the run
 * goes on. Results come back in the order of `files`, whatever order they finish in.
 */
export async function checkInWorkers(files: FoundFile[], form: FormSpec, options: PoolOptions): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  const queue: number[] = [];
  const pool = new StringPool();
  let done = 0;
  const finish = (index: number, result: FileResult) => {
    results[index] = shareRepeatedValues(result, pool);
    options.onProgress?.(++done, files.length);
  };
  files.forEach((found, index) => {
    if (found.skip) finish(index, skippedResult(found, form));
    else queue.push(index);
  });
  const size = Math.max(1, Math.min(options.workers ?? availableParallelism(), queue.length));
  const setup: WorkerSetup = { form, strict: options.strict, limits: options.limits };
  await Promise.all(Array.from({ length: queue.length ? size : 0 }, () => runLane(queue, files, form, setup, options, finish)));
  return results;
}

/** One worker taking files off the shared queue; replaced when a file kills it. */
async function runLane(
  queue: number[],
  files: FoundFile[],
  form: FormSpec,
  setup: WorkerSetup,
  options: PoolOptions,
  finish: (index: number, result: FileResult) => void,
): Promise<void> {
  let worker: Worker | null = null;
  try {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      worker ??= new Worker(WORKER_URL, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: options.memoryMb } });
      const found = files[index]!;
      const outcome = await runOne(worker, { index, path: found.path, display: found.display, modifiedAt: found.modifiedAt.toISOString() }, options);
      if (outcome.kind === 'result') {
        finish(index, outcome.result);
        continue;
      }
      if (outcome.kind === 'failed') {
        finish(index, rejectedResult(found, form, diagnostic('file-unreadable', { file: found.display }, { detail: outcome.detail.slice(0, 200) })));
        continue;
      }
      const d =
        outcome.kind === 'timeout'
          ? diagnostic('file-timeout', { file: found.display }, { seconds: options.secondsPerFile })
          : outcome.kind === 'out-of-memory'
            ? diagnostic('file-out-of-memory', { file: found.display }, { megabytes: options.memoryMb })
            : diagnostic('file-unreadable', { file: found.display }, { detail: outcome.detail.slice(0, 200) });
      finish(index, rejectedResult(found, form, d));
      await worker.terminate();
      worker = null;
    }
  } finally {
    await worker?.terminate();
  }
}

type Outcome =
  | { kind: 'result'; result: FileResult }
  | { kind: 'failed'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'out-of-memory' }
  | { kind: 'crashed'; detail: string };

function runOne(worker: Worker, task: CheckTask, options: PoolOptions): Promise<Outcome> {
  return new Promise((resolve) => {
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const settle = (outcome: Outcome) => {
      cleanup();
      resolve(outcome);
    };
    const onMessage = (message: { index: number; result?: FileResult; error?: string }) => {
      if (message.index !== task.index) return;
      settle(message.result ? { kind: 'result', result: message.result } : { kind: 'failed', detail: message.error ?? 'unknown error' });
    };
    const onError = (error: Error & { code?: string }) =>
      settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'out-of-memory' } : { kind: 'crashed', detail: error.message });
    const onExit = (code: number) => settle({ kind: 'crashed', detail: `worker exited with code ${code}` });
    const timer = setTimeout(() => settle({ kind: 'timeout' }), options.secondsPerFile * 1000);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task);
  });
}

function baseResult(found: FoundFile, form: FormSpec): FileResult {
  return {
    file: found.display,
    status: 'skipped',
    format: null,
    unit: null,
    unitHints: [],
    rosterUnit: null,
    supersededBy: null,
    documentDate: null,
    modifiedAt: found.modifiedAt.toISOString(),
    sha256: null,
    tables: Object.fromEntries(form.tables.map((t) => [t.id, null])),
    diagnostics: [],
    counts: { error: 0, warning: 0, info: 0 },
  };
}

export function skippedResult(found: FoundFile, form: FormSpec): FileResult {
  const d = diagnostic(found.skip === 'lock' ? 'file-skipped-lock' : 'file-skipped-hidden', { file: found.display }, {});
  return { ...baseResult(found, form), diagnostics: [d], counts: countBySeverity([d]) };
}

function rejectedResult(found: FoundFile, form: FormSpec, d: Diagnostic): FileResult {
  return { ...baseResult(found, form), status: 'rejected', unitHints: [fileStem(found.display)], diagnostics: [d], counts: countBySeverity([d]) };
}
