import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { FormSpec } from '../form/schema.js';
import { checkFileBytes } from '../pipeline/check-file.js';
import { slimForConsolidation } from '../pipeline/slim.js';
import type { ReadLimits } from '../read/xlsx/limits.js';
import { nativeInflateRaw } from './native-zlib.js';

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
 * loaded), then tasks. Tasks are done strictly one after another, in the
 * order they came: the pool keeps more than one in flight, and counts on
 * results coming back in that order.
 */
export type WorkerMessage = { kind: 'setup'; setup: WorkerSetup } | { kind: 'task'; task: CheckTask };

let setup: WorkerSetup | undefined;
const waiting: CheckTask[] = [];
let working = false;

parentPort!.on('message', (message: WorkerMessage) => {
  if (message.kind === 'setup') setup = message.setup;
  else waiting.push(message.task);
  void work();
});

async function work(): Promise<void> {
  if (working || !setup) return;
  working = true;
  for (let task = waiting.shift(); task !== undefined; task = waiting.shift()) await checkOne(task, setup);
  working = false;
}

async function checkOne(task: CheckTask, { form, strict, limits }: WorkerSetup): Promise<void> {
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
    parentPort!.postMessage({ index: task.index, result: slimForConsolidation(result, form.summary.unitColumn) });
  } catch (error) {
    parentPort!.postMessage({ index: task.index, error: error instanceof Error ? error.message : String(error) });
  }
}
