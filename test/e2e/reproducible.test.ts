import { mkdtempSync, readFileSync, utimesSync, cpSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
import { ROOT, runCli } from '../helpers/cli.js';

const SUBMISSIONS = path.join(ROOT, 'fixtures/submissions');

describe('the summary is reproducible and fit to sign', () => {
  it('the same inputs and options give a byte-identical summary', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-repro-'));
    const args = [SUBMISSIONS, '--roster', path.join(ROOT, 'fixtures/roster.csv'), '--date', '2024-04-26'];
    runCli([...args, '-o', 'a.xlsx'], work);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    runCli([...args, '-o', 'b.xlsx'], work);
    expect(readFileSync(path.join(work, 'a.xlsx')).equals(readFileSync(path.join(work, 'b.xlsx')))).toBe(true);
  });

  it('the workbook timestamps come from the inputs, not from the clock', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-repro-'));
    cpSync(path.join(SUBMISSIONS, 'So Tu phap.xlsx'), path.join(work, 'in', 'a.xlsx'), { recursive: true });
    utimesSync(path.join(work, 'in', 'a.xlsx'), new Date('2024-04-19T03:00:00Z'), new Date('2024-04-19T03:00:00Z'));
    runCli(['in', '-o', 'out.xlsx', '--date', '2024-04-20'], work, { SOURCE_DATE_EPOCH: '' });
    const parts = unzipSync(new Uint8Array(readFileSync(path.join(work, 'out.xlsx'))));
    const core = new TextDecoder().decode(parts['docProps/core.xml']);
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-04-19T03:00:00Z</dcterms:modified>');
  });

  it('prints the place and date line from --place and --date, and the issuer in capitals', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-date-'));
    runCli([SUBMISSIONS, '-o', 'out.xlsx', '--date', '2024-04-26', '--place', 'Hải Phòng', '--issuer', 'Sở Giáo dục và Đào tạo'], work);
    const sheet = readXlsx(new Uint8Array(readFileSync(path.join(work, 'out.xlsx')))).sheets[0]!;
    const texts = sheet.rows.slice(0, 8).flatMap((r) => (r ?? []).map((c) => c?.value)).filter((v) => typeof v === 'string');
    expect(texts).toContain('Hải Phòng, ngày 26 tháng 4 năm 2024');
    expect(texts).toContain('SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(texts).toContain('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('refuses to write the summary inside the submissions folder (exit 2), before reading anything', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-inside-'));
    cpSync(path.join(SUBMISSIONS, 'So Tu phap.xlsx'), path.join(work, 'in', 'a.xlsx'), { recursive: true });
    const run = runCli(['in', '-o', 'in/a.xlsx', '--force'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('-o');
    expect(readdirSync(path.join(work, 'in'))).toEqual(['a.xlsx']);
    expect(runCli(['.'], path.join(work, 'in')).status).toBe(2);
  });
});
