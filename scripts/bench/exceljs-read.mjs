// Baseline for `npm run bench`: what reading the folder costs with exceljs,
// the reader most Node projects would reach for.
//
//   node scripts/bench/exceljs-read.mjs DIR
//
// Every .xlsx is fully loaded with `new ExcelJS.Workbook().xlsx.readFile()`,
// then the staff "total" column is summed naively (header found by its text,
// rows down to "Tổng cộng"), so the baseline does work comparable to ours and
// its answer can be checked. One file at a time, one thread, as a plain
// script would. Prints one JSON line: {"files", "failed", "staffTotal"}.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import ExcelJS from 'exceljs';

const STAFF_TOTAL_HEADER = 'Tổng số cán bộ';

function cellNumber(value) {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && typeof value.result === 'number') return value.result;
  return 0;
}

function cellText(value) {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
  return '';
}

/** The staff total of one sheet: the column under the header, down to the "Tổng cộng" row. */
function staffTotal(sheet) {
  let column = null;
  let sum = 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (column === null) {
      row.eachCell((cell, c) => {
        if (cellText(cell.value).startsWith(STAFF_TOTAL_HEADER)) column = c;
      });
      continue;
    }
    const label = cellText(row.getCell(1).value) || cellText(row.getCell(2).value);
    if (label.trim() === 'Tổng cộng') break;
    sum += cellNumber(row.getCell(column).value);
  }
  return sum;
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node scripts/bench/exceljs-read.mjs DIR\n');
  process.exit(2);
}
let files = 0;
let failed = 0;
let total = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.xlsx')).sort()) {
  files++;
  try {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, name));
    for (const sheet of workbook.worksheets) total += staffTotal(sheet);
  } catch {
    failed++;
  }
}
process.stdout.write(`${JSON.stringify({ files, failed, staffTotal: total })}\n`);
