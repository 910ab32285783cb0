import type { FormSpec, Rule, TableSpec } from '../form/schema.js';
import { diagnostic, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import type { ExtractedRow, ExtractedTable } from '../locate/extract.js';

/**
 * Applies the form's declarative rules to one extracted table. Returns the
 * rows with derived values filled in (a blank "not registered" is computed)
 * and every problem as a diagnostic located to its cell.
 */
export function validateTable(
  table: ExtractedTable,
  spec: TableSpec,
  form: FormSpec,
  file: string,
): { table: ExtractedTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (row: ExtractedRow, key: string | undefined): Location => ({
    file,
    sheet: table.sheet,
    table: table.tableId,
    row: row.sheetRow,
    ...(key && row.cells[key] ? { cell: row.cells[key] } : {}),
  });
  const unitKey = form.summary.unitColumn;
  const unitOf = (row: ExtractedRow) => String(row.values[unitKey] ?? `#${row.sheetRow}`);
  const present = new Set(Object.keys(table.rows[0]?.cells ?? {}));
  const derived = new Set(form.rules.flatMap((r) => (r.kind === 'difference' ? [r.column] : [])));
  const countKeys = spec.columns.filter((c) => c.type === 'count' && !derived.has(c.key)).map((c) => c.key);

  const rows = table.rows.map((row) => ({ ...row, values: { ...row.values }, unreadable: [...row.unreadable] }));
  for (const row of rows) {
    const usable = (key: string) => present.has(key) && !row.unreadable.includes(key);
    if (row.values[unitKey] === null && present.has(unitKey)) {
      diagnostics.push(diagnostic('row-missing-unit', at(row, unitKey), { table: table.tableId }));
    }
    for (const key of countKeys) {
      if (usable(key) && row.values[key] === null) {
        diagnostics.push(diagnostic('cell-missing-count', at(row, key), { table: table.tableId, column: key }));
        row.unreadable.push(key);
      }
    }
    for (const rule of form.rules) applyRowRule(rule, row, { table: table.tableId, unit: unitOf(row), at, usable, diagnostics });
  }

  const totalsRows = table.totalsRows.map((row) => ({ ...row, values: { ...row.values } }));
  for (const rule of form.rules) {
    if (rule.kind !== 'totals-match') continue;
    for (const totals of totalsRows) {
      for (const key of rule.columns) {
        const actual = totals.values[key];
        if (typeof actual !== 'number' || !present.has(key)) continue;
        if (rows.some((r) => r.unreadable.includes(key))) continue;
        const expected = rows.reduce((sum, r) => sum + (typeof r.values[key] === 'number' ? (r.values[key] as number) : 0), 0);
        if (actual !== expected) {
          diagnostics.push(diagnostic('row-totals-mismatch', at(totals, key), { table: table.tableId, column: key, actual, expected }));
        }
      }
    }
  }
  for (const rule of form.rules) {
    if (rule.kind !== 'totals-match') continue;
    for (const subtotal of table.subtotalRows) {
      const covered = rows.filter((r) => subtotal.covers?.includes(r.sheetRow));
      if (covered.length === 0) continue;
      for (const key of rule.columns) {
        const actual = subtotal.values[key];
        if (typeof actual !== 'number' || !present.has(key) || covered.some((r) => r.unreadable.includes(key))) continue;
        const expected = covered.reduce((sum, r) => sum + (typeof r.values[key] === 'number' ? (r.values[key] as number) : 0), 0);
        if (actual !== expected) {
          diagnostics.push(
            diagnostic('row-subtotal-mismatch', at(subtotal, key), { table: table.tableId, column: key, label: String(subtotal.values[unitKey] ?? ''), actual, expected }),
          );
        }
      }
    }
  }
  return { table: { ...table, rows, totalsRows }, diagnostics };
}

interface RuleContext {
  table: string;
  unit: string;
  at: (row: ExtractedRow, key: string | undefined) => Location;
  usable: (key: string) => boolean;
  diagnostics: Diagnostic[];
}

function applyRowRule(rule: Rule, row: ExtractedRow, ctx: RuleContext): void {
  const { values } = row;
  const number = (key: string): number | null => (ctx.usable(key) && typeof values[key] === 'number' ? (values[key] as number) : null);
  switch (rule.kind) {
    case 'non-negative-integer':
      for (const key of rule.columns) {
        const value = number(key);
        if (value === null) continue;
        if (value < 0) ctx.diagnostics.push(diagnostic('cell-negative', ctx.at(row, key), { table: ctx.table, column: key, value }));
        else if (!Number.isInteger(value)) ctx.diagnostics.push(diagnostic('cell-not-integer', ctx.at(row, key), { table: ctx.table, column: key, value }));
        else continue;
        row.unreadable.push(key);
      }
      return;
    case 'not-greater': {
      const value = number(rule.column);
      const limit = number(rule.limit);
      if (value !== null && limit !== null && value > limit) {
        ctx.diagnostics.push(diagnostic('row-registered-exceeds-total', ctx.at(row, rule.column), { table: ctx.table, unit: ctx.unit, registered: value, total: limit }));
      }
      return;
    }
    case 'difference': {
      const total = number(rule.minuend);
      const registered = number(rule.subtrahend);
      if (total === null || registered === null || row.unreadable.includes(rule.column)) return;
      const expected = total - registered;
      const actual = values[rule.column];
      if (actual === null || actual === undefined) {
        if (expected < 0) return;
        values[rule.column] = expected;
        if (actual === null) ctx.diagnostics.push(diagnostic('row-unregistered-computed', ctx.at(row, rule.column), { table: ctx.table, unit: ctx.unit, value: expected }));
      } else if (typeof actual === 'number' && actual !== expected && registered <= total) {
        ctx.diagnostics.push(
          diagnostic('row-unregistered-mismatch', ctx.at(row, rule.column), { table: ctx.table, unit: ctx.unit, actual, expected, total, registered }),
        );
      }
      return;
    }
    case 'required-when-positive': {
      const when = typeof values[rule.when] === 'number' ? (values[rule.when] as number) : null;
      if (when !== null && when > 0 && (values[rule.column] === null || values[rule.column] === undefined)) {
        ctx.diagnostics.push(diagnostic('row-missing-reason', ctx.at(row, rule.column), { table: ctx.table, unit: ctx.unit, unregistered: when }));
      }
      return;
    }
    case 'totals-match':
      return;
  }
}
