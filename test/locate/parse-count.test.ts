import { describe, expect, it } from 'vitest';
import { readCount, readCountText } from '../../src/locate/parse-count.js';
import { sheet } from '../helpers/grid.js';

describe('reading a count cell', () => {
  it.each([
    ['1.234', 1234],
    ['1,234', 1234],
    [' 56 ', 56],
    ['56\u00a0', 56],
    ['12 người', 12],
    ['1.234.567', 1234567],
    ['-', 0],
  ])('"%s" is %d typed as text', (text, value) => {
    expect(readCountText(text)).toEqual({ kind: 'number-as-text', value, text: text.replace(/\u00a0/g, ' ').trim() });
  });

  it.each(['1.5', 'khoảng 30', '30-40', 'x'])('"%s" is not a number', (text) => {
    expect(readCountText(text).kind).toBe('not-a-number');
  });

  it('blank text is blank', () => {
    expect(readCountText('  ')).toEqual({ kind: 'blank' });
  });

  it('uses a formula cached result, 0 included', () => {
    const s = sheet('S', [[1, 2, { f: 'A1+B1', v: 0 }]]);
    expect(readCount(s.rows[0]![2], s)).toEqual({ kind: 'number', value: 0 });
  });

  it('evaluates a formula saved without a result, and reports one it cannot', () => {
    const s = sheet('S', [[1, 2, { f: 'SUM(A1:B1)*2' }, { f: 'INDIRECT("A1")' }]]);
    expect(readCount(s.rows[0]![2], s)).toEqual({ kind: 'formula-evaluated', value: 6, formula: 'SUM(A1:B1)*2' });
    expect(readCount(s.rows[0]![3], s)).toEqual({ kind: 'formula-no-result', formula: 'INDIRECT("A1")' });
  });

  it('an error value is reported as such', () => {
    const s = sheet('S', [[{ error: '#REF!' }]]);
    expect(readCount(s.rows[0]![0], s)).toEqual({ kind: 'error-value', error: '#REF!' });
  });
});
