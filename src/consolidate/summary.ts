import type { FormSpec } from '../form/schema.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RowValue } from '../locate/extract.js';
import { countsTowardTotals, type FileResult } from '../pipeline/file-result.js';
import { applyRoster } from './apply-roster.js';
import { completeness, type Completeness } from './completeness.js';
import { analyseReasons, type ReasonAnalysis } from './reasons.js';
import { resolveResubmissions } from './resubmissions.js';
import type { Roster } from './roster.js';
import type { RosterSpec } from './roster-spec.js';

/** Where a table's rows came from: one object for all the rows of one file's table. */
export interface RowSource {
  file: string;
  sheet: string;
  reportingUnit: string | null;
  sha256: string | null;
}

export interface SummaryRow {
  values: Record<string, RowValue>;
  /** The roster group of the unit that sent the row ("Khối THPT", "Quận Lê Chân"), when the roster has groups. */
  group: string | null;
  /** numerator / denominator of the form's rate, as a fraction; null when the denominator is 0. */
  rate: number | null;
  source: RowSource;
  /** One-based row of `source.sheet`. */
  sourceRow: number;
}

export interface SummaryTable {
  tableId: string;
  rows: SummaryRow[];
  /** Count column key → sum over the rows. */
  totals: Record<string, number>;
  rate: number | null;
}

export interface ReasonEntry {
  tableId: string;
  unit: string;
  reason: string;
  count: number | null;
  file: string;
}

export interface Summary {
  formId: string;
  formVersion: number;
  files: FileResult[];
  tables: SummaryTable[];
  reasons: ReasonEntry[];
  /** Same reasons gathered, and reasons sorted into the form's categories. */
  reasonAnalysis: ReasonAnalysis;
  diagnostics: Diagnostic[];
  completeness: Completeness | null;
  /** Roster groups in roster order, when the roster has groups. */
  groups: string[];
}

export interface ConsolidateOptions {
  strict: boolean;
  roster?: { roster: Roster; spec: RosterSpec } | null;
  /** YYYY-MM-DD */
  deadline?: string | null;
}

/** Merges the files that count into one table per form table, in a stable order. */
export function consolidate(results: FileResult[], form: FormSpec, options: ConsolidateOptions = { strict: false }): Summary {
  const sorted = [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const roster = options.roster ?? null;
  const matched = roster ? applyRoster(sorted, roster.roster, roster.spec, form, options) : sorted;
  const files = resolveResubmissions(matched, form, options);
  const groupOf = new Map((roster?.roster.units ?? []).map((u) => [u.name, u.group]));
  const counted = files.filter(countsTowardTotals);
  const { rate, unitColumn, reasonColumn, countOfReason } = form.summary;
  const tables = form.tables.map((spec): SummaryTable => {
    const countKeys = spec.columns.filter((c) => c.type === 'count').map((c) => c.key);
    const rows: SummaryRow[] = counted.flatMap((result) => {
      const table = result.tables[spec.id];
      if (!table) return [];
      const source: RowSource = { file: result.file, sheet: table.sheet, reportingUnit: result.unit, sha256: result.sha256 };
      const group = result.rosterUnit ? (groupOf.get(result.rosterUnit) ?? null) : null;
      return table.rows.map((row) => ({
        values: row.values,
        group,
        rate: rateOf(row.values[rate.numerator], row.values[rate.denominator]),
        source,
        sourceRow: row.sheetRow,
      }));
    });
    const totals = Object.fromEntries(countKeys.map((key) => [key, rows.reduce((sum, r) => sum + numberOr0(r.values[key]), 0)]));
    return { tableId: spec.id, rows, totals, rate: rateOf(totals[rate.numerator] ?? null, totals[rate.denominator] ?? null) };
  });
  const reasons = tables.flatMap((table) =>
    table.rows
      .filter((r) => typeof r.values[reasonColumn] === 'string' && r.values[reasonColumn] !== '')
      .map((r) => ({
        tableId: table.tableId,
        unit: String(r.values[unitColumn] ?? r.source.reportingUnit ?? ''),
        reason: String(r.values[reasonColumn]),
        count: typeof r.values[countOfReason] === 'number' ? (r.values[countOfReason] as number) : null,
        file: r.source.file,
      })),
  );
  return {
    formId: form.id,
    formVersion: form.version,
    files,
    tables,
    reasons,
    reasonAnalysis: analyseReasons(reasons, form),
    diagnostics: files.flatMap((f) => f.diagnostics),
    completeness: roster ? completeness(roster.roster, files, options.deadline ?? null) : null,
    groups: roster?.roster.hasGroups ? [...new Set(roster.roster.units.map((u) => u.group).filter((g): g is string => g !== null))] : [],
  };
}

function numberOr0(value: RowValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

function rateOf(numerator: RowValue | undefined, denominator: RowValue | undefined): number | null {
  if (typeof numerator !== 'number' || typeof denominator !== 'number' || denominator === 0) return null;
  return numerator / denominator;
}
