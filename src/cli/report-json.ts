import type { Summary } from '../consolidate/summary.js';
import type { FormSpec } from '../form/schema.js';
import { messageContext, renderMessage, type Language } from '../diagnostics/render.js';
import type { MessageContext } from '../diagnostics/messages/context.js';
import type { FileResult } from '../pipeline/file-result.js';

/** The version-1 JSON report of DESIGN.md: a contract for scripts, changed only by adding fields. */
export interface JsonReport {
  version: 1;
  form: string;
  files: JsonFile[];
  totals: Record<string, Record<string, number>> | null;
  roster: JsonRoster | null;
  output: string | null;
}

export interface JsonRoster {
  expected: number;
  submitted: number;
  accepted: number;
  missing: string[];
  rejected: string[];
  notInRoster: string[];
  reportingRate: number;
  deadline: string | null;
  late: string[];
  units: { unit: string; code: string | null; group: string | null; state: string; file: string | null; superseded: string[]; date: string | null; dateSource: string | null; onTime: boolean | null }[];
}

export interface JsonFile {
  file: string;
  status: FileResult['status'];
  unit: string | null;
  rosterUnit: string | null;
  supersededBy: string | null;
  tables: Record<string, { sheet: string; rows: Record<string, string | number | null>[] } | null>;
  diagnostics: { code: string; severity: string; table: string | null; sheet: string | null; cell: string | null; row: number | null; message: string }[];
  sha256: string | null;
}

export function buildJsonReport(
  form: FormSpec,
  results: FileResult[],
  summary: Summary | null,
  output: string | null,
  language: Language,
): JsonReport {
  const context = messageContext(form);
  const files = results.map((result) => jsonFile(result, form, context, language));
  const totals = summary ? Object.fromEntries(summary.tables.map((t) => [t.tableId, t.totals])) : null;
  const c = summary?.completeness ?? null;
  const roster: JsonRoster | null = c && {
    expected: c.expected,
    submitted: c.submitted,
    accepted: c.accepted,
    missing: c.missing,
    rejected: c.rejectedUnits,
    notInRoster: c.notInRoster,
    reportingRate: Math.round(c.reportingRate * 1000) / 1000,
    deadline: c.deadline,
    late: c.late,
    units: c.units.map((u) => ({
      unit: u.unit.name,
      code: u.unit.code,
      group: u.unit.group,
      state: u.state,
      file: u.file,
      superseded: u.superseded,
      date: u.date,
      dateSource: u.dateSource,
      onTime: u.onTime,
    })),
  };
  return { version: 1, form: form.id, files, totals, roster, output };
}

/** One file's entry of the report. */
export function jsonFile(result: FileResult, form: FormSpec, context: MessageContext, language: Language): JsonFile {
  const unitKey = form.summary.unitColumn;
  return {
      file: result.file,
      status: result.status,
      unit: result.unit,
      rosterUnit: result.rosterUnit,
      supersededBy: result.supersededBy,
      tables: Object.fromEntries(
        form.tables.map((spec) => {
          const table = result.tables[spec.id];
          if (!table) return [spec.id, null];
          const rows = table.rows.map((row) => {
            const values: Record<string, string | number | null> = {};
            for (const column of spec.columns) if (column.type !== 'ordinal') values[column.key] = row.values[column.key] ?? null;
            return { ...values, cell: row.cells[unitKey] ?? null, row: row.sheetRow };
          });
          return [spec.id, { sheet: table.sheet, rows }];
        }),
      ),
      diagnostics: result.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        table: d.location.table ?? null,
        sheet: d.location.sheet ?? null,
        cell: d.location.cell ?? null,
        row: d.location.row ?? null,
        message: renderMessage(d, language, context),
      })),
      sha256: result.sha256,
    };
}

/** What JSON.stringify({ files: [entry] }, null, 2) puts around the entry. */
const NESTED_HEAD = '{\n  "files": [\n';
const NESTED_TAIL = '\n  ]\n}';

/**
 * The report as text pieces, one file at a time, so a report on ten thousand
 * files is never one string in memory. Joined, the pieces are exactly
 * JSON.stringify(buildJsonReport(…), null, 2).
 */
export function* jsonReportChunks(form: FormSpec, results: FileResult[], summary: Summary | null, output: string | null, language: Language): Generator<string> {
  const context = messageContext(form);
  const [before, after] = JSON.stringify(buildJsonReport(form, [], summary, output, language), null, 2).split('"files": []') as [string, string];
  yield `${before}"files": [`;
  for (const [i, result] of results.entries()) {
    // Stringified where it stands in the report, so it comes out indented as it must be, with no pass to re-indent it.
    const nested = JSON.stringify({ files: [jsonFile(result, form, context, language)] }, null, 2);
    yield `${i ? ',' : ''}\n${nested.slice(NESTED_HEAD.length, -NESTED_TAIL.length)}`;
  }
  yield `${results.length ? '\n  ' : ''}]${after}\n`;
}
