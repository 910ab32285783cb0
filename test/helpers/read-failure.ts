import { expect } from 'vitest';
import { cellAt, parseA1, type Cell, type Sheet } from '../../src/read/grid.js';
import { ReadFailure, type ReadFailureCode } from '../../src/read/xlsx/errors.js';

/** The cell at an A1 address, as the reader left it. */
export function at(sheet: Sheet, address: string): Cell | undefined {
  const { row, col } = parseA1(address)!;
  return cellAt(sheet, row, col);
}

/** The ReadFailure a read throws; anything else thrown, or nothing, fails the test. */
export function failureOf(run: () => unknown): ReadFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof ReadFailure) return error;
    throw error;
  }
  throw new Error('expected a ReadFailure');
}

export function expectFailure(run: () => unknown, code: ReadFailureCode): ReadFailure {
  const failure = failureOf(run);
  expect(failure.code).toBe(code);
  return failure;
}
