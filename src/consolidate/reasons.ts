import type { FormSpec } from '../form/schema.js';
import { cleanText, looseKey, matchKey } from '../locate/normalize.js';
import type { ReasonEntry } from './summary.js';

export interface ReasonGroup {
  /** The reason as first written. */
  text: string;
  units: string[];
  count: number;
}

export interface ReasonCategoryTotal {
  id: string;
  label: string;
  /** People not registered in rows whose reason falls in this category. */
  count: number;
  rows: number;
}

export interface ReasonAnalysis {
  groups: ReasonGroup[];
  categories: ReasonCategoryTotal[];
  /** People in rows whose reason matched no category. */
  uncategorised: number;
}

/** Same reasons gathered (after normalisation), and every reason sorted into the form's keyword categories. */
export function analyseReasons(reasons: ReasonEntry[], form: FormSpec): ReasonAnalysis {
  // Units as a set while gathering: a common reason comes from thousands of units.
  const groups = new Map<string, { text: string; units: Set<string>; count: number }>();
  // The same few texts come from thousands of rows: each is keyed once.
  const keyOfText = new Map<string, string>();
  for (const r of reasons) {
    let key = keyOfText.get(r.reason);
    if (key === undefined) keyOfText.set(r.reason, (key = matchKey(r.reason)));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { text: cleanText(r.reason), units: new Set(), count: 0 }));
    group.units.add(r.unit);
    group.count += r.count ?? 0;
  }
  // Keys padded with spaces once, so "includes" finds whole words only.
  const categories = form.reasonCategories.map((c) => ({
    id: c.id,
    label: c.label,
    keywords: c.keywords.map((k) => ({ exact: ` ${matchKey(k)} `, loose: ` ${looseKey(k)} ` })),
    count: 0,
    rows: 0,
  }));
  let uncategorised = 0;
  // …and sorted into categories once.
  const hitsByText = new Map<string, typeof categories>();
  const categoriesOf = (reason: string) => {
    // Every text was keyed while gathering.
    const exact = ` ${keyOfText.get(reason) ?? matchKey(reason)} `;
    // Compare without diacritics only when the unit typed none: "mang" must not match "mạng" in real Vietnamese.
    const loose = isAscii(reason) ? ` ${looseKey(reason)} ` : null;
    return categories.filter((c) => c.keywords.some((k) => exact.includes(k.exact) || (loose !== null && loose.includes(k.loose))));
  };
  for (const r of reasons) {
    let hits = hitsByText.get(r.reason);
    if (!hits) hitsByText.set(r.reason, (hits = categoriesOf(r.reason)));
    for (const c of hits) {
      c.count += r.count ?? 0;
      c.rows++;
    }
    if (hits.length === 0) uncategorised += r.count ?? 0;
  }
  return {
    groups: [...groups.values()].map((g): ReasonGroup => ({ text: g.text, units: [...g.units], count: g.count })).sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1)),
    categories: categories
      .map(({ id, label, count, rows }) => ({ id, label, count, rows }))
      .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1)),
    uncategorised,
  };
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 128) return false;
  return true;
}
