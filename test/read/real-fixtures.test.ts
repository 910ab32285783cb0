import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFileBytes } from '../../src/pipeline/check-file.js';
import { ROOT } from '../helpers/cli.js';
import { builtinForm } from '../helpers/form.js';

/**
 * Every workbook under fixtures/real/ was written by a real program
 * (openpyxl, LibreOffice Calc, Gnumeric, iconv) as units retype the form.
 * Each must be read to exactly its expected rows and diagnostic codes.
 */
interface ExpectedRow {
  unit: string | null;
  total: number | null;
  registered: number | null;
  unregistered: number | null;
  reason: string | null;
  row: number;
}
interface ExpectedFile {
  file: string;
  variant: string;
  status: string;
  tables: Record<string, { sheet: string | null; rows: ExpectedRow[] } | null>;
  problems: { code: string; cell: string | null; row?: number; sheet?: string | null }[];
  optionalProblems?: { code: string; cell: string | null }[];
}

const form = builtinForm();
const expected: { files: ExpectedFile[] } = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/expected/real.json'), 'utf8'));
const KEYS = ['unit', 'total', 'registered', 'unregistered', 'reason'] as const;

describe('fixtures/real: each variant read to exactly its rows and codes', () => {
  it.each(expected.files.map((f) => [f.file, f] as const))('%s', async (file, want) => {
    const result = await checkFileBytes(file, new Uint8Array(readFileSync(path.join(ROOT, 'fixtures/real', file))), form);
    for (const [tableId, table] of Object.entries(want.tables)) {
      const got = result.tables[tableId];
      if (!table || table.rows.length === 0) {
        expect([tableId, got?.rows.length ?? 0]).toEqual([tableId, 0]);
        continue;
      }
      expect(got, `${tableId} table`).not.toBeNull();
      const rows = got!.rows.map((r) => [r.sheetRow, ...KEYS.map((k) => r.values[k] ?? null)]);
      expect(rows).toEqual(table.rows.map((r) => [r.row, ...KEYS.map((k) => r[k] ?? null)]));
    }
    const problemCodes = result.diagnostics.filter((d) => d.severity !== 'info' || want.problems.some((p) => p.code === d.code));
    const optional = new Set((want.optionalProblems ?? []).map((p) => `${p.code}@${p.cell ?? ''}`));
    // A problem expected on a row (no cell) is met by a diagnostic anywhere on that row.
    const rowOnly = new Set(want.problems.filter((p) => !p.cell && p.row).map((p) => p.code));
    const key = (code: string, cell: string | null | undefined, row: number | null | undefined) => (rowOnly.has(code) ? `${code}@row${row ?? ''}` : `${code}@${cell ?? ''}`);
    const got = problemCodes
      .map((d) => key(d.code, d.location.cell, d.location.row))
      .filter((k) => !optional.has(k))
      .sort();
    expect(got).toEqual(want.problems.map((p) => key(p.code, p.cell, p.row)).sort());
    expect(result.status).toBe(want.status);
  });
});
