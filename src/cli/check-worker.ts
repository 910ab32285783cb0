import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { FormSpec } from '../form/schema.js';
import { checkFileBytes } from '../pipeline/check-file.js';
import { slimForConsolidation } from '../pipeline/slim.js';
import { nativeInflateRaw } from './native-zlib.js';
import type { ReadLimits } from '../read/xlsx/limits.js';

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

const setup = workerData as WorkerSetup;

parentPort!.on('message', async (task: CheckTask) => {
  try {
    // Synchronous: the worker has one file to do at a time, and the promise machinery costs more than the read.
    const buffer = readFileSync(task.path);
    // A plain view, not a Buffer: Buffer's slice() shares memory where Uint8Array's copies.
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const result = await checkFileBytes(task.display, bytes, setup.form, {
      strict: setup.strict,
      limits: setup.limits,
      modifiedAt: new Date(task.modifiedAt),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      inflateRaw: nativeInflateRaw,
    });
    parentPort!.postMessage({ index: task.index, result: slimForConsolidation(result, setup.form.summary.unitColumn) });
  } catch (error) {
    parentPort!.postMessage({ index: task.index, error: error instanceof Error ? error.message : String(error) });
  }
});
