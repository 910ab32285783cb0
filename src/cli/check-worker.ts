import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FormSpec } from '../form/schema.js';
import type { FileResult } from '../pipeline/file-result.js';
import { checkFileBytes } from '../pipeline/check-file.js';
import { slimForConsolidation } from '../pipeline/slim.js';
import type { ReadLimits } from '../read/xlsx/limits.js';
import { nativeInflateRaw } from './native-zlib.js';
import { WorkerProgress } from './worker-progress.js';

/** One file's check, inside a worker thread, so a file that hangs or eats memory can be stopped without stopping the run. */
export interface CheckTask {
  index: number;
  path: string;
  display: string;
  modifiedAt: string;
}

export interface WorkerSetup {
  form: FormSpec;
  strict: boolean;
  limits: Partial<ReadLimits>;
}

/**
 * The setup comes first (the worker may be started before the form is
 * loaded), with the memory where the worker says which file it is on, then
 * tasks. Tasks are done strictly one after another, in the order they came,
 * and their results come back in that order, several to a message.
 */
export type WorkerMessage = { kind: 'setup'; setup: WorkerSetup; progress: SharedArrayBuffer } | { kind: 'tasks'; tasks: CheckTask[] };

export interface CheckOutcome {
  index: number;
  result?: FileResult;
  error?: string;
}

/** The results of files checked since the last reply, in order. */
export interface WorkerReply {
  outcomes: CheckOutcome[];
}

/**
 * Results are sent this many at a time at most, or sooner when the worker
 * runs out of tasks or has held one for BATCH_MS: a message per file cost a
 * tenth of checking a small file.
 */
const BATCH_FILES = 32;
const BATCH_MS = 50;

let setup: WorkerSetup | undefined;
let progress: WorkerProgress | undefined;
const waiting: CheckTask[] = [];
let working = false;
let outcomes: CheckOutcome[] = [];
let heldSince = 0;

let scheduled = false;

parentPort!.on('message', (message: WorkerMessage) => {
  if (message.kind === 'setup') {
    setup = message.setup;
    progress = new WorkerProgress(message.progress);
  } else waiting.push(...message.tasks);
  // Started on the next turn, not now: messages that have arrived are handed
  // over one at a time, each with its microtasks run to the end, so work
  // started at once would see one task at a time and report each file alone.
  if (!scheduled) {
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void work();
    });
  }
});

async function work(): Promise<void> {
  if (working || !setup || !progress) return;
  working = true;
  for (let task = waiting.shift(); task !== undefined; task = waiting.shift()) {
    progress.started(task.index);
    if (outcomes.length === 0) heldSince = performance.now();
    outcomes.push(await checkOne(task, setup));
    progress.idle();
    if (outcomes.length >= BATCH_FILES || waiting.length === 0 || performance.now() - heldSince >= BATCH_MS) {
      parentPort!.postMessage({ outcomes } satisfies WorkerReply);
      outcomes = [];
    }
  }
  working = false;
}

async function checkOne(task: CheckTask, { form, strict, limits }: WorkerSetup): Promise<CheckOutcome> {
  try {
    // Synchronous: the worker has one file to do at a time, and the promise machinery costs more than the read.
    const buffer = readFileSync(task.path);
    // A plain view, not a Buffer: Buffer's slice() shares memory where Uint8Array's copies.
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const result = await checkFileBytes(task.display, bytes, form, {
      strict,
      limits,
      modifiedAt: new Date(task.modifiedAt),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      inflateRaw: nativeInflateRaw,
    });
    return { index: task.index, result: slimForConsolidation(result, form.summary.unitColumn) };
  } catch (error) {
    return { index: task.index, error: error instanceof Error ? error.message : String(error) };
  }
}
