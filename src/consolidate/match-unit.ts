import type { Roster, RosterUnit } from './roster.js';
import type { RosterSpec } from './roster-spec.js';
import { containsAll, tokenSimilarity, unitNameNormaliser, type UnitNameKeys } from './unit-names.js';

export type UnitMatch =
  | { kind: 'certain'; unit: RosterUnit; hint: string }
  | { kind: 'uncertain'; unit: RosterUnit; hint: string; similarity: number }
  | { kind: 'none' };

const UNCERTAIN_THRESHOLD = 0.5;

export interface UnitMatcher {
  match(hints: string[]): UnitMatch;
}

/**
 * Finds the roster unit a file comes from, trying its name hints in order
 * (template identity, title block, single data row, file name). A close but
 * uncertain match is returned as such, never as certain.
 */
export function unitMatcher(roster: Roster, spec: RosterSpec): UnitMatcher {
  const normalise = unitNameNormaliser(spec);
  const units = roster.units.map((unit) => ({ unit, keys: normalise(unit.name) }));
  return {
    match(hints) {
      for (const hint of hints) {
        const certain = certainMatch(normalise(hint), units);
        if (certain) return { kind: 'certain', unit: certain, hint };
      }
      let best: { unit: RosterUnit; hint: string; similarity: number } | null = null;
      for (const hint of hints) {
        const keys = normalise(hint);
        for (const candidate of units) {
          const similarity = Math.max(tokenSimilarity(keys.tokens, candidate.keys.tokens), tokenSimilarity(keys.looseTokens, candidate.keys.looseTokens));
          if (!best || similarity > best.similarity) best = { unit: candidate.unit, hint, similarity };
        }
      }
      if (best && best.similarity >= UNCERTAIN_THRESHOLD) return { kind: 'uncertain', ...best };
      return { kind: 'none' };
    },
  };
}

function certainMatch(keys: UnitNameKeys, units: { unit: RosterUnit; keys: UnitNameKeys }[]): RosterUnit | null {
  const exact = units.filter((u) => u.keys.exact === keys.exact);
  if (exact.length === 1) return exact[0]!.unit;
  // Without diacritics only when the hint was typed without them: "Trần Phũ" is a different name from "Trần Phú".
  const typedWithoutDiacritics = keys.exact === keys.loose;
  const loose = typedWithoutDiacritics ? units.filter((u) => u.keys.loose === keys.loose) : [];
  if (loose.length === 1) return loose[0]!.unit;
  // "SỞ TƯ PHÁP THÀNH PHỐ HẢI PHÒNG" names the roster's "Sở Tư pháp": the most specific roster name wholly inside the hint.
  const contained = units
    .filter((u) => containsAll(keys.tokens, u.keys.tokens) || (typedWithoutDiacritics && containsAll(keys.looseTokens, u.keys.looseTokens)))
    .sort((a, b) => b.keys.tokens.size - a.keys.tokens.size);
  if (contained.length >= 1 && (contained.length === 1 || contained[0]!.keys.tokens.size > contained[1]!.keys.tokens.size)) {
    // A one-word roster name inside a long hint is too weak to be certain.
    if (contained[0]!.keys.tokens.size >= 2) return contained[0]!.unit;
  }
  return null;
}
