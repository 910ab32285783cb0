import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { WorkerMessage, WorkerReply } from '../../src/cli/check-worker.js';
import { WorkerProgress } from '../../src/cli/worker-progress.js';
import { builtinForm } from '../helpers/form.js';

const WORKER = new URL('../../dist/cli/check-worker.js', import.meta.url);
const SUBMISSIONS = fileURLToPath(new URL('../../fixtures/submissions/', import.meta.url));

describe('the check worker (built)', () => {
  it('reports files that arrive together several to a message, in the order they came', async () => {
    // Files that are quickly done with (a Word document is turned away at once), so no batch is sent early for being held too long.
    const names = readdirSync(SUBMISSIONS).filter((name) => name.endsWith('.docx'));
    expect(names.length).toBeGreaterThan(0);
    const tasks = Array.from({ length: 40 }, (_, index) => {
      const name = names[index % names.length]!;
      return { index, path: path.join(SUBMISSIONS, name), display: `${index} ${name}`, modifiedAt: new Date(0).toISOString() };
    });
    const worker = new Worker(WORKER);
    const replies: WorkerReply[] = [];
    try {
      const allReported = new Promise<void>((resolve, reject) => {
        let reported = 0;
        worker.on('error', reject);
        worker.on('message', (reply: WorkerReply) => {
          replies.push(reply);
          reported += reply.outcomes.length;
          if (reported === tasks.length) resolve();
        });
      });
      const progress = new WorkerProgress();
      worker.postMessage({ kind: 'setup', setup: { form: builtinForm(), strict: false, limits: {} }, progress: progress.buffer } satisfies WorkerMessage);
      // As the pool sends them: in a few messages, each holding several.
      for (let at = 0; at < tasks.length; at += 8) worker.postMessage({ kind: 'tasks', tasks: tasks.slice(at, at + 8) } satisfies WorkerMessage);
      await allReported;
    } finally {
      await worker.terminate();
    }
    const outcomes = replies.flatMap((reply) => reply.outcomes);
    expect(outcomes.map((o) => o.index)).toEqual(tasks.map((t) => t.index));
    expect(outcomes.every((o) => o.result?.file === tasks[o.index]!.display)).toBe(true);
    // One message a file cost a tenth of checking a small file: 40 that arrived together go back 32 to a message.
    expect(replies.length).toBeLessThanOrEqual(4);
    expect(outcomes.every((o) => o.result?.status === 'rejected')).toBe(true);
  });
});
