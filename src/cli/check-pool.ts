import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { countBySeverity, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FormSpec } from '../form/schema.js';
import { fileStem } from '../pipeline/file-stem.js';
import type { FileResult } from '../pipeline/file-result.js';
import { shareRepeatedValues, StringPool } from '../pipeline/slim.js';
import type { FoundFile } from '../read/discover.js';
import type { ReadLimits } from '../read/xlsx/limits.js';
import type { CheckOutcome, CheckTask, WorkerMessage, WorkerReply, WorkerSetup } from './check-worker.js';
import { WorkerProgress } from './worker-progress.js';

export interface PoolOptions {
  strict: boolean;
  limits: Partial<ReadLimits>;
  /** Seconds one file may take before its worker is stopped. */
  secondsPerFile: number;
  /** Heap one worker may use, in MB. */
  memoryMb: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** The worker's script; tests put a stand-in here. */
  workerUrl?: URL;
}

const WORKER_URL = new URL('./check-worker.js', import.meta.url);

/**
 * Files sent to a worker ahead of the one it is on, so it never waits for
 * the main thread between files: enough for two of its batches of results.
 */
const IN_FLIGHT = 64;

/**
 * A worker keeps little alive between files (about 15 MB), but V8 sizes its
 * young generation as for a main thread; 8 MB took 10–15 MB off each
 * worker at 10,000 files and measured no slower.
 */
const YOUNG_GENERATION_MB = 8;

/** Workers that have stopped: one started early may die before it is used (a memory limit too low to load it). */
const exited = new WeakSet<Worker>();

/** A worker thread for checking files, under the memory limit; it waits for its setup. */
export function startWorker(memoryMb: number, url: URL = WORKER_URL): Worker {
  const worker = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  worker.once('exit', () => exited.add(worker));
  // An error before a lane listens would otherwise end the process; the lane hears of it through 'exit'.
  worker.on('error', () => undefined);
  return worker;
}

/**
 * Files a worker must have to repay starting it. Each worker loads its code
 * and warms up its compiler on its first few hundred files; on the 2-core
 * benchmark machine one worker checked 1,000 files in 1.6 s and two in
 * 1.8 s, while at 3,000 files two took 2.7 s against one's 3.4 s (and at
 * 10,000, 7.6 s against 10.0 s).
 */
const FILES_PER_WORKER = 1_500;

/** How many workers a run of `files` files uses: one per FILES_PER_WORKER files, at most one per core. */
export function workerCount(files: number, workers = availableParallelism()): number {
  if (files <= 0) return 0;
  return Math.max(1, Math.min(workers, Math.ceil(files / FILES_PER_WORKER)));
}

/**
 * Checks files in worker threads, each file under a time and memory limit:
 * a file that hangs or blows up becomes that file's rejection, and the run
 * goes on. Results come back in the order of `files`, whatever order they
 * finish in. `started` are workers started earlier (see startWorker), used
 * first; any not needed are stopped.
 */
export async function checkInWorkers(files: FoundFile[], form: FormSpec, options: PoolOptions, started: Worker[] = []): Promise<FileResult[]> {
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
  const size = workerCount(queue.length, options.workers);
  const setup: WorkerSetup = { form, strict: options.strict, limits: options.limits };
  const spare = started.splice(size);
  await Promise.all([
    ...Array.from({ length: size }, (_, lane) => runLane(queue, files, form, setup, options, finish, started[lane])),
    ...spare.map((worker) => worker.terminate()),
  ]);
  return results;
}

/**
 * One worker taking files off the shared queue, up to IN_FLIGHT at a time;
 * replaced when a file kills it. The worker says in shared memory which file
 * it is on: that one is timed, and blamed if the worker dies; the others it
 * held go back to the front of the queue (those it had checked but not yet
 * reported are checked again by the next worker).
 */
