import type { FormSpec } from '../form/schema.js';
import { applySeverityPolicy, compareDiagnostics, countBySeverity, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { extractTable, rowLabelKeys } from '../locate/extract.js';
import type { ExtractedTable } from '../locate/extract.js';
import { documentDate } from '../locate/document-date.js';
import { decodeLegacyGrid } from '../locate/legacy-grid.js';
import { locateTables } from '../locate/tables.js';
import { reportingUnit } from '../locate/unit-name.js';
import { a1, type Grid } from '../read/grid.js';
import { readWorkbook } from '../read/read-workbook.js';
import type { ReadLimits } from '../read/xlsx/limits.js';
import type { RawInflate } from '../read/xlsx/zip.js';
import { validateTable } from '../validate/rules.js';
import { fileStem } from './file-stem.js';
import { statusFromDiagnostics, type FileResult } from './file-result.js';

export { fileStem };

export interface CheckOptions {
  strict?: boolean;
  modifiedAt?: Date;
  /** The file's SHA-256 when the caller has a faster way to compute it than Web Crypto. */
  sha256?: string;
  limits?: Partial<ReadLimits>;
  /** A faster inflate than the core's pure-JavaScript one, when the host has it. */
  inflateRaw?: RawInflate;
}

/**
 * One file, bytes in, verdict out. Nothing thrown escapes: a file that breaks
 * any step becomes a rejected result with a diagnostic, and the run goes on.
 */
export async function checkFileBytes(file: string, bytes: Uint8Array, form: FormSpec, options: CheckOptions = {}): Promise<FileResult> {
  let diagnostics: Diagnostic[];
  let tables: Record<string, ExtractedTable | null> = Object.fromEntries(form.tables.map((t) => [t.id, null]));
  let unit: string | null = null;
  let unitHints: string[] = [];
  let date: string | null = null;
  let format: FileResult['format'] = null;
  try {
    // Fonts only serve legacy decoding (decodeLegacyGrid), which looks at no other cell.
    const outcome = await readWorkbook(bytes, options.limits, { inflateRaw: options.inflateRaw, fonts: 'for-legacy-text' });
    format = outcome.format;
    if (!outcome.ok) {
      unitHints = [fileStem(file)];
      diagnostics = [{ ...diagnostic(outcome.failure.code, { file }, outcome.failure.params as never) }];
    } else {
      const checked = checkGrid(file, outcome.grid, form);
      diagnostics = checked.diagnostics;
      tables = checked.tables;
      unit = checked.unit;
      unitHints = checked.unitHints;
      date = checked.documentDate;
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    diagnostics = [diagnostic('file-unreadable', { file }, { detail: detail.slice(0, 200) })];
  }
  diagnostics = applySeverityPolicy(diagnostics, { strict: options.strict ?? false }).sort(compareDiagnostics);
  return {
    file,
    status: statusFromDiagnostics(diagnostics),
    format,
    unit,
    unitHints,
    rosterUnit: null,
    supersededBy: null,
    documentDate: date,
    modifiedAt: options.modifiedAt?.toISOString() ?? null,
    sha256: options.sha256 ?? (await sha256Hex(bytes)),
    tables,
    diagnostics,
    counts: countBySeverity(diagnostics),
  };
}

/** Grid → tables, unit and diagnostics: the format-free heart of checking a file. */
export function checkGrid(
  file: string,
  source: Grid,
  form: FormSpec,
): { tables: Record<string, ExtractedTable | null>; unit: string; unitHints: string[]; documentDate: string | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tables: Record<string, ExtractedTable | null> = {};
  const legacy = decodeLegacyGrid(source);
  const grid = legacy.grid;
  for (const d of legacy.decoded) diagnostics.push(diagnostic('sheet-legacy-encoding', { file, sheet: d.sheet }, { encoding: d.encoding, cells: d.cells }));
  const { regions, identity } = locateTables(grid, form);
  const labels = rowLabelKeys(form);
  for (const spec of form.tables) {
    const region = regions.find((r) => r.tableId === spec.id);
    if (!region) {
      if (spec.required) diagnostics.push(diagnostic('table-not-found', { file, table: spec.id }, { table: spec.id, label: spec.label }));
      tables[spec.id] = null;
      continue;
    }
    const headerCell = (col: number) => ({ file, sheet: region.sheetName, table: spec.id, cell: a1(region.headerTop, col), row: region.headerTop + 1 });
    for (const key of region.missingColumns) {
      const column = spec.columns.find((c) => c.key === key)!;
      diagnostics.push(diagnostic('header-missing-column', headerCell(0), { table: spec.id, column: key, header: column.header, found: region.foundHeaders }));
    }
    for (const extra of region.extraColumns) {
      diagnostics.push(diagnostic('header-extra-column', headerCell(extra.col), { table: spec.id, header: extra.header }));
    }
    const extracted = extractTable(region, spec, labels, form.summary.unitColumn, file);
    diagnostics.push(...extracted.diagnostics);
    const validated = validateTable(extracted.table, spec, form, file);
    diagnostics.push(...validated.diagnostics);
    if (validated.table.rows.length === 0) {
      if (spec.required) diagnostics.push(diagnostic('table-empty', headerCell(0), { table: spec.id, label: spec.label }));
      tables[spec.id] = spec.required ? validated.table : null;
      continue;
    }
    tables[spec.id] = validated.table;
  }
  const { unit, hints } = reportingUnit(grid, form, identity, Object.values(tables).filter((t): t is ExtractedTable => t !== null), fileStem(file));
  return { tables, unit, unitHints: hints, documentDate: documentDate(grid, form), diagnostics };
}

/** Web Crypto, so the core runs unchanged in a browser. */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
