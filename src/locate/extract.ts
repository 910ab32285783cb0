import type { FormSpec, TableSpec } from '../form/schema.js';
import { a1 } from '../read/grid.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { looseKey, matchKey } from './normalize.js';
import { readCount } from './parse-count.js';
import { cellText } from './sheet-view.js';
import type { TableRegion } from './tables.js';

export type RowValue = number | string | null;

export interface ExtractedRow {
  /** One-based sheet row, as Excel shows it. */
  sheetRow: number;
  values: Record<string, RowValue>;
  /** Column key → A1 address of the cell the value came from. */
  cells: Record<string, string>;
  /** Columns whose cell could not be read as a value; rules skip them. */
  unreadable: string[];
  /** For a subtotal row: the sheet rows of the data rows it sums (those since the previous group heading or subtotal). */
  covers?: number[];
}

export interface ExtractedTable {
  tableId: string;
  sheet: string;
  headerRow: number;
  rows: ExtractedRow[];
  totalsRows: ExtractedRow[];
  subtotalRows: ExtractedRow[];
}

interface RowLabelKeys {
  totals: Set<string>;
  totalsPrefixes: string[];
  subtotalPrefixes: string[];
  footer: string[];
}

const LABEL_KEYS = new WeakMap<FormSpec, RowLabelKeys>();

/** Labels compared as typed, and again without diacritics for units that type none ("Tong cong", "Nguoi lap bieu"). Built once per form. */
export function rowLabelKeys(form: FormSpec): RowLabelKeys {
  let keys = LABEL_KEYS.get(form);
  if (!keys) {
    keys = buildRowLabelKeys(form);
    LABEL_KEYS.set(form, keys);
  }
  return keys;
}

function buildRowLabelKeys(form: FormSpec): RowLabelKeys {
  const both = (labels: string[]) => [...new Set([...labels.map(matchKey), ...labels.map(looseKey)])];
  return {
    totals: new Set(both(form.rowLabels.totals)),
    totalsPrefixes: both(form.rowLabels.totalsPrefixes),
    subtotalPrefixes: both(form.rowLabels.subtotalPrefixes),
    footer: both(form.rowLabels.footer),
  };
}


const startsWithWord = (key: string, prefix: string) => key === prefix || key.startsWith(`${prefix} `);

export function extractTable(
  region: TableRegion,
  table: TableSpec,
  labels: RowLabelKeys,
  unitKey: string,
  file: string,
): { table: ExtractedTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { view } = region;
  const extracted: ExtractedTable = {
    tableId: table.id,
    sheet: region.sheetName,
    headerRow: region.headerTop + 1,
    rows: [],
    totalsRows: [],
    subtotalRows: [],
  };
  const countColumns = table.columns.filter((c) => c.type === 'count' && c.key in region.columns);
  const textColumns = table.columns.filter((c) => c.type !== 'count' && c.key in region.columns);
  const labelColumns = table.columns.filter((c) => c.type !== 'count' && c.key in region.columns).map((c) => region.columns[c.key]!);

  let group: number[] = [];
  for (let row = region.dataStart; row < region.dataEnd; row++) {
    if (row === region.dataStart && isColumnNumberingRow(region, row)) continue;
    const hasCounts = countColumns.some((c) => cellText(view.own(row, region.columns[c.key]!)) !== '');
    const labelKey = matchKey(labelColumns.map((col) => view.text(row, col)).find((t) => t !== '') ?? '');
    if (!hasNumbers(region, countColumns.map((c) => region.columns[c.key]!), row) && isFooterRow(region, row, labels)) break;

    const kind = classify(labelKey, labels);
    if (kind === 'data' && !hasCounts && !looksLikeUnitWithoutFigures(region, table, unitKey, row)) {
      // A heading ("I. Khối THCS") starts a group: a subtotal below it sums only the rows after it.
      if (labelKey) group = [];
      continue;
    }

    const values: Record<string, RowValue> = {};
    const cells: Record<string, string> = {};
    const unreadable: string[] = [];
    for (const column of textColumns) {
      const col = region.columns[column.key]!;
      const text = view.text(row, col);
      values[column.key] = text === '' ? null : text;
      cells[column.key] = a1(row, col);
    }
    for (const column of countColumns) {
      const col = region.columns[column.key]!;
      cells[column.key] = a1(row, col);
      const location = { file, sheet: region.sheetName, table: table.id, cell: a1(row, col), row: row + 1 };
      const reading = readCount(view.own(row, col), view.sheet);
      const base = { table: table.id, column: column.key };
      switch (reading.kind) {
        case 'blank':
          values[column.key] = null;
          break;
        case 'number':
          values[column.key] = reading.value;
          break;
        case 'number-as-text':
          values[column.key] = reading.value;
          diagnostics.push(diagnostic('cell-number-as-text', location, { ...base, text: reading.text, value: reading.value }));
          break;
        case 'formula-evaluated':
          values[column.key] = reading.value;
          diagnostics.push(diagnostic('cell-formula-evaluated', location, { ...base, formula: reading.formula, value: reading.value }));
          break;
        case 'not-a-number':
          values[column.key] = null;
          unreadable.push(column.key);
          diagnostics.push(diagnostic('cell-not-a-number', location, { ...base, text: reading.text }));
          break;
        case 'error-value':
          values[column.key] = null;
          unreadable.push(column.key);
          diagnostics.push(diagnostic('cell-error-value', location, { ...base, error: reading.error }));
          break;
        case 'formula-no-result':
          values[column.key] = null;
          unreadable.push(column.key);
          diagnostics.push(diagnostic('cell-formula-no-result', location, { ...base, formula: reading.formula }));
          break;
      }
    }
    const extractedRow: ExtractedRow = { sheetRow: row + 1, values, cells, unreadable };
    if (kind === 'totals') extracted.totalsRows.push(extractedRow);
    else if (kind === 'subtotal') {
      extracted.subtotalRows.push({ ...extractedRow, covers: group });
      group = [];
    } else {
      extracted.rows.push(extractedRow);
      group.push(extractedRow.sheetRow);
    }
  }
  return { table: extracted, diagnostics };
}