function runLane(
  queue: number[],
  files: FoundFile[],
  form: FormSpec,
  setup: WorkerSetup,
  options: PoolOptions,
  finish: (index: number, result: FileResult) => void,
  prestarted: Worker | undefined,
): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker | null = null;
    let progress = new WorkerProgress();
    let spareWorker = prestarted;
    const inFlight: number[] = [];
    let timer: NodeJS.Timeout | undefined;
    const limitMs = options.secondsPerFile * 1000;

    const start = (): Worker => {
      const usable = spareWorker && !exited.has(spareWorker) ? spareWorker : undefined;
      const started = usable ?? startWorker(options.memoryMb, options.workerUrl);
      spareWorker = undefined;
      // Each worker its own: one being stopped may still write to the last one's.
      progress = new WorkerProgress();
      started.on('message', onMessage);
      started.on('error', onError);
      started.on('exit', onExit);
      started.postMessage({ kind: 'setup', setup, progress: progress.buffer } satisfies WorkerMessage);
      watch(limitMs);
      return started;
    };
    const stop = (): void => {
      clearTimeout(timer);
      if (!worker) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      void worker.terminate();
      worker = null;
    };
    /** Looks in `ms` at the file the worker is on: over the limit, it is stopped; else looks again when it would be. */
    const watch = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const current = progress.current();
        if (current === null) watch(limitMs);
        else if (current.elapsedMs >= limitMs) fail({ kind: 'timeout' });
        else watch(limitMs - current.elapsedMs);
      }, ms);
    };
    const fill = (): void => {
      const tasks: CheckTask[] = [];
      while (inFlight.length < IN_FLIGHT && queue.length > 0) {
        const index = queue.shift()!;
        const found = files[index]!;
        inFlight.push(index);
        tasks.push({ index, path: found.path, display: found.display, modifiedAt: found.modifiedAt.toISOString() });
      }
      // One message for the lot: the worker replies to a batch with a batch.
      if (tasks.length > 0) {
        worker ??= start();
        worker.postMessage({ kind: 'tasks', tasks } satisfies WorkerMessage);
      }
      if (inFlight.length === 0) {
        stop();
        void spareWorker?.terminate();
        resolve();
      }
    };
    function onMessage(reply: WorkerReply): void {
      for (const outcome of reply.outcomes) take(outcome);
      fill();
    }
    function take({ index, result, error }: CheckOutcome): void {
      if (index !== inFlight[0]) return;
      inFlight.shift();
      const found = files[index]!;
      finish(index, result ?? rejectedResult(found, form, diagnostic('file-unreadable', { file: found.display }, { detail: (error ?? 'unknown error').slice(0, 200) })));
    }
    function onError(error: Error & { code?: string }): void {
      fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { kind: 'out-of-memory' } : { kind: 'crashed', detail: error.message });
    }
    function onExit(code: number): void {
      fail({ kind: 'crashed', detail: `worker exited with code ${code}` });
    }
    function fail(outcome: Failure): void {
      // The file the worker was on; if it was between files (or never got to one), the first it had not reported.
      const on = progress.current()?.index;
      const at = on === undefined ? 0 : Math.max(0, inFlight.indexOf(on));
      const [culprit] = inFlight.splice(at, 1);
      queue.unshift(...inFlight);
      inFlight.length = 0;
      stop();
      if (culprit !== undefined) {
        const found = files[culprit]!;
        const d =
          outcome.kind === 'timeout'
            ? diagnostic('file-timeout', { file: found.display }, { seconds: options.secondsPerFile })
            : outcome.kind === 'out-of-memory'
              ? diagnostic('file-out-of-memory', { file: found.display }, { megabytes: options.memoryMb })
              : diagnostic('file-unreadable', { file: found.display }, { detail: outcome.detail.slice(0, 200) });
        finish(culprit, rejectedResult(found, form, d));
      }
      fill();
    }
    fill();
  });
}

type Failure = { kind: 'timeout' } | { kind: 'out-of-memory' } | { kind: 'crashed'; detail: string };

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
