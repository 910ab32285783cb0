import type { Cell, Grid, Sheet } from '../read/grid.js';
import { decodeLegacyText } from './legacy/decode.js';
import type { LegacyEncoding } from './legacy/detect.js';

export interface LegacyDecoding {
  sheet: string;
  encoding: LegacyEncoding;
  cells: number;
}

/**
 * Text typed in TCVN3 (.VnTime) or VNI fonts, turned into Unicode before
 * anything reads it, so headers match and the summary shows proper Vietnamese.
 * Returns a new Grid; sheets without legacy text are shared, not copied.
 */
export function decodeLegacyGrid(grid: Grid): { grid: Grid; decoded: LegacyDecoding[] } {
  const decoded: LegacyDecoding[] = [];
  const cache = new Map<string, ReturnType<typeof decodeLegacyText>>();
  const sheets = grid.sheets.map((sheet) => {
    const counts: Record<LegacyEncoding, number> = { tcvn3: 0, vni: 0 };
    let rows: Sheet['rows'] | null = null;
    sheet.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (typeof cell?.value !== 'string' || isPlainAscii(cell.value)) return;
        const key = `${cell.font?.name ?? ''}\u0000${cell.value}`;
        let result = cache.get(key);
        if (!result) {
          result = decodeLegacyText(cell.value, cell.font?.name);
          cache.set(key, result);
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

/** Legacy encodings live above ASCII; most cells never need a look. */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}
