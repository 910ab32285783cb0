import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormSpecError, parseFormSpec } from '../../src/form/parse.js';
import { BUILTIN_FORM_PATH, builtinForm } from '../helpers/form.js';

describe('form spec', () => {
  it('the built-in spec carries the seed form headers exactly', () => {
    const form = builtinForm();
    const staff = form.tables.find((t) => t.id === 'staff')!;
    const students = form.tables.find((t) => t.id === 'students')!;
    expect(staff.required).toBe(true);
    expect(students.required).toBe(false);
    expect(staff.columns.map((c) => c.header)).toEqual([
      'TT',
      'ĐƠN VỊ',
      'Tổng số cán bộ, công chức, viên chức, người lao động (tính đến đơn vị/ bộ phân trực thuộc)',
      'Tổng số người đã đăng ký tài khoản',
      'Tổng số người chưa đăng ký tài khoản',
      'Nguyên nhân',
    ]);
    expect(students.columns.map((c) => c.header)[2]).toBe('Tổng số học sinh, sinh viên');
  });

  it('rejects a spec that is not JSON', () => {
    expect(() => parseFormSpec('{')).toThrow(FormSpecError);
  });

  it('names the path of each problem', () => {
    const spec = JSON.parse(readFileSync(BUILTIN_FORM_PATH, 'utf8'));
    spec.tables[0].columns[2].type = 'money';
    delete spec.version;
    expect(() => parseFormSpec(JSON.stringify(spec))).toThrow(/version.*tables\.0\.columns\.2\.type|tables\.0\.columns\.2\.type.*version/s);
  });

  it('refuses a rule that names a column a table lacks', () => {
    const spec = JSON.parse(readFileSync(BUILTIN_FORM_PATH, 'utf8'));
    spec.rules.push({ kind: 'not-greater', column: 'registered', limit: 'budget' });
    expect(() => parseFormSpec(JSON.stringify(spec))).toThrow(/budget/);
  });
});
