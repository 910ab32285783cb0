import { looseKey, matchKey } from '../locate/normalize.js';
import type { RosterSpec } from './roster-spec.js';

/**
 * Unit names as a clerk compares them: "Trường THPT Trần Phú", "THPT Trần Phú"
 * and "Trường Trung học phổ thông Trần Phú" are one unit.
 */
export interface UnitNameKeys {
  /** Diacritics kept, equivalences applied. */
  exact: string;
  /** Without diacritics, for names typed without them (file names). */
  loose: string;
  tokens: Set<string>;
  looseTokens: Set<string>;
}

export function unitNameNormaliser(spec: RosterSpec): (name: string) => UnitNameKeys {
  const equivalences = spec.equivalences.map(([from, to]) => [matchKey(from), matchKey(to)] as const).sort((a, b) => b[0].length - a[0].length);
  const dropped = new Set(spec.dropWords.map(matchKey));
  return (name) => {
    let key = ` ${matchKey(name.replace(/&/g, ' '))} `;
    for (const [from, to] of equivalences) key = key.split(` ${from} `).join(` ${to} `);
    const words = key.trim().split(' ').filter((w) => w && !dropped.has(w));
    const exact = words.join(' ');
    // matchKey writes a syllable's tone as a digit after it; without diacritics, the tone goes too.
    const loose = looseKey(exact.replace(/(\p{L})[1-5](?=\s|$)/gu, '$1'));
    return { exact, loose, tokens: new Set(words), looseTokens: new Set(loose.split(' ').filter(Boolean)) };
  };
}

/** Dice coefficient of two token sets: 1 for the same words, 0 for none shared. */
export function tokenSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function containsAll(container: Set<string>, contained: Set<string>): boolean {
  if (contained.size === 0) return false;
  for (const t of contained) if (!container.has(t)) return false;
  return true;
}
