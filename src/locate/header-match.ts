import type { ColumnSpec, TableSpec } from '../form/schema.js';
import { headerKeys, looseKey, matchKey, withoutParentheses } from './normalize.js';

/** A column spec's header and aliases, reduced to comparison keys once per run. */
export interface ColumnMatcher {
  key: string;
  column: ColumnSpec;
  exact: Set<string>;
  loose: Set<string>;
}

export interface TableMatcher {
  table: TableSpec;
  columns: ColumnMatcher[];
  /** Keys that only this table's headers have (e.g. its "total" column), to tell tables apart. */
  distinctive: Set<string>;
}

export function buildTableMatchers(tables: TableSpec[]): TableMatcher[] {
  const matchers = tables.map((table) => ({
    table,
    columns: table.columns.map((column) => {
      const exact = new Set<string>();
      const loose = new Set<string>();
      for (const text of [column.header, ...column.aliases]) {
        const keys = headerKeys(text);
        keys.exact.forEach((k) => exact.add(k));
        keys.loose.forEach((k) => loose.add(k));
      }
      return { key: column.key, column, exact, loose };
    }),
    distinctive: new Set<string>(),
  }));
  for (const m of matchers) {
    for (const c of m.columns) {
      const elsewhere = matchers.some((other) => other !== m && other.columns.some((oc) => oc.key === c.key && sameKeys(oc, c)));
      if (!elsewhere) m.distinctive.add(c.key);
    }
  }
  return matchers;
}

function sameKeys(a: ColumnMatcher, b: ColumnMatcher): boolean {
  return a.exact.size === b.exact.size && [...a.exact].every((k) => b.exact.has(k));
}

/** Which of the table's columns a header text names, if any: exact keys first, then without diacritics. */
export function matchHeader(text: string, matcher: TableMatcher): ColumnMatcher | undefined {
  if (!text) return undefined;
  const variants = [text, withoutParentheses(text)];
  const exact = variants.map(matchKey);
  const hit = matcher.columns.find((c) => exact.some((k) => c.exact.has(k)));
  if (hit) return hit;
  const loose = variants.map(looseKey);
  return matcher.columns.find((c) => loose.some((k) => c.loose.has(k)));
}
