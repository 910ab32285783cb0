import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { readWithSheetJs } from '../../src/read/sheetjs/read-sheetjs.js';
import { readXlsx } from '../../src/read/xlsx/read-xlsx.js';
const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))));
it('dump', () => {
  const out = {
    xlsx: readXlsx(fixture('legacy-source.xlsx')),
    xls: readWithSheetJs(fixture('legacy-source.xls'), 'xls'),
    ods: readWithSheetJs(fixture('legacy-source.ods'), 'ods'),
    realxls: readWithSheetJs(new Uint8Array(readFileSync('fixtures/real/legacy-tcvn3-vntime.xls')), 'xls').sheets[0]!.rows.slice(0, 12),
  };
  console.log(JSON.stringify(out, null, 0).replace(/\],\[/g, '],\n['));
});
