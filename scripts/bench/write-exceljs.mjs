// Fallback writer for `npm run bench` when Python has no openpyxl: renders the
// plans printed by `make_submissions.py --plans N` (JSON lines) with exceljs.
//
//   node scripts/bench/write-exceljs.mjs PLANS.jsonl OUT_DIR
//
// Same cells, merges and cached formula results as the openpyxl files, so the
// expected totals are the same. It is the weaker test, which is why the
// benchmark says so when it is used: exceljs also writes our summaries, so
// reading its files proves less about reading other programs' files.
// The last stdout line is the same JSON summary make_submissions.py prints.
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import ExcelJS from 'exceljs';

const FONT = 'Times New Roman';
const thin = { style: 'thin' };
const box = { top: thin, left: thin, bottom: thin, right: thin };
const center = { horizontal: 'center', vertical: 'middle', wrapText: true };
const left = { horizontal: 'left', vertical: 'middle', wrapText: true };
const font = (size = 12, bold = false, italic = false) => ({ name: FONT, size, bold, italic });

// The style names of make_submissions.py: [font, alignment, border].
const STYLES = {
  plain: [font(), center], issuer: [font(), center], bold: [font(12, true), center], motto: [font(13, true), center],
  italic: [font(12, false, true), center], small: [font(11), center], title: [font(14, true), center],
  heading: [font(12, true), { horizontal: 'left', vertical: 'middle' }], header: [font(11, true), center, box],
  cell: [font(), center, box], cellLeft: [font(), left, box], total: [font(12, true), center, box],
};

async function writePlan(plan, outDir) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = workbook.lastModifiedBy = plan.creator;
  workbook.created = workbook.modified = new Date(Date.UTC(2024, 3, 20, 2, plan.index));
  const sheet = workbook.addWorksheet(plan.sheet);
  plan.widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (const [row, col, value, style] of plan.cells) {
    const cell = sheet.getCell(row, col);
    // A plan formula carries its cached result; exceljs stores both.
    cell.value = value !== null && typeof value === 'object' ? { formula: value.f, result: value.v } : value;
    const [f, alignment, border] = STYLES[style];
    cell.font = f;
    cell.alignment = alignment;
    if (border) cell.border = border;
  }
  for (const range of plan.merges) sheet.mergeCells(range);
  await workbook.xlsx.writeFile(path.join(outDir, plan.name));
}

function summarise(plans) {
  const totals = { staff: [0, 0, 0], students: [0, 0, 0] };
  const rows = { staff: 0, students: 0 };
  for (const plan of plans) {
    for (const [table, values] of Object.entries(plan.totals)) {
      totals[table] = totals[table].map((sum, i) => sum + values[i]);
      rows[table] += plan.rows[table];
    }
  }
  const named = (v) => ({ total: v[0], registered: v[1], unregistered: v[2] });
  return { files: plans.length, seed: plans[0]?.seed ?? null, writer: `exceljs (fallback)`, rows, totals: { staff: named(totals.staff), students: named(totals.students) } };
}

const [plansFile, outDir] = process.argv.slice(2);
if (!plansFile || !outDir) {
  process.stderr.write('usage: node scripts/bench/write-exceljs.mjs PLANS.jsonl OUT_DIR\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const plans = readFileSync(plansFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
for (const plan of plans) await writePlan(plan, outDir);
process.stdout.write(`${JSON.stringify(summarise(plans))}\n`);
