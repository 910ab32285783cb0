import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatTextReport, LIST_EVERY_FILE_UP_TO } from '../../src/cli/report-text.js';
import type { FileResult, FileStatus } from '../../src/pipeline/file-result.js';
import { builtinForm } from '../helpers/form.js';

const form = builtinForm();
const plain = new Chalk({ level: 0 });

function result(file: string, status: FileStatus, warnings = 0): FileResult {
  return {
    file,
    status,
    format: 'xlsx',
    unit: `Đơn vị ${file}`,
    unitHints: [],
    rosterUnit: null,
    supersededBy: null,
    documentDate: null,
    modifiedAt: null,
    sha256: null,
    tables: { staff: null, students: null },
    diagnostics: [],
    counts: { error: status === 'rejected' ? 1 : 0, warning: warnings, info: 0 },
  };
}

const report = (results: FileResult[], language: 'vi' | 'en' = 'vi') => formatTextReport(form, results, null, { language, chalk: plain, showInfo: false });

describe('the console report’s file table', () => {
  it('lists every file of a small run, accepted ones included', () => {
    const results = Array.from({ length: LIST_EVERY_FILE_UP_TO }, (_, i) => result(`tep-${i + 1}.xlsx`, 'accepted'));
    const text = report(results);
    for (const r of results) expect(text).toContain(r.file);
    expect(text).not.toContain('không có lỗi hay cảnh báo (');
  });

  it('in a larger run, lists only the files with something to say, in folder order with their numbers, and counts the rest', () => {
    const results = Array.from({ length: 200 }, (_, i) => result(`tep-${String(i + 1).padStart(3, '0')}.xlsx`, 'accepted'));
    results[9] = result('tep-010.xlsx', 'rejected');
    results[99] = result('tep-100.xlsx', 'warning', 2);
    results[149] = result('tep-150.xlsx', 'skipped');
    const text = report(results);
    expect(text).toMatch(/│ 10 +│ tep-010\.xlsx[\s\S]*│ 100 +│ tep-100\.xlsx[\s\S]*│ 150 +│ tep-150\.xlsx/);
    expect(text).not.toContain('tep-001.xlsx');
    expect(text).not.toContain('tep-200.xlsx');
    expect(text).toContain('… và 197 tệp được nhận không có lỗi hay cảnh báo.');
    expect(report(results, 'en')).toContain('… and 197 files accepted without errors or warnings.');
  });

  it('when every file of a large run is accepted, draws no empty table', () => {
    const text = report(Array.from({ length: 100 }, (_, i) => result(`tep-${i}.xlsx`, 'accepted')));
    expect(text).not.toContain('┌');
    expect(text).toContain('… và 100 tệp được nhận không có lỗi hay cảnh báo.');
  });
});
