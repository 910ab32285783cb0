import { applySeverityPolicy, compareDiagnostics, countBySeverity, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FormSpec } from '../form/schema.js';
import { matchKey } from '../locate/normalize.js';
import { statusFromDiagnostics, type FileResult } from '../pipeline/file-result.js';

/**
 * When a unit sent several files, the newest counts (by the date written in
 * it, else the file's modification time) and the others are marked superseded,
 * so nothing is counted twice. A newer file whose figures differ is flagged.
 */
export function resolveResubmissions(results: FileResult[], form: FormSpec, options: { strict: boolean }): FileResult[] {
  const byUnit = new Map<string, FileResult[]>();
  for (const result of results) {
    if (result.status === 'skipped' || !result.unit) continue;
    const key = matchKey(result.rosterUnit ?? result.unit);
    byUnit.set(key, [...(byUnit.get(key) ?? []), result]);
  }
  const replaced = new Map<FileResult, FileResult>();
  for (const group of byUnit.values()) {
    if (group.length < 2) continue;
    const [newest, ...older] = [...group].sort(newestFirst);
    const added: Diagnostic[] = [];
    for (const old of older) {
      const note = diagnostic('unit-superseded', { file: old.file }, { unit: old.unit!, newer: newest!.file });
      replaced.set(old, withDiagnostics({ ...old, supersededBy: newest!.file }, [note]));
    }
    const previous = older[0]!;
    if (previous.status !== 'rejected') added.push(...differences(previous, newest!, form));
    replaced.set(newest!, withDiagnostics(newest!, applySeverityPolicy(added, options)));
  }
  return results.map((r) => replaced.get(r) ?? r);
}

function sortKey(r: FileResult): string {
  return `${r.documentDate ?? r.modifiedAt?.slice(0, 10) ?? ''}|${r.modifiedAt ?? ''}`;
}

function newestFirst(a: FileResult, b: FileResult): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka !== kb) return ka < kb ? 1 : -1;
  return a.file < b.file ? 1 : a.file > b.file ? -1 : 0;
}

function differences(older: FileResult, newer: FileResult, form: FormSpec): Diagnostic[] {
  const changes = form.tables.flatMap((spec) =>
    spec.columns
      .filter((c) => c.type === 'count')
      .map((column) => ({ table: spec.id, column: column.key, before: sum(older, spec.id, column.key), after: sum(newer, spec.id, column.key) }))
      .filter((change) => change.before !== change.after),
  );
  if (changes.length === 0) return [];
  return [diagnostic('unit-resubmission-differs', { file: newer.file }, { unit: newer.unit!, older: older.file, changes })];
}

function sum(result: FileResult, tableId: string, key: string): number {
  return (result.tables[tableId]?.rows ?? []).reduce((s, r) => s + (typeof r.values[key] === 'number' ? (r.values[key] as number) : 0), 0);
}

function withDiagnostics(result: FileResult, added: Diagnostic[]): FileResult {
  if (added.length === 0) return result;
  const diagnostics = [...result.diagnostics, ...added].sort(compareDiagnostics);
  return { ...result, diagnostics, status: statusFromDiagnostics(diagnostics), counts: countBySeverity(diagnostics) };
}
