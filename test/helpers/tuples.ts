import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

/** Diagnostics flattened to comparable (sheet, cell, code) tuples, as frictionless tests do. */
export function tuples(diagnostics: readonly Diagnostic[], severities: string[] = ['error', 'warning', 'info']): [string, string, string][] {
  return diagnostics
    .filter((d) => severities.includes(d.severity))
    .map((d): [string, string, string] => [d.location.sheet ?? '', d.location.cell ?? '', d.code]);
}
