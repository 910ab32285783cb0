import type { FormSpec } from '../form/schema.js';
import type { Grid } from '../read/grid.js';
import { buildTableMatchers, matchHeader, type TableMatcher } from './header-match.js';
import { IDENTITY_SHEET_NAME, readIdentity, type TemplateIdentity } from './identity.js';
import { matchKey } from './normalize.js';
import { viewSheet, type SheetView } from './sheet-view.js';

/** Where one of the form's tables sits in a workbook. */
export interface TableRegion {
  tableId: string;
  sheetIndex: number;
  sheetName: string;
  view: SheetView;
  /** Zero-based rows of the header; two when headers span two rows. */
  headerTop: number;
  headerBottom: number;
  /** Column key → zero-based column index, for the columns found. */
  columns: Record<string, number>;
  missingColumns: string[];
  extraColumns: { col: number; header: string }[];
  /** Every non-empty header text seen, for messages about missing columns. */
  foundHeaders: string[];
  /** Zero-based data rows [dataStart, dataEnd). */
  dataStart: number;
  dataEnd: number;
}

export interface LocateResult {
  regions: TableRegion[];
  identity: TemplateIdentity | null;
}

interface HeaderCandidate {
  view: SheetView;
  sheetIndex: number;
  headerTop: number;
  headerBottom: number;
  /** Per table id: column key → column index. */
  matches: Map<string, Map<string, number>>;
  headersByColumn: Map<number, string>;
}

const MIN_COUNT_COLUMNS = 2;

const MATCHERS = new WeakMap<FormSpec, TableMatcher[]>();

/** Built once per form and reused for every file, so their memoised header keys carry over. */
function matchersFor(form: FormSpec): TableMatcher[] {
  let matchers = MATCHERS.get(form);
  if (!matchers) {
    matchers = buildTableMatchers(form.tables, form.abbreviations);
    MATCHERS.set(form, matchers);
  }
  return matchers;
}

export function locateTables(grid: Grid, form: FormSpec): LocateResult {
  const identity = readIdentity(grid);
  const matchers = matchersFor(form);
  const candidates: HeaderCandidate[] = [];
  grid.sheets.forEach((sheet, sheetIndex) => {
    if (sheet.name === IDENTITY_SHEET_NAME) return;
    const view = viewSheet(sheet);
    candidates.push(...findHeaderRows(view, sheetIndex, matchers));
  });
  const assigned = assignTables(candidates, matchers, identity);
  const regions = assigned.map(({ candidate, matcher }) => toRegion(candidate, matcher, candidates));
  return { regions, identity };
}

function findHeaderRows(view: SheetView, sheetIndex: number, matchers: TableMatcher[]): HeaderCandidate[] {
  const found: HeaderCandidate[] = [];
  for (let row = 0; row < view.height; row++) {
    if (!mightBeHeader(view, row)) continue;
    const candidate = matchHeaderRow(view, sheetIndex, row, matchers);
    if (candidate) {
      found.push(candidate);
      row = candidate.headerBottom;
    }
  }
  return found;
}

/**
 * Cheap filter, because matching every text of every row costs more than
 * everything else in locating. A header names at least the unit column and
 * two count columns, so its row shows at least three cells with letters in
 * them, a merged cell counting once; or two, one of them a group header
 * merged across columns ("Số lượng") over a row of at least two more. Data
 * rows show two (unit and reason; TT numbers have no letters), title lines
 * one or two however wide their merges.
 */
function mightBeHeader(view: SheetView, row: number): boolean {
  if (!view.sheet.rows[row]) return false;
  const here = lettered(view, row);
  if (here.cells >= 3) return true;
  return here.cells === 2 && here.spansColumns && lettered(view, row + 1).cells >= 2;
}

/** Distinct cells showing letters in a row, and whether one of them is merged across columns. */
function lettered(view: SheetView, row: number): { cells: number; spansColumns: boolean } {
  let cells = 0;
  let spansColumns = false;
  let lastRow = -1;
  let lastCol = -1;
  for (let col = 0; col < view.rowWidth(row); col++) {
    const shown = view.shown(row, col);
    if (shown.row === lastRow && shown.col === lastCol) {
      spansColumns = true;
      continue;
    }
    const value = shown.cell?.value;
    if (typeof value === 'string' && hasLetter(value)) {
      cells++;
      lastRow = shown.row;
      lastCol = shown.col;
    }
  }
  return { cells, spansColumns };
}

function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i) | 0x20; // lower-case ASCII letters
    if ((code >= 97 && code <= 122) || code >= 0xc0) return true;
  }
  return false;
}

function matchHeaderRow(view: SheetView, sheetIndex: number, row: number, matchers: TableMatcher[]): HeaderCandidate | null {
  const matches = new Map<string, Map<string, number>>();
  const headersByColumn = new Map<number, string>();
  const hidden = new Set(view.sheet.hiddenColumns ?? []);
  let usedSecondRow = false;
  let usedTopRow = false;
  for (const matcher of matchers) {
    const columns = new Map<string, number>();
    const width = Math.max(view.rowWidth(row), view.rowWidth(row + 1));
    for (let col = 0; col < width; col++) {
      const { text, from } = headerTextAt(view, row, col, matcher);
      if (!text) continue;
      headersByColumn.set(col, text);
      const hit = matchHeader(text, matcher);
      if (!hit) continue;
      const earlier = columns.get(hit.key);
      // Two columns with one header: a visible one beats a hidden one (often last period's figures, kept out of sight).
      if (earlier !== undefined && !(hidden.has(earlier) && !hidden.has(col))) continue;
      columns.set(hit.key, col);
      if (from !== 'top') usedSecondRow = true;
      if (from !== 'bottom') usedTopRow = true;
    }
    const unitKey = matcher.columns.find((c) => c.column.type === 'text' && c.column.required)?.key;
    const counts = matcher.columns.filter((c) => c.column.type === 'count' && columns.has(c.key)).length;
    if (unitKey && columns.has(unitKey) && counts >= MIN_COUNT_COLUMNS) matches.set(matcher.table.id, columns);
  }
  // A heading merged across the table above its header is not part of it: the header starts on the next row.
  if (matches.size === 0 || !usedTopRow) return null;
  return { view, sheetIndex, headerTop: row, headerBottom: usedSecondRow ? row + 1 : row, matches, headersByColumn };
}

