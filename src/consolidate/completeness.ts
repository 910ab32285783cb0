import { countsTowardTotals, type FileResult } from '../pipeline/file-result.js';
import type { Roster, RosterUnit } from './roster.js';

export type UnitState = 'accepted' | 'warning' | 'rejected' | 'missing';

export interface UnitReturn {
  unit: RosterUnit;
  state: UnitState;
  /** The file that counts, or the newest rejected one. */
  file: string | null;
  /** Older files from the same unit that a newer one replaced. */
  superseded: string[];
  /** YYYY-MM-DD: the date written in the file, else its modification date. */
  date: string | null;
  dateSource: 'document' | 'modified' | null;
  /** null without a deadline or without a date. */
  onTime: boolean | null;
}

export interface Completeness {
  expected: number;
  submitted: number;
  accepted: number;
  rejected: number;
  missing: string[];
  rejectedUnits: string[];
  notInRoster: string[];
  /** Units that sent a usable file, over expected units. */
  reportingRate: number;
  deadline: string | null;
  late: string[];
  units: UnitReturn[];
}

/** Expected against actual, as aggregate reporting systems count it: who sent, who sent something usable, who is late. */
export function completeness(roster: Roster, files: FileResult[], deadline: string | null): Completeness {
  const units = roster.units.map((unit): UnitReturn => {
    const own = files.filter((f) => f.rosterUnit === unit.name && f.status !== 'skipped');
    const counted = own.find(countsTowardTotals) ?? null;
    const current = counted ?? own.find((f) => f.supersededBy === null) ?? null;
    const state: UnitState = counted ? (counted.status === 'warning' ? 'warning' : 'accepted') : own.length ? 'rejected' : 'missing';
    const { date, dateSource } = dateOf(current);
    return {
      unit,
      state,
      file: current?.file ?? null,
      superseded: own.filter((f) => f.supersededBy !== null).map((f) => f.file),
      date,
      dateSource,
      onTime: deadline && date ? date <= deadline : null,
    };
  });
  const seen = new Set(roster.units.map((u) => u.name));
  const notInRoster = [...new Set(files.filter((f) => f.status !== 'skipped' && f.rosterUnit === null && f.unit).map((f) => f.unit!))].filter((u) => !seen.has(u));
  const submitted = units.filter((u) => u.state !== 'missing').length;
  const accepted = units.filter((u) => u.state === 'accepted' || u.state === 'warning').length;
  return {
    expected: units.length,
    submitted,
    accepted,
    rejected: units.filter((u) => u.state === 'rejected').length,
    missing: units.filter((u) => u.state === 'missing').map((u) => u.unit.name),
    rejectedUnits: units.filter((u) => u.state === 'rejected').map((u) => u.unit.name),
    notInRoster: notInRoster.sort(),
    reportingRate: units.length ? accepted / units.length : 0,
    deadline,
    late: units.filter((u) => u.onTime === false).map((u) => u.unit.name),
    units,
  };
}

function dateOf(file: FileResult | null): { date: string | null; dateSource: UnitReturn['dateSource'] } {
  if (file?.documentDate) return { date: file.documentDate, dateSource: 'document' };
  if (file?.modifiedAt) return { date: localDate(new Date(file.modifiedAt)), dateSource: 'modified' };
  return { date: null, dateSource: null };
}

/** The calendar day where the clerk is: a file saved at 6 a.m. in Hải Phòng is that day's, whatever UTC says. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
