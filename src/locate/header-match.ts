import type { ColumnSpec, TableSpec } from '../form/schema.js';
import { headerKeys, looseKey, matchKey, memoise, withoutParentheses } from './normalize.js';

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
  /** A header text's exact comparison keys; memoised, since every row of every sheet is looked at and texts repeat. */
  exactKeysOf: (text: string) => string[];
  /** Its keys without diacritics. */
  looseKeysOf: (text: string) => string[];
  /**
   * Every loose key of every column. Texts whose exact keys are equal have
   * equal loose keys, so a text none of whose loose keys is here matches no
   * column: most texts (unit names, reasons) are turned away after the
   * cheaper half of the work.
   */
  anyLoose: Set<string>;
  /** Keys that only this table's headers have (e.g. its "total" column), to tell tables apart. */
  distinctive: Set<string>;
}

export function buildTableMatchers(tables: TableSpec[], abbreviations: Record<string, string> = {}): TableMatcher[] {
  const expand = abbreviationExpander(abbreviations);
  const variants = (text: string) => (text.includes('(') ? [text, withoutParentheses(text)] : [text]);
  const exactKeysOf = memoise((text: string) => variants(text).map((v) => expand(matchKey(v))));
  const looseKeysOf = memoise((text: string) => variants(text).map((v) => expand(looseKey(v))));
  const matchers = tables.map((table) => ({
    table,
    exactKeysOf,
    looseKeysOf,
    anyLoose: new Set<string>(),
    columns: table.columns.map((column) => {
      const exact = new Set<string>();
      const loose = new Set<string>();
      for (const text of [column.header, ...column.aliases]) {
        const keys = headerKeys(text);
        keys.exact.forEach((k) => exact.add(expand(k)));
        keys.loose.forEach((k) => loose.add(expand(k)));
      }
      return { key: column.key, column, exact, loose };
    }),
    distinctive: new Set<string>(),
  }));
  for (const m of matchers) {
    for (const c of m.columns) c.loose.forEach((k) => m.anyLoose.add(k));
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
  const loose = matcher.looseKeysOf(text);
  if (!loose.some((k) => matcher.anyLoose.has(k))) return undefined;
  const exact = matcher.exactKeysOf(text);
  const hit = matcher.columns.find((c) => exact.some((k) => c.exact.has(k)));
  if (hit) return hit;
  return matcher.columns.find((c) => loose.some((k) => c.loose.has(k)));
}

/** Replaces whole words: "tổng số cb cc vc nlđ" → "tổng số cán bộ công chức viên chức người lao động". Works on exact and loose keys alike. */
function abbreviationExpander(abbreviations: Record<string, string>): (key: string) => string {
  const words = new Map<string, string>();
  for (const [short, long] of Object.entries(abbreviations)) {
    words.set(matchKey(short), matchKey(long));
    words.set(looseKey(short), looseKey(long));
  }
  // Whole words only, as a word-by-word lookup would have it.
  for (const key of [...words.keys()]) if (key === '' || key.includes(' ')) words.delete(key);
  if (words.size === 0) return (key) => key;
  // One scan for any of the words between spaces: most keys have none and come back as they are.
  const escaped = [...words.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![^ ])(?:${escaped.join('|')})(?![^ ])`, 'gu');
  return (key) => key.replace(pattern, (word) => words.get(word) ?? word);
}
