import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const GOOD = path.join(ROOT, 'fixtures/submissions/THPT Tran Phu.xlsx');

function folderWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'consolidate-iso-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('each file is read in a worker under a time and a memory limit', () => {
  it('a file over the time limit is rejected with file-timeout, and the run goes on', () => {
    const run = runCli(['check', GOOD, '--max-seconds', '0.001', '--format', 'json']);
    const file = JSON.parse(run.stdout).files[0];
    expect(file.status).toBe('rejected');
    expect(file.diagnostics.map((d: { code: string }) => d.code)).toEqual(['file-timeout']);
    expect(run.status).toBe(1);
  });

  it('a file over the memory limit is rejected with file-out-of-memory', () => {
    const run = runCli(['check', GOOD, '--max-memory-mb', '2', '--format', 'json']);
    expect(JSON.parse(run.stdout).files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['file-out-of-memory']);
  });

  it('results keep the folder order whatever order the workers finish in', () => {
    const dir = folderWith({ 'b-junk.xlsx': 'not a workbook', 'd-empty.xlsx': '' });
    cpSync(GOOD, path.join(dir, 'a.xlsx'));
    cpSync(GOOD, path.join(dir, 'c.xlsx'));
    const run = runCli([dir, '-o', path.join(dir, '..', `${path.basename(dir)}.xlsx`), '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { file: string; status: string }) => [f.file, f.status])).toEqual([
      ['a.xlsx', 'accepted'],
      ['b-junk.xlsx', 'rejected'],
      ['c.xlsx', 'accepted'],
      ['d-empty.xlsx', 'rejected'],
    ]);
  });

  it('with files queued ahead in each worker, every file over the limit is blamed on itself alone, in folder order', () => {
    const dir = folderWith({});
    for (const name of ['a.xlsx', 'b.xlsx', 'c.xlsx', 'd.xlsx', 'e.xlsx']) cpSync(GOOD, path.join(dir, name));
    const out = path.join(dir, '..', `${path.basename(dir)}.xlsx`);
    for (const [flag, value, code] of [['--max-seconds', '0.001', 'file-timeout'], ['--max-memory-mb', '2', 'file-out-of-memory']]) {
      const run = runCli([dir, '-o', out, '--force', flag!, value!, '--format', 'json']);
      expect(run.status).toBe(1);
      const files = JSON.parse(run.stdout).files as { file: string; diagnostics: { code: string }[] }[];
      expect(files.map((f) => [f.file, f.diagnostics.map((d) => d.code)])).toEqual(['a', 'b', 'c', 'd', 'e'].map((n) => [`${n}.xlsx`, [code]]));
    }
    // And without the limit, the same folder is read whole: nothing was left queued in a stopped worker.
    const run = runCli([dir, '-o', out, '--force', '--format', 'json']);
    expect(JSON.parse(run.stdout).files.map((f: { status: string }) => f.status)).toEqual(Array(5).fill('accepted'));
  });

  it('refuses a limit that is not a positive number (exit 2)', () => {
    expect(runCli(['check', GOOD, '--max-cells', 'lots']).status).toBe(2);
  });
});
