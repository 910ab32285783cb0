import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/pipeline/file-result.js';
import { shareRepeatedValues, StringPool } from '../../src/pipeline/slim.js';

function result(reason: string): FileResult {
  const row = (sheetRow: number) => ({
    sheetRow,
    values: { unit: `Tổ ${sheetRow}`, reason, total: 10, registered: 9, unregistered: 1 },
    cells: { unit: `B${sheetRow}` },
    unreadable: [] as string[],
  });
  return {
    file: 'a.xlsx', status: 'accepted', format: 'xlsx', unit: 'A', unitHints: [], rosterUnit: null, supersededBy: null,
    documentDate: null, modifiedAt: null, sha256: null, diagnostics: [], counts: { error: 0, warning: 0, info: 0 },
    tables: { staff: { tableId: 'staff', sheet: 'Sheet1', headerRow: 10, rows: [row(11), row(12)], totalsRows: [], subtotalRows: [] }, students: null },
  };
}

describe('shareRepeatedValues', () => {
  it('keeps every value and gives rows without unreadable cells one shared, frozen empty list', () => {
    const pool = new StringPool();
    const before = result('Nghỉ thai sản');
    const expected = structuredClone(before);
    const shared = shareRepeatedValues(before, pool);
    expect(shared).toEqual(expected);
    const [first, second] = shared.tables['staff']!.rows;
    expect(first!.unreadable).toBe(second!.unreadable);
    expect(Object.isFrozen(first!.unreadable)).toBe(true);
  });

  it('leaves lists of unreadable cells that are not empty alone', () => {
    const r = result('x');
    r.tables['staff']!.rows[0]!.unreadable = ['total'];
    shareRepeatedValues(r, new StringPool());
    expect(r.tables['staff']!.rows[0]!.unreadable).toEqual(['total']);
  });
});

describe('StringPool.shareCells', () => {
  it('gives rows of any file that name the same unit cell one frozen object, and leaves other cell maps as they are', () => {
    const pool = new StringPool();
    const a = pool.shareCells({ unit: 'B11' });
    expect(pool.shareCells({ unit: ['B', '11'].join('') })).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(pool.shareCells({ unit: 'B12' })).toEqual({ unit: 'B12' });
    expect(pool.shareCells({ unit: 'B12' })).not.toBe(a);
    const two = { unit: 'B11', total: 'C11' };
    expect(pool.shareCells(two)).toBe(two);
    expect(pool.shareCells({})).toEqual({});
  });
});

describe('StringPool', () => {
  it('returns the first copy of a text and stops remembering new texts at its limit', () => {
    const pool = new StringPool(2);
    expect(pool.share('a')).toBe('a');
    expect(pool.share('b')).toBe('b');
    expect(pool.share('c')).toBe('c');
    expect(pool.share(['a'].join(''))).toBe('a');
  });
});
