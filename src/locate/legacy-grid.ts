import type { Cell, Grid, Sheet } from '../read/grid.js';
import { decodeLegacyText } from './legacy/decode.js';
import { mayBeLegacyText } from '../read/vietnamese-text.js';
import type { LegacyEncoding } from './legacy/detect.js';

export interface LegacyDecoding {
  sheet: string;
  encoding: LegacyEncoding;
  cells: number;
}

/**
 * Decoding is a pure function of text and font, and the same few texts
 * ("Nguyên nhân": ê and â are French letters too, so it is looked at) come
 * in every file: kept across files, bounded.
 */
const DECODED = new Map<string, ReturnType<typeof decodeLegacyText>>();
const CACHE_LIMIT = 20_000;

/**
 * Text typed in TCVN3 (.VnTime) or VNI fonts, turned into Unicode before
 * anything reads it, so headers match and the summary shows proper Vietnamese.
 * Returns a new Grid; sheets without legacy text are shared, not copied.
 */
export function decodeLegacyGrid(grid: Grid): { grid: Grid; decoded: LegacyDecoding[] } {
  const decoded: LegacyDecoding[] = [];
  const sheets = grid.sheets.map((sheet) => {
    const counts: Record<LegacyEncoding, number> = { tcvn3: 0, vni: 0 };
    let rows: Sheet['rows'] | null = null;
    sheet.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        // Unicode Vietnamese is never decoded (decodeLegacyText says so first): the common case costs one regex test.
        if (typeof cell?.value !== 'string' || !mayBeLegacyText(cell.value)) return;
        const key = `${cell.font?.name ?? ''}\u0000${cell.value}`;
        let result = DECODED.get(key);
        if (!result) {
          if (DECODED.size >= CACHE_LIMIT) DECODED.clear();
          result = decodeLegacyText(cell.value, cell.font?.name);
          DECODED.set(key, result);
        }
        if (!result.encoding || result.text === cell.value) return;
        counts[result.encoding]++;
        rows ??= sheet.rows.map((x) => (x ? [...x] : x));
        rows[r]![c] = { ...cell, value: result.text } satisfies Cell;
      });
    });
    for (const encoding of ['tcvn3', 'vni'] as const) if (counts[encoding]) decoded.push({ sheet: sheet.name, encoding, cells: counts[encoding] });
    return rows ? { ...sheet, rows } : sheet;
  });
  return { grid: decoded.length ? { ...grid, sheets } : grid, decoded };
}
