import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fillTemplate } from '../helpers/fill-template.js';
import { ROOT, runCli } from '../helpers/cli.js';

const SUBMISSIONS = path.join(ROOT, 'fixtures/submissions');
let work: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'consolidate-cli-'));
});

describe('consolidate template', () => {
  it('writes a template that, once filled in, checks clean (exit 0)', async () => {
    const made = runCli(['template', '-o', 'mau.xlsx', '--unit', 'Trường THPT Trần Phú'], work);
    expect(made.status).toBe(0);
    const filled = await fillTemplate(new Uint8Array(readFileSync(path.join(work, 'mau.xlsx'))), [
      [{ unit: 'Trường THPT Trần Phú', total: 98, registered: 95, reason: 'Nghỉ thai sản' }],
      [{ unit: 'Trường THPT Trần Phú', total: 1250, registered: 1250 }],
    ]);
    writeFileSync(path.join(work, 'tran-phu.xlsx'), filled);
    const check = runCli(['check', 'tran-phu.xlsx'], work);
    expect(check.stdout).toContain('Trường THPT Trần Phú');
    expect(check.stdout).toContain('Không có lỗi hay cảnh báo nào.');
    expect(check.status).toBe(0);
  });

  it('refuses to replace an existing file without --force (exit 2)', () => {
    writeFileSync(path.join(work, 'mau.xlsx'), 'keep me');
    const run = runCli(['template', '-o', 'mau.xlsx'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--force');
    expect(readFileSync(path.join(work, 'mau.xlsx'), 'utf8')).toBe('keep me');
    expect(runCli(['template', '-o', 'mau.xlsx', '--force'], work).status).toBe(0);
    expect(statSync(path.join(work, 'mau.xlsx')).size).toBeGreaterThan(5000);
  });
});

describe('consolidate <folder>', () => {
  it('never replaces a summary: without -o it picks the next free name', () => {
    const folder = path.join(work, 'in');
    cpSync(path.join(SUBMISSIONS, 'So Tu phap.xlsx'), path.join(folder, 'So Tu phap.xlsx'), { recursive: true });
    expect(runCli(['in'], work).status).toBe(0);
    expect(runCli(['merge', 'in'], work).status).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['in', 'tong-hop (2).xlsx', 'tong-hop.xlsx']);
  });

  it('says in one line, not a stack trace, that a named form spec is missing (exit 2), and leaves no worker running', () => {
    for (const args of [[SUBMISSIONS, '-o', 'out.xlsx', '--form', 'missing.json'], ['check', path.join(SUBMISSIONS, 'So Tu phap.xlsx'), '--form', 'missing.json']]) {
      const run = runCli(args, work);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([`Không tìm thấy missing.json. / missing.json was not found.`]);
    }
    expect(readdirSync(work)).toEqual([]);
  });

  it('refuses an existing -o without --force, leaving it untouched (exit 2)', () => {
    writeFileSync(path.join(work, 'out.xlsx'), 'old summary');
    const run = runCli([SUBMISSIONS, '-o', 'out.xlsx'], work);
    expect(run.status).toBe(2);
    expect(readFileSync(path.join(work, 'out.xlsx'), 'utf8')).toBe('old summary');
    expect(readdirSync(work)).toEqual(['out.xlsx']);
  });

  it('prints a plain report when not on a terminal, in Vietnamese by default and English with --lang en', () => {
    const vi = runCli([SUBMISSIONS, '-o', 'a.xlsx'], work);
    expect(vi.stdout.includes('\u001b[')).toBe(false);
    expect(vi.stdout).toContain('Trả lại');
    expect(vi.stdout).toMatch(/D11: Số đã đăng ký \(88\) lớn hơn tổng số \(85\)/);
    const en = runCli([SUBMISSIONS, '-o', 'b.xlsx', '--lang', 'en'], work);
    expect(en.stdout).toMatch(/D11: Registered \(88\) is larger than the total \(85\)/);
    expect(en.stdout).toContain('Summary written: b.xlsx');
  });

  it('--strict turns warnings into rejections', () => {
    const folder = path.join(work, 'in');
    cpSync(path.join(SUBMISSIONS, 'THPT Le Quy Don.xlsx'), path.join(folder, 'THPT Le Quy Don.xlsx'), { recursive: true });
    expect(runCli(['in', '-o', 'a.xlsx'], work).status).toBe(0);
    const strict = runCli(['in', '-o', 'b.xlsx', '--strict', '--format', 'json'], work);
    expect(strict.status).toBe(1);
    expect(JSON.parse(strict.stdout).files[0].status).toBe('rejected');
  });

  it('exits 2 on a folder that does not exist, and on an unknown option', () => {
    expect(runCli(['no-such-folder'], work).status).toBe(2);
    expect(runCli([SUBMISSIONS, '--format', 'xml'], work).status).toBe(2);
    expect(readdirSync(work)).toEqual([]);
  });
});

describe('consolidate check', () => {
  it('skips an Excel lock file with a note and rejects a Word file with a clear message', () => {
    const run = runCli(['check', path.join(SUBMISSIONS, '~$THPT Tran Phu.xlsx'), path.join(SUBMISSIONS, 'Bao cao Cong dan hoc tap.docx'), '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { status: string }) => f.status)).toEqual(['skipped', 'rejected']);
    expect(report.files[1].diagnostics[0].code).toBe('file-not-spreadsheet');
    expect(report.files[1].diagnostics[0].message).toContain('Word');
    expect(run.status).toBe(1);
  });

  it('--help lists the three jobs', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    for (const command of ['merge', 'check', 'template']) expect(run.stdout).toContain(command);
  });
});

describe('consolidate template --roster --out-dir', () => {
  it('writes one pre-filled template per roster unit, with names safe on Windows', () => {
    writeFileSync(path.join(work, 'ds.csv'), 'Tên đơn vị\nTrường THPT Trần Phú\nPhòng GD&ĐT quận Lê Chân\nTrung tâm A/B: "mới"\nCON\n');
    const run = runCli(['template', '--roster', 'ds.csv', '--out-dir', 'mau'], work);
    expect(run.status).toBe(0);
    expect(readdirSync(path.join(work, 'mau')).sort()).toEqual(['Phòng GD&ĐT quận Lê Chân.xlsx', 'Trung tâm A-B- -mới-.xlsx', 'Trường THPT Trần Phú.xlsx', '_CON.xlsx']);
    const check = runCli(['check', path.join(work, 'mau', 'Trường THPT Trần Phú.xlsx'), '--format', 'json'], work);
    const file = JSON.parse(check.stdout).files[0];
    expect(file.unit).toBe('Trường THPT Trần Phú');
    expect(file.diagnostics.map((d: { code: string }) => d.code)).toEqual(['table-empty']);
  });

  it('needs both --roster and --out-dir (exit 2)', () => {
    expect(runCli(['template', '--out-dir', 'mau'], work).status).toBe(2);
  });
});
