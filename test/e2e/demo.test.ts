import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { ROOT, runCli, type CliRun } from '../helpers/cli.js';

const SUBMISSIONS = path.join(ROOT, 'fixtures/submissions');
interface Expected {
  totals: Record<string, Record<string, number>>;
  files: { file: string; status: string; unit: string; problems: { kind: string; sheet: string; cell: string }[] }[];
}
const expected: Expected = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/expected/submissions.json'), 'utf8'));

/** The fixture story's names for problems → the diagnostic codes the tool gives them. */
const CODE_OF_KIND: Record<string, string> = {
  'registered-exceeds-total': 'row-registered-exceeds-total',
  'missing-reason': 'row-missing-reason',
  'unregistered-blank': 'row-unregistered-computed',
  'unregistered-mismatch': 'row-unregistered-mismatch',
  'totals-mismatch': 'row-totals-mismatch',
  'missing-unit-name': 'row-missing-unit',
};

function hashes(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((f) => [f, createHash('sha256').update(readFileSync(path.join(folder, f))).digest('hex')]));
}

describe('consolidate on the demo folder', () => {
  let work: string;
  let run: CliRun;
  let report: {
    version: number;
    form: string;
    files: { file: string; status: string; unit: string; supersededBy: string | null; sha256?: string | null; tables: Record<string, unknown>; diagnostics: { code: string; cell: string | null; sheet: string | null; message: string }[] }[];
    totals: Record<string, Record<string, number>>;
    roster: unknown;
    output: string;
  };
  let before: Record<string, string>;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'consolidate-e2e-'));
    before = hashes(SUBMISSIONS);
    run = runCli([SUBMISSIONS, '--format', 'json'], work);
    report = JSON.parse(run.stdout);
  });

  it('exits 1 because some files are rejected, and writes tong-hop.xlsx in the current folder', () => {
    expect(run.status).toBe(1);
    expect(report.output).toBe('tong-hop.xlsx');
    expect(readdirSync(work)).toEqual(['tong-hop.xlsx']);
  });

  it('totals are exactly those of the accepted, non-superseded files', () => {
    expect(report.totals).toEqual(expected.totals);
  });

  it('gives every file its expected status', () => {
    const statuses = Object.fromEntries(report.files.map((f) => [f.file, f.status]));
    for (const file of expected.files) {
      const want = file.file.endsWith('.docx') ? 'rejected' : file.status === 'accepted' && file.file === 'THPT Kien An - nop lai.xlsx' ? 'warning' : file.status;
      expect([file.file, statuses[file.file]]).toEqual([file.file, want]);
    }
  });

  it('marks the older resubmission as superseded by the newer one', () => {
    const older = report.files.find((f) => f.file === 'THPT Kien An.xlsx')!;
    expect(older.supersededBy).toBe('THPT Kien An - nop lai.xlsx');
    expect(report.files.find((f) => f.file === 'THPT Kien An - nop lai.xlsx')!.diagnostics.map((d) => d.code)).toContain('unit-resubmission-differs');
  });

  it('reports each planted problem at its cell', () => {
    for (const file of expected.files) {
      const got = report.files.find((f) => f.file === file.file)!;
      for (const problem of file.problems) {
        expect(got.diagnostics.map((d) => [d.code, d.sheet, d.cell])).toContainEqual([CODE_OF_KIND[problem.kind], problem.sheet, problem.cell]);
      }
    }
  });

  it('the JSON report has the version-1 shape', () => {
    expect(Object.keys(report)).toEqual(['version', 'form', 'files', 'totals', 'roster', 'output']);
    expect(report.version).toBe(1);
    expect(report.form).toBe('cong-dan-hoc-tap-2024');
    expect(report.roster).toBeNull();
    for (const file of report.files) {
      // DESIGN.md's fields first, in order; version 1 only ever adds fields after them.
      expect(Object.keys(file).slice(0, 7)).toEqual(['file', 'status', 'unit', 'rosterUnit', 'supersededBy', 'tables', 'diagnostics']);
      expect(file.sha256 ?? '').toMatch(file.status === 'skipped' ? /^$/ : /^[0-9a-f]{64}$/);
      expect(Object.keys(file.tables)).toEqual(['staff', 'students']);
    }
    const tranPhu = report.files.find((f) => f.file === 'THPT Tran Phu.xlsx')!;
    expect(tranPhu.tables.staff).toMatchObject({ sheet: expect.any(String), rows: [expect.objectContaining({ unit: 'Trường THPT Trần Phú', cell: expect.stringMatching(/^B\d+$/) })] });
    expect(report.files.find((f) => f.file === 'So Tu phap.xlsx')!.tables.students).toBeNull();
  });

  it('the summary read back by exceljs and by our own reader has Tổng cộng equal to the sum of its rows', async () => {
    const bytes = readFileSync(path.join(work, 'tong-hop.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tổng hợp')!;
    const totals: number[][] = [];
    let rows: number[][] = [];
    sheet.eachRow((row) => {
      const values = [3, 4, 5].map((c) => row.getCell(c).value);
      if (row.getCell(2).value === 'Tổng cộng') {
        const cached = values.map((v) => (v as { result: number }).result);
        expect(cached).toEqual([0, 1, 2].map((i) => rows.reduce((s, r) => s + r[i]!, 0)));
        totals.push(cached);
        rows = [];
      } else if (typeof values[0] === 'number' && typeof row.getCell(1).value === 'number') rows.push(values as number[]);
    });
    expect(totals).toEqual(['staff', 'students'].map((t) => [expected.totals[t]!.total, expected.totals[t]!.registered, expected.totals[t]!.unregistered]));

    const grid = readXlsx(new Uint8Array(bytes));
    expect(grid.sheets.filter((s) => !s.hidden).map((s) => s.name)).toEqual(['Tổng hợp', 'Nguyên nhân', 'Tình hình nộp', 'Kiểm tra', 'Nguồn']);
  });

  it('never modifies an input file', () => {
    expect(hashes(SUBMISSIONS)).toEqual(before);
  });

  it('the summary is itself a valid submission with the same totals', () => {
    const check = runCli(['check', path.join(work, 'tong-hop.xlsx'), '--format', 'json'], work);
    expect(check.status).toBe(0);
    const file = JSON.parse(check.stdout).files[0];
    const sum = (rows: { total: number }[]) => rows.reduce((s, r) => s + r.total, 0);
    expect(sum(file.tables.staff.rows)).toBe(expected.totals.staff!.total);
    expect(sum(file.tables.students.rows)).toBe(expected.totals.students!.total);
  });
});

describe('check on each demo file', () => {
  it.each(expected.files.filter((f) => f.problems.length > 0).map((f) => [f.file, f] as const))('%s: the planted problems at their cells', (_name, file) => {
    const run = runCli(['check', path.join(SUBMISSIONS, file.file), '--format', 'json']);
    const report = JSON.parse(run.stdout);
    const got = report.files[0].diagnostics.map((d: { code: string; cell: string }) => [d.code, d.cell]);
    for (const problem of file.problems) expect(got).toContainEqual([CODE_OF_KIND[problem.kind], problem.cell]);
    expect(run.status).toBe(file.status === 'rejected' ? 1 : 0);
  });
});
