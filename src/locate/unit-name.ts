import type { FormSpec } from '../form/schema.js';
import type { Grid } from '../read/grid.js';
import type { ExtractedTable } from './extract.js';
import type { TemplateIdentity } from './identity.js';
import { matchKey } from './normalize.js';
import { viewSheet } from './sheet-view.js';

const TITLE_BLOCK_ROWS = 8;

/**
 * Which unit sent the file: the template identity when present; else the one
 * unit a single-row table names; else the issuing body in the title block;
 * else the file name.
 */
export function reportingUnit(
  grid: Grid,
  form: FormSpec,
  identity: TemplateIdentity | null,
  tables: ExtractedTable[],
  fileStem: string,
): { unit: string; hints: string[] } {
  const unitKey = form.summary.unitColumn;
  const first = tables[0];
  const only = first?.rows.length === 1 ? first.rows[0]?.values[unitKey] : null;
  const single = typeof only === 'string' && only ? only : null;
  const lines = issuingBody(grid, form, first);
  const joined = lines.length ? lines.join(' – ') : null;
  // Roster matching tries these in order: the most reliable first, the lower title line (the issuer itself) before its parent body.
  const hints = [identity?.unit ?? null, single, ...[...lines].reverse(), lines.length > 1 ? joined : null, fileStem].filter(
    (h, i, all): h is string => typeof h === 'string' && h !== '' && all.indexOf(h) === i,
  );
  return { unit: identity?.unit || single || joined || fileStem, hints };
}

/** The top-left lines above the tables: "UBND QUẬN LÊ CHÂN / PHÒNG GIÁO DỤC VÀ ĐÀO TẠO". */
function issuingBody(grid: Grid, form: FormSpec, table: ExtractedTable | undefined): string[] {
  const sheet = grid.sheets.find((s) => s.name === table?.sheet) ?? grid.sheets.find((s) => !s.hidden);
  if (!sheet) return [];
  const view = viewSheet(sheet);
  const stopWords = [form.titleBlock.number, form.titleBlock.subject].map((t) => matchKey(t).split(' ')[0] ?? '').filter(Boolean);
  const skip = new Set([form.titleBlock.nationalTitle, form.titleBlock.motto, form.titleBlock.title].map(matchKey));
  const lines: string[] = [];
  const lastRow = Math.min(view.height, table ? table.headerRow - 1 : TITLE_BLOCK_ROWS, TITLE_BLOCK_ROWS);
  for (let row = 0; row < lastRow; row++) {
    const text = firstTextInRow(view, row);
    if (!text) continue;
    const key = matchKey(text);
    if (!/\p{L}/u.test(text) || skip.has(key)) continue;
    if (stopWords.some((w) => key === w || key.startsWith(`${w} `))) break;
    lines.push(text);
  }
  return lines;
}

function firstTextInRow(view: ReturnType<typeof viewSheet>, row: number): string {
  const limit = Math.max(1, Math.ceil(view.width / 2));
  for (let col = 0; col < limit; col++) {
    const own = view.own(row, col);
    if (typeof own?.value === 'string' && own.value.trim()) return view.text(row, col);
  }
  return '';
}
