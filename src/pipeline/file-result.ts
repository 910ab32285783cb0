import type { Severity } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ExtractedTable } from '../locate/extract.js';
import type { SniffedFormat } from '../read/sniff.js';

export type FileStatus = 'accepted' | 'warning' | 'rejected' | 'skipped';

export interface FileResult {
  /** The path as the user gave it or as found under the folder. */
  file: string;
  status: FileStatus;
  format: SniffedFormat | null;
  unit: string | null;
  /** Names the file gives for its unit, most reliable first, for matching against a roster. */
  unitHints: string[];
  rosterUnit: string | null;
  supersededBy: string | null;
  /** The date written in the document ("ngày … tháng … năm …"), YYYY-MM-DD. */
  documentDate: string | null;
  /** The file's modification time, ISO 8601, when read from disk. */
  modifiedAt: string | null;
  /** SHA-256 of the file's bytes, hex: which exact file a figure came from. */
  sha256: string | null;
  /** Table id → its extracted, validated rows; null when the file has no such table. */
  tables: Record<string, ExtractedTable | null>;
  diagnostics: Diagnostic[];
  counts: Record<Severity, number>;
}

export function statusFromDiagnostics(diagnostics: readonly Diagnostic[]): FileStatus {
  if (diagnostics.some((d) => d.severity === 'error')) return 'rejected';
  if (diagnostics.some((d) => d.severity === 'warning')) return 'warning';
  return 'accepted';
}

/** Files whose figures count: accepted or warned, and not replaced by a newer file from the same unit. */
export function countsTowardTotals(result: FileResult): boolean {
  return (result.status === 'accepted' || result.status === 'warning') && result.supersededBy === null;
}
