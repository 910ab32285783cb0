import { isErrorValue, type Cell, type Sheet } from '../read/grid.js';
import { evaluateFormula } from './formula.js';
import { cleanText } from './normalize.js';

/** What a count cell holds, before any rule looks at it. */
export type CountReading =
  | { kind: 'blank' }
  | { kind: 'number'; value: number }
  | { kind: 'number-as-text'; value: number; text: string }
  | { kind: 'formula-evaluated'; value: number; formula: string }
  | { kind: 'not-a-number'; text: string }
  | { kind: 'error-value'; error: string }
  | { kind: 'formula-no-result'; formula: string };

const DASHES = new Set(['-', '–', '—']);

export function readCount(cell: Cell | undefined, sheet: Sheet): CountReading {
  if (!cell) return { kind: 'blank' };
  const { value, formula } = cell;
  if (value === null) {
    if (!formula) return { kind: 'blank' };
    const evaluated = evaluateFormula(formula, sheet);
    if (evaluated === '') return { kind: 'blank' };
    if (typeof evaluated === 'number') return { kind: 'formula-evaluated', value: evaluated, formula };
    return { kind: 'formula-no-result', formula };
  }
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'not-a-number', text: String(value).toUpperCase() };
  if (isErrorValue(value)) return { kind: 'error-value', error: value.error };
  return readCountText(value);
}

/**
 * Numbers typed as text: "1.234" and "1,234" are thousands in Vietnamese
 * offices, "12 người" carries a unit word. "1.5" or "khoảng 30" could mean
 * several things and are refused rather than guessed.
 */
export function readCountText(raw: string): CountReading {
  const text = cleanText(raw);
  if (text === '') return { kind: 'blank' };
  if (DASHES.has(text)) return { kind: 'number-as-text', value: 0, text };
  const match = /^(\d{1,3}(?:[.,]\d{3})+|\d+)(?:\s*\p{L}[\p{L}\s.]*)?$/u.exec(text);
  if (!match) return { kind: 'not-a-number', text };
  const value = Number(match[1]!.replace(/[.,]/g, ''));
  return { kind: 'number-as-text', value, text };
}
