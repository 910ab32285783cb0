import type { Code, ParamsByCode } from '../diagnostics/codes.js';
import type { Grid } from './grid.js';
import { sniffFormat, type SniffedFormat } from './sniff.js';
import { ReadFailure } from './xlsx/errors.js';
import type { ReadLimits } from './xlsx/limits.js';
import { readXlsx, type XlsxReadOptions } from './xlsx/read-xlsx.js';
import { readCsv } from './csv/read-csv.js';

export type ReadOutcome =
  | { ok: true; format: SniffedFormat; grid: Grid }
  | { ok: false; format: SniffedFormat; failure: FileFailure };

export type FileFailure = { [C in Code]: { code: C; params: ParamsByCode[C] } }[Code];

const NOT_SPREADSHEETS = new Set<SniffedFormat>(['docx', 'doc', 'pptx', 'pdf', 'image', 'html']);
const NOT_YET_READ = new Set<SniffedFormat>([]);

/**
 * Bytes → Grid, by what the bytes are rather than what the name says. Never
 * throws: whatever goes wrong becomes a failure with its diagnostic code.
 */
export async function readWorkbook(bytes: Uint8Array, limits?: Partial<ReadLimits>, options: XlsxReadOptions = {}): Promise<ReadOutcome> {
  let format: SniffedFormat = 'unknown';
  try {
    format = sniffFormat(bytes);
    if (format === 'xlsx') return { ok: true, format, grid: readXlsx(bytes, limits, options) };
    if (format === 'text') return { ok: true, format, grid: readCsv(bytes, limits) };
    if (format === 'xls' || format === 'ods' || format === 'xlsb') {
      // SheetJS is large: loaded only when a legacy file is actually met.
      const { readWithSheetJs } = await import('./sheetjs/read-sheetjs.js');
      return { ok: true, format, grid: readWithSheetJs(bytes, format, limits) };
    }
    return { ok: false, format, failure: failureFor(format) };
  } catch (error) {
    return { ok: false, format, failure: failureFromError(error) };
  }
}

function failureFor(format: SniffedFormat): FileFailure {
  if (format === 'empty') return { code: 'file-empty', params: {} };
  if (format === 'encrypted-ooxml') return { code: 'file-encrypted', params: {} };
  if (NOT_SPREADSHEETS.has(format)) return { code: 'file-not-spreadsheet', params: { kind: format } };
  if (NOT_YET_READ.has(format)) return { code: 'file-unsupported-format', params: { format: FORMAT_NAMES[format] ?? format } };
  return { code: 'file-not-workbook', params: { detail: format } };
}

const FORMAT_NAMES: Partial<Record<SniffedFormat, string>> = {
  xls: 'Excel 97–2003 (.xls)',
  xlsb: 'Excel Binary (.xlsb)',
  ods: 'OpenDocument (.ods)',
  text: 'CSV/text',
};

function failureFromError(error: unknown): FileFailure {
  if (error instanceof ReadFailure) return { code: error.code, params: error.params } as FileFailure;
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'file-unreadable', params: { detail: detail.slice(0, 200) } };
}
