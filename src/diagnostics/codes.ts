/**
 * Every problem the tool can report. Codes are stable and published: once a
 * code is released it is never renamed, only added to.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface ParamsByCode {
  // file level: the file as a whole could not be used
  'file-empty': Record<string, never>;
  'file-too-large': { actual: number; limit: number };
  'file-corrupt-zip': { detail: string };
  'file-zip-too-many-entries': { actual: number; limit: number };
  'file-zip-bomb': { entry: string; limit: number };
  'file-zip-bad-entry-name': { entry: string };
  'file-too-many-cells': { limit: number };
  'file-xml-doctype': { entry: string };
  'file-corrupt-xml': { entry: string; detail: string };
  'file-not-workbook': { detail: string };
  'file-unsupported-compression': { entry: string; method: number };
  'file-not-spreadsheet': { kind: string };
  'file-encrypted': Record<string, never>;
  'file-unsupported-format': { format: string };
  'file-unreadable': { detail: string };
  'file-timeout': { seconds: number };
  'file-out-of-memory': { megabytes: number };
  'file-skipped-lock': Record<string, never>;
  'file-skipped-hidden': Record<string, never>;
  // sheet level
  'sheet-legacy-encoding': { encoding: string; cells: number };
  // table level
  'table-not-found': { table: string; label: string };
  'table-empty': { table: string; label: string };
  // header level
  'header-missing-column': { table: string; column: string; header: string; found: string[] };
  'header-extra-column': { table: string; header: string };
  // row level
  'row-missing-unit': { table: string };
  'row-registered-exceeds-total': { table: string; unit: string; registered: number; total: number };
  'row-unregistered-mismatch': { table: string; unit: string; actual: number; expected: number; total: number; registered: number };
  'row-unregistered-computed': { table: string; unit: string; value: number };
  'row-missing-reason': { table: string; unit: string; unregistered: number };
  'row-totals-mismatch': { table: string; column: string; actual: number; expected: number };
  'row-subtotal-mismatch': { table: string; column: string; label: string; actual: number; expected: number };
  // cell level
  'cell-missing-count': { table: string; column: string };
  'cell-not-a-number': { table: string; column: string; text: string };
  'cell-negative': { table: string; column: string; value: number };
  'cell-not-integer': { table: string; column: string; value: number };
  'cell-number-as-text': { table: string; column: string; text: string; value: number };
  'cell-error-value': { table: string; column: string; error: string };
  'cell-formula-no-result': { table: string; column: string; formula: string };
  'cell-formula-evaluated': { table: string; column: string; formula: string; value: number };
  // unit level: across files
  'unit-superseded': { unit: string; newer: string };
  'unit-resubmission-differs': { unit: string; older: string; changes: { table: string; column: string; before: number; after: number }[] };
  'unit-uncertain-match': { found: string; suggested: string };
  'unit-not-in-roster': { unit: string };
  'unit-missing-table': { unit: string; table: string };
}

export type Code = keyof ParamsByCode;

export const DEFAULT_SEVERITY: { [C in Code]: Severity } = {
  'file-empty': 'error',
  'file-too-large': 'error',
  'file-corrupt-zip': 'error',
  'file-zip-too-many-entries': 'error',
  'file-zip-bomb': 'error',
  'file-zip-bad-entry-name': 'error',
  'file-too-many-cells': 'error',
  'file-xml-doctype': 'error',
  'file-corrupt-xml': 'error',
  'file-not-workbook': 'error',
  'file-unsupported-compression': 'error',
  'file-not-spreadsheet': 'error',
  'file-encrypted': 'error',
  'file-unsupported-format': 'error',
  'file-unreadable': 'error',
  'file-timeout': 'error',
  'file-out-of-memory': 'error',
  'file-skipped-lock': 'info',
  'file-skipped-hidden': 'info',
  'sheet-legacy-encoding': 'info',
  'table-not-found': 'error',
  'table-empty': 'error',
  'header-missing-column': 'error',
  'header-extra-column': 'info',
  'row-missing-unit': 'error',
  'row-registered-exceeds-total': 'error',
  'row-unregistered-mismatch': 'error',
  'row-unregistered-computed': 'info',
  'row-missing-reason': 'warning',
  'row-totals-mismatch': 'error',
  'row-subtotal-mismatch': 'error',
  'cell-missing-count': 'error',
  'cell-not-a-number': 'error',
  'cell-negative': 'error',
  'cell-not-integer': 'error',
  'cell-number-as-text': 'warning',
  'cell-error-value': 'error',
  'cell-formula-no-result': 'error',
  'cell-formula-evaluated': 'info',
  'unit-superseded': 'info',
  'unit-resubmission-differs': 'warning',
  'unit-uncertain-match': 'warning',
  'unit-not-in-roster': 'warning',
  'unit-missing-table': 'warning',
};

export const ALL_CODES = Object.keys(DEFAULT_SEVERITY) as Code[];
