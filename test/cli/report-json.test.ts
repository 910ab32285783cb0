import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/consolidate/summary.js';
import { checkFileBytes } from '../../src/pipeline/check-file.js';
import { buildJsonReport, jsonReportChunks } from '../../src/cli/report-json.js';
import { writeTemplateWorkbook } from '../../src/write/template-workbook.js';
import { fillTemplate } from '../helpers/fill-template.js';
import { builtinForm } from '../helpers/form.js';

const form = builtinForm();

describe('the JSON report, streamed', () => {
  it('its pieces join to exactly the pretty-printed report, with files or without', async () => {
    const filled = await fillTemplate(await writeTemplateWorkbook(form), [[{ unit: 'Sở Tư pháp', total: 78, registered: 75, reason: 'Mới tuyển' }]]);
    const results = [await checkFileBytes('a.xlsx', filled, form), await checkFileBytes('b.xlsx', new Uint8Array([1]), form)];
    const summary = consolidate(results, form);
    for (const files of [results, []]) {
      const whole = `${JSON.stringify(buildJsonReport(form, files, summary, 'tong-hop.xlsx', 'vi'), null, 2)}\n`;
      expect([...jsonReportChunks(form, files, summary, 'tong-hop.xlsx', 'vi')].join('')).toBe(whole);
    }
  });
});

describe('the console report', () => {
  it('never passes control characters from a unit’s file to the terminal', async () => {
    const { printable } = await import('../../src/cli/report-text.js');
    expect(printable('Trường\u001b[2J THPT\u0007 A\tB\nC\u009b')).toBe('Trường\ufffd[2J THPT\ufffd A\tB\nC\ufffd');
  });
});
