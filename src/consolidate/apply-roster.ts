import { applySeverityPolicy, compareDiagnostics, countBySeverity, diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { FormSpec } from '../form/schema.js';
import { statusFromDiagnostics, type FileResult } from '../pipeline/file-result.js';
import { unitMatcher } from './match-unit.js';
import type { Roster } from './roster.js';
import type { RosterSpec } from './roster-spec.js';

/** Names each file's roster unit, and says so when the match is uncertain, absent, or the file lacks a table the roster expects. */
export function applyRoster(results: FileResult[], roster: Roster, spec: RosterSpec, form: FormSpec, options: { strict: boolean }): FileResult[] {
  const matcher = unitMatcher(roster, spec);
  return results.map((result) => {
    if (result.status === 'skipped' || result.unitHints.length === 0) return result;
    const match = matcher.match(result.unitHints);
    const added: Diagnostic[] = [];
    const at = { file: result.file };
    if (match.kind === 'none') {
      if (result.unit) added.push(diagnostic('unit-not-in-roster', at, { unit: result.unit }));
      return withAdded(result, null, added, options);
    }
    if (match.kind === 'uncertain') added.push(diagnostic('unit-uncertain-match', at, { found: match.hint, suggested: match.unit.name }));
    if (match.unit.hasStudents && result.status !== 'rejected') {
      for (const table of form.tables.filter((t) => !t.required)) {
        if (!result.tables[table.id]) added.push(diagnostic('unit-missing-table', { ...at, table: table.id }, { unit: match.unit.name, table: table.id }));
      }
    }
    return withAdded(result, match.unit.name, added, options);
  });
}

function withAdded(result: FileResult, rosterUnit: string | null, added: Diagnostic[], options: { strict: boolean }): FileResult {
  const diagnostics = [...result.diagnostics, ...applySeverityPolicy(added, options)].sort(compareDiagnostics);
  return { ...result, rosterUnit, diagnostics, status: statusFromDiagnostics(diagnostics), counts: countBySeverity(diagnostics) };
}