/**
 * The header of one column: its own text, or — under a group header merged
 * across columns ("Số lượng" over "Tổng số | Đã đăng ký") — the text below.
 */
function headerTextAt(view: SheetView, row: number, col: number, matcher: TableMatcher): { text: string; from: 'top' | 'bottom' | 'joined' } {
  const top = view.text(row, col);
  if (row + 1 >= view.height) return { text: top, from: 'top' };
  const here = view.shown(row, col);
  const below = view.shown(row + 1, col);
  const sameCell = here.row === below.row && here.col === below.col;
  if (sameCell) return { text: top, from: 'top' };
  if (top && matchHeader(top, matcher)) return { text: top, from: 'top' };
  const bottom = view.text(row + 1, col);
  if (bottom && matchHeader(bottom, matcher)) return { text: bottom, from: 'bottom' };
  const joined = `${top} ${bottom}`.trim();
  if (top && bottom && matchHeader(joined, matcher)) return { text: joined, from: 'joined' };
  return { text: top, from: 'top' };
}

function assignTables(
  candidates: HeaderCandidate[],
  matchers: TableMatcher[],
  identity: TemplateIdentity | null,
): { candidate: HeaderCandidate; matcher: TableMatcher }[] {
  const result: { candidate: HeaderCandidate; matcher: TableMatcher }[] = [];
  const usedTables = new Set<string>();
  const usedCandidates = new Set<HeaderCandidate>();
  const take = (candidate: HeaderCandidate, matcher: TableMatcher) => {
    result.push({ candidate, matcher });
    usedTables.add(matcher.table.id);
    usedCandidates.add(candidate);
  };

  for (const entry of identity?.tables ?? []) {
    const matcher = matchers.find((m) => m.table.id === entry.tableId);
    const candidate = candidates.find(
      (c) => c.view.sheet.name === entry.sheet && c.headerTop === entry.headerRow && c.matches.has(entry.tableId),
    );
    if (matcher && candidate && !usedTables.has(matcher.table.id)) take(candidate, matcher);
  }

  for (const candidate of candidates) {
    if (usedCandidates.has(candidate)) continue;
    const ranked = matchers
      .filter((m) => candidate.matches.has(m.table.id) && !usedTables.has(m.table.id))
      .map((m) => ({ m, score: scoreCandidate(candidate, m) }))
      .sort((a, b) => b.score - a.score);
    const best = ranked[0];
    if (!best) continue;
    const tied = ranked.filter((r) => r.score === best.score).map((r) => r.m);
    take(candidate, tied.length > 1 ? (byHeadingAbove(candidate, tied) ?? best.m) : best.m);
  }
  return result.sort((a, b) => matchers.indexOf(a.matcher) - matchers.indexOf(b.matcher));
}

function scoreCandidate(candidate: HeaderCandidate, matcher: TableMatcher): number {
  const columns = candidate.matches.get(matcher.table.id)!;
  let score = columns.size;
  for (const key of columns.keys()) if (matcher.distinctive.has(key)) score += 10;
  return score;
}

/** "2. Học sinh, sinh viên" a few rows above the header decides between look-alike tables. */
function byHeadingAbove(candidate: HeaderCandidate, tied: TableMatcher[]): TableMatcher | undefined {
  for (let row = candidate.headerTop - 1; row >= Math.max(0, candidate.headerTop - 3); row--) {
    for (let col = 0; col < candidate.view.rowWidth(row); col++) {
      const key = matchKey(candidate.view.text(row, col));
      if (!key) continue;
      const hit = tied.find((m) => [m.table.heading, m.table.label].some((t) => key.includes(matchKey(t))));
      if (hit) return hit;
    }
  }
  return undefined;
}

function toRegion(candidate: HeaderCandidate, matcher: TableMatcher, all: HeaderCandidate[]): TableRegion {
  const found = candidate.matches.get(matcher.table.id)!;
  // In the form's column order, not the file's: records built in one order share one shape, and the code reading them stays optimized.
  const columns: Record<string, number> = {};
  for (const column of matcher.table.columns) {
    const col = found.get(column.key);
    if (col !== undefined) columns[column.key] = col;
  }
  const matchedCols = new Set(Object.values(columns));
  const missingColumns = matcher.table.columns.filter((c) => c.required && !(c.key in columns)).map((c) => c.key);
  const extraColumns = [...candidate.headersByColumn.entries()]
    .filter(([col]) => !matchedCols.has(col))
    .map(([col, header]) => ({ col, header }));
  const next = all
    .filter((c) => c.sheetIndex === candidate.sheetIndex && c.headerTop > candidate.headerBottom)
    .reduce((min, c) => Math.min(min, c.headerTop), candidate.view.height);
  return {
    tableId: matcher.table.id,
    sheetIndex: candidate.sheetIndex,
    sheetName: candidate.view.sheet.name,
    view: candidate.view,
    headerTop: candidate.headerTop,
    headerBottom: candidate.headerBottom,
    columns,
    missingColumns,
    extraColumns,
    foundHeaders: [...candidate.headersByColumn.values()],
    dataStart: candidate.headerBottom + 1,
    dataEnd: next,
  };
}
