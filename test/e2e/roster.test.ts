import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { ROOT, runCli } from '../helpers/cli.js';

const SUBMISSIONS = path.join(ROOT, 'fixtures/submissions');
const ROSTER = path.join(ROOT, 'fixtures/roster.csv');

describe('consolidate with the sample roster and the letter deadline', () => {
  let work: string;
  let report: { roster: Record<string, unknown> & { units: { unit: string; state: string; onTime: boolean | null; superseded: string[] }[] }; files: { file: string; rosterUnit: string | null; status: string }[] };
  let status: number;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'consolidate-roster-'));
    const run = runCli([SUBMISSIONS, '--roster', ROSTER, '--deadline', '2024-04-24', '--format', 'json', '-o', 'tong-hop.xlsx', '--feedback', 'gop-y'], work);
    status = run.status;
    report = JSON.parse(run.stdout);
  });

  it('names exactly the missing, rejected, late and superseded units', () => {
    expect(status).toBe(1);
    expect(report.roster).toMatchObject({
      expected: 15,
      submitted: 11,
      accepted: 8,
      missing: ['Sở Tài chính', 'Phòng GD&ĐT quận Ngô Quyền', 'Trường THPT Hồng Bàng', 'Trường Đại học Hàng hải Việt Nam'],
      rejected: ['Phòng GD&ĐT huyện Thủy Nguyên', 'Trường THPT Ngô Quyền', 'Trung tâm GDNN-GDTX quận Hải An'],
      notInRoster: [],
      late: ['Sở Y tế'],
      deadline: '2024-04-24',
    });
    expect(report.roster.units.filter((u) => u.superseded.length).map((u) => [u.unit, u.superseded])).toEqual([['Trường THPT Kiến An', ['THPT Kien An.xlsx']]]);
  });

  it('matches every submitted file to its roster unit', () => {
    const unmatched = report.files.filter((f) => f.status !== 'skipped' && !f.file.endsWith('.docx') && f.rosterUnit === null);
    expect(unmatched).toEqual([]);
    expect(report.files.find((f) => f.file === 'Phong GDDT quan Le Chan.xlsx')!.rosterUnit).toBe('Phòng GD&ĐT quận Lê Chân');
  });

  it('writes Tình hình nộp with every roster unit and its state', () => {
    const grid = readXlsx(new Uint8Array(readFileSync(path.join(work, 'tong-hop.xlsx'))));
    const sheet = grid.sheets.find((s) => s.name === 'Tình hình nộp')!;
    const rows = sheet.rows.map((r) => (r ?? []).map((c) => c?.value ?? null));
    const missing = rows.filter((r) => r[4] === 'Chưa nộp').map((r) => r[1]);
    expect(missing).toEqual(['Sở Tài chính', 'Phòng GD&ĐT quận Ngô Quyền', 'Trường THPT Hồng Bàng', 'Trường Đại học Hàng hải Việt Nam']);
    expect(rows.find((r) => r[1] === 'Sở Y tế')?.[8]).toBe('Muộn');
    expect(String(rows[0]![0])).toContain('Phải nộp 15');
  });

  it('shows the summary rows by roster group, each with a subtotal that reads back as a subtotal', () => {
    const grid = readXlsx(new Uint8Array(readFileSync(path.join(work, 'tong-hop.xlsx'))));
    const sheet = grid.sheets.find((s) => s.name === 'Tổng hợp')!;
    const labels = sheet.rows.map((r) => String(r?.[0]?.value ?? r?.[1]?.value ?? ''));
    expect(labels).toContain('I. Sở, ngành');
    expect(sheet.rows.some((r) => r?.[1]?.value === 'Cộng Trường THPT')).toBe(true);
    const check = runCli(['check', path.join(work, 'tong-hop.xlsx'), '--format', 'json'], work);
    expect(check.status).toBe(0);
    const staff = JSON.parse(check.stdout).files[0].tables.staff.rows as { total: number }[];
    const expected = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/expected/submissions.json'), 'utf8'));
    expect(staff.reduce((s, r) => s + r.total, 0)).toBe(expected.totals.staff.total);
  });

  it('writes a feedback workbook per rejected or warned file, with notes on the problem cells', async () => {
    expect(readdirSync(path.join(work, 'gop-y')).sort()).toContain('THPT Ngo Quyen - gop y.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(path.join(work, 'gop-y', 'THPT Ngo Quyen - gop y.xlsx')) as unknown as ArrayBuffer);
    const note = workbook.getWorksheet('Sheet1')!.getCell('D11').note;
    expect(JSON.stringify(note)).toContain('lớn hơn tổng số');
    expect(workbook.getWorksheet('Góp ý')!.getCell('E4').value).toMatch(/Đề nghị/);
  });
});

describe('a bad roster stops the run before any work', () => {
  it.each([
    ['no name column', 'STT,Mã\n1,A\n', 'không có cột tên đơn vị'],
    ['duplicate names', 'Tên đơn vị\nTrường THPT Trần Phú\nTHPT Trần Phú\n', 'tên trùng'],
  ])('%s: exit 2 and nothing written', (_label, csv, message) => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-roster-bad-'));
    writeFileSync(path.join(work, 'ds.csv'), csv);
    const run = runCli([SUBMISSIONS, '--roster', 'ds.csv'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(readdirSync(work)).toEqual(['ds.csv']);
  });

  it('refuses a malformed deadline', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-deadline-'));
    expect(runCli([SUBMISSIONS, '--deadline', '25/4/2024'], work).status).toBe(2);
  });
});

describe('roll-up through the hierarchy', () => {
  it('consolidating the districts’ summaries gives the same totals as consolidating every school directly', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-rollup-'));
    const files = readdirSync(SUBMISSIONS).filter((f) => f.endsWith('.xlsx') && !f.startsWith('~$'));
    const half = Math.ceil(files.length / 2);
    for (const [district, part] of [['quan-a', files.slice(0, half)], ['quan-b', files.slice(half)]] as const) {
      mkdirSync(path.join(work, district));
      for (const f of part) cpSync(path.join(SUBMISSIONS, f), path.join(work, district, f));
    }
    mkdirSync(path.join(work, 'thanh-pho'));
    runCli(['quan-a', '-o', 'thanh-pho/quan-a.xlsx', '--issuer', 'Phòng GD&ĐT quận A'], work);
    runCli(['quan-b', '-o', 'thanh-pho/quan-b.xlsx', '--issuer', 'Phòng GD&ĐT quận B'], work);
    const city = JSON.parse(runCli(['thanh-pho', '-o', 'city.xlsx', '--format', 'json'], work).stdout);
    const direct = JSON.parse(runCli([SUBMISSIONS, '-o', 'direct.xlsx', '--format', 'json'], work).stdout);
    // A district summary carries its schools' rows as they were accepted, warnings included (a missing reason stays missing).
    expect(city.files.map((f: { status: string }) => f.status).every((s: string) => s === 'accepted' || s === 'warning')).toBe(true);
    expect(city.files).toHaveLength(2);
    expect(city.totals).toEqual(direct.totals);
  });
});