function classify(labelKey: string, labels: RowLabelKeys): 'totals' | 'subtotal' | 'data' {
  if (!labelKey) return 'data';
  if (labels.totals.has(labelKey) || labels.totalsPrefixes.some((p) => startsWithWord(labelKey, p))) return 'totals';
  if (labels.subtotalPrefixes.some((p) => startsWithWord(labelKey, p))) return 'subtotal';
  return 'data';
}

function hasNumbers(region: TableRegion, cols: number[], row: number): boolean {
  return cols.some((col) => {
    const cell = region.view.own(row, col);
    return typeof cell?.value === 'number' || cell?.formula !== undefined;
  });
}

/** "Người lập biểu", "THỦ TRƯỞNG ĐƠN VỊ": the table is over. */
function isFooterRow(region: TableRegion, row: number, labels: RowLabelKeys): boolean {
  for (let col = 0; col < region.view.rowWidth(row); col++) {
    const key = matchKey(cellText(region.view.own(row, col)));
    if (key && labels.footer.some((f) => startsWithWord(key, f))) return true;
  }
  return false;
}

/**
 * A row with no figures is a heading ("2. Học sinh, sinh viên") unless it has
 * both an ordinal and a unit name in their own cells: then it is a unit whose
 * figures are missing, which must be reported, not skipped.
 */
function looksLikeUnitWithoutFigures(region: TableRegion, table: TableSpec, unitKey: string, row: number): boolean {
  const ordinalKey = table.columns.find((c) => c.type === 'ordinal')?.key;
  const ordinalCol = ordinalKey === undefined ? undefined : region.columns[ordinalKey];
  const unitCol = region.columns[unitKey];
  if (ordinalCol === undefined || unitCol === undefined) return false;
  const ordinal = region.view.shown(row, ordinalCol);
  const unit = region.view.shown(row, unitCol);
  if (ordinal.col === unit.col) return false;
  const name = cellText(unit.cell);
  // The form's own placeholder ("Sở/đơn vị/quận, huyện, trường THPT….") is not a unit.
  if (/…|\.\.\./.test(name)) return false;
  return cellText(ordinal.cell) !== '' && name !== '';
}

/** "A B 1 2 3 4" or "(1) (2) (3) (4) (5)=(3)-(4)" under the header: labels that count up, never figures. */
function isColumnNumberingRow(region: TableRegion, row: number): boolean {
  let tokens = 0;
  let previous: number | null = null;
  for (let col = 0; col < region.view.rowWidth(row); col++) {
    const text = cellText(region.view.own(row, col));
    if (!text) continue;
    const match = /^\(?\s*([0-9]{1,2}|[A-Za-z])\s*\)?(\s*=.*)?$/.exec(text);
    if (!match) return false;
    const n = Number(match[1]);
    if (!Number.isNaN(n)) {
      if (previous !== null && n !== previous + 1) return false;
      previous = n;
    }
    tokens++;
  }
  return tokens >= 3;
}
