// A stand-in for dist/cli/check-worker.js that speaks its protocol but
// checks nothing: a task whose path has "slow" never finishes, "crash" ends
// the thread, and every other one succeeds at once. Outcomes are held until
// no task is waiting, so files checked before a slow one are still
// unreported when it is stopped. Each result says which thread made it.
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { parentPort, threadId } from 'node:worker_threads';
import { WorkerProgress } from '../../dist/cli/worker-progress.js';

let progress;
const waiting = [];
let outcomes = [];

parentPort.on('message', (message) => {
  if (message.kind === 'setup') progress = new WorkerProgress(message.progress);
  else waiting.push(...message.tasks);
  // After every message that has arrived, so a slow task finds the ones before it still held.
  setImmediate(work);
});

function work() {
  if (!progress) return;
  for (let task = waiting.shift(); task !== undefined; task = waiting.shift()) {
    progress.started(task.index);
    if (task.path.includes('slow')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    if (task.path.includes('crash')) process.exit(3);
    outcomes.push({ index: task.index, result: { file: task.display, status: 'accepted', threadId, tables: {}, diagnostics: [] } });
    progress.idle();
  }
  if (outcomes.length > 0) parentPort.postMessage({ outcomes });
  outcomes = [];
}
