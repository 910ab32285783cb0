import { DEFAULT_SEVERITY, type Code, type ParamsByCode, type Severity } from './codes.js';

export interface Location {
  file: string;
  sheet?: string;
  table?: string;
  /** A1 address as Excel shows it. */
  cell?: string;
  /** One-based sheet row. */
  row?: number;
}

export type Diagnostic = {
  [C in Code]: { code: C; severity: Severity; location: Location; params: ParamsByCode[C] };
}[Code];

export type DiagnosticOf<C extends Code> = Extract<Diagnostic, { code: C }>;

/** The one helper that builds every problem, so severities come from one table. */
export function diagnostic<C extends Code>(code: C, location: Location, params: ParamsByCode[C]): DiagnosticOf<C> {
  return { code, severity: DEFAULT_SEVERITY[code], location, params } as DiagnosticOf<C>;
}

/** `--strict`: warnings count as errors. Applied once, at the end. */
export function applySeverityPolicy(diagnostics: Diagnostic[], options: { strict: boolean }): Diagnostic[] {
  if (!options.strict) return diagnostics;
  return diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d));
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    (a.location.sheet ?? '').localeCompare(b.location.sheet ?? '') ||
    (a.location.row ?? 0) - (b.location.row ?? 0) ||
    cellColumnOrder(a.location.cell) - cellColumnOrder(b.location.cell) ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.code.localeCompare(b.code)
  );
}

function cellColumnOrder(cell: string | undefined): number {
  if (!cell) return -1;
  const letters = /^[A-Z]+/.exec(cell)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}
