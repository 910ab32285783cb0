import type { FormSpec } from '../form/schema.js';
import type { Grid } from '../read/grid.js';
import { IDENTITY_SHEET_NAME } from './identity.js';
import { cleanText } from './normalize.js';

/**
 * The date a unit wrote on its document ("Hải Phòng, ngày 24 tháng 4 năm 2024"),
 * as YYYY-MM-DD; null when there is none or it is left blank, as on the form.
 */
export function documentDate(grid: Grid, form: FormSpec): string | null {
  const { day, month, year } = form.dateWords;
  const pattern = new RegExp(`${day}\\s*(\\d{1,2})\\s*${month}\\s*(\\d{1,2})\\s*${year}\\s*(\\d{4})`, 'iu');
  for (const sheet of grid.sheets) {
    if (sheet.name === IDENTITY_SHEET_NAME) continue;
    for (const row of sheet.rows) {
      for (const cell of row ?? []) {
        if (typeof cell?.value !== 'string') continue;
        const match = pattern.exec(cleanText(cell.value));
        if (!match) continue;
        const [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
        const date = new Date(Date.UTC(y, m - 1, d));
        if (date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return date.toISOString().slice(0, 10);
      }
    }
  }
  return null;
}
