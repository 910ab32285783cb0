import type { Grid } from '../read/grid.js';
import { matchKey } from '../locate/normalize.js';
import { cellText } from '../locate/sheet-view.js';
import type { RosterSpec } from './roster-spec.js';
import { unitNameNormaliser } from './unit-names.js';

export interface RosterUnit {
  name: string;
  code: string | null;
  group: string | null;
  /** null when the roster does not say. */
  hasStudents: boolean | null;
  contact: string | null;
  /** One-based row in the roster file. */
  row: number;
}

export interface Roster {
  units: RosterUnit[];
  hasGroups: boolean;
}

export type RosterProblem =
  | { code: 'roster-no-name-column'; headers: string[] }
  | { code: 'roster-empty' }
  | { code: 'roster-duplicate-unit'; name: string; rows: number[] };

type ColumnKey = keyof RosterSpec['columns'];

/** A roster from the first sheet of a workbook or CSV, its columns found by their headers. */
export function parseRoster(grid: Grid, spec: RosterSpec): { roster: Roster; problems: [] } | { roster: null; problems: RosterProblem[] } {
  const sheet = grid.sheets.find((s) => !s.hidden);
  const rows = sheet?.rows ?? [];
  const headerIndex = rows.findIndex((row) => columnsOf(row?.map(cellText) ?? [], spec).name !== undefined);
  if (headerIndex < 0) {
    const headers = (rows.find((r) => r?.some((c) => cellText(c) !== '')) ?? []).map(cellText).filter(Boolean);
    return { roster: null, problems: [{ code: 'roster-no-name-column', headers }] };
  }
  const columns = columnsOf(rows[headerIndex]!.map(cellText), spec);
  const yes = new Set(spec.yes.map(matchKey));
  const no = new Set(spec.no.map(matchKey));
  const units: RosterUnit[] = [];
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const text = (key: ColumnKey) => {
      const col = columns[key];
      return col === undefined ? '' : cellText(rows[r]?.[col]);
    };
    const name = text('name');
    if (!name) continue;
    const flag = matchKey(text('hasStudents'));
    units.push({
      name,
      code: text('code') || null,
      group: text('group') || null,
      hasStudents: columns.hasStudents === undefined ? null : yes.has(flag) ? true : no.has(flag) ? false : null,
      contact: text('contact') || null,
      row: r + 1,
    });
  }
  if (units.length === 0) return { roster: null, problems: [{ code: 'roster-empty' }] };
  const duplicates = findDuplicates(units, spec);
  if (duplicates.length) return { roster: null, problems: duplicates };
  return { roster: { units, hasGroups: units.some((u) => u.group !== null) }, problems: [] };
}

function columnsOf(headers: string[], spec: RosterSpec): Partial<Record<ColumnKey, number>> {
  const found: Partial<Record<ColumnKey, number>> = {};
  const ignored = new Set(spec.ignored.map(matchKey));
  headers.forEach((header, col) => {
    const key = matchKey(header);
    if (!key || ignored.has(key)) return;
    for (const [column, aliases] of Object.entries(spec.columns) as [ColumnKey, string[]][]) {
      if (found[column] === undefined && aliases.some((a) => matchKey(a) === key)) {
        found[column] = col;
        return;
      }
    }
  });
  return found;
}

function findDuplicates(units: RosterUnit[], spec: RosterSpec): RosterProblem[] {
  const normalise = unitNameNormaliser(spec);
  const seen = new Map<string, RosterUnit[]>();
  for (const unit of units) {
    const key = normalise(unit.name).exact;
    seen.set(key, [...(seen.get(key) ?? []), unit]);
  }
  return [...seen.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({ code: 'roster-duplicate-unit' as const, name: group[0]!.name, rows: group.map((u) => u.row) }));
}
