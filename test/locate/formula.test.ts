import { describe, expect, it } from 'vitest';
import { evaluateFormula } from '../../src/locate/formula.js';
import { sheet } from '../helpers/grid.js';

const s = sheet('S', [
  [10, 4, { f: 'A1-B1' }],
  [20, 5, { f: 'A2-B2' }],
  [undefined, undefined, undefined],
]);

describe('evaluateFormula', () => {
  it('does arithmetic with precedence and parentheses', () => {
    expect(evaluateFormula('1+2*3', s)).toBe(7);
    expect(evaluateFormula('(1+2)*3', s)).toBe(9);
    expect(evaluateFormula('-A1+B1', s)).toBe(-6);
  });

  it('sums ranges, following formulas without results', () => {
    expect(evaluateFormula('SUM(A1:A2)', s)).toBe(30);
    expect(evaluateFormula('SUM(C1:C2)', s)).toBe(21);
    expect(evaluateFormula('SUM($A$1:$B$2, 1)', s)).toBe(40);
  });

  it("evaluates the template's IF over blanks", () => {
    expect(evaluateFormula('IF(AND(A3="",B3=""),"",N(A3)-N(B3))', s)).toBe('');
    expect(evaluateFormula('IF(AND(A1="",B1=""),"",N(A1)-N(B1))', s)).toBe(6);
  });

  it('gives up on what it does not know', () => {
    expect(evaluateFormula('VLOOKUP(A1,B1:C2,2,0)', s)).toBeUndefined();
    expect(evaluateFormula('A1/0', s)).toBeUndefined();
    expect(evaluateFormula('Sheet2!A1', s)).toBeUndefined();
  });
});
