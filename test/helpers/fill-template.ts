import ExcelJS from 'exceljs';

export interface FillRow {
  unit: string;
  total: number;
  registered: number;
  reason?: string;
}

/**
 * Fills a generated template as a clerk in Excel would, including the
 * recalculated results Excel would save for its formulas.
 */
export async function fillTemplate(bytes: Uint8Array, tables: FillRow[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((s) => s.state === 'visible')!;
  const headerRows: number[] = [];
  sheet.eachRow((row, n) => {
    if (row.getCell(1).value === 'TT') headerRows.push(n);
  });
  tables.forEach((rows, t) => {
    const start = headerRows[t]! + 1;
    rows.forEach((r, i) => {
      const n = start + i;
      sheet.getCell(n, 1).value = i + 1;
      sheet.getCell(n, 2).value = r.unit;
      sheet.getCell(n, 3).value = r.total;
      sheet.getCell(n, 4).value = r.registered;
      sheet.getCell(n, 5).value = { formula: sheet.getCell(n, 5).formula, result: r.total - r.registered };
      if (r.reason) sheet.getCell(n, 6).value = r.reason;
    });
    let totalsRow = start;
    while (sheet.getCell(totalsRow, 3).formula === undefined || !String(sheet.getCell(totalsRow, 3).formula).startsWith('SUM')) totalsRow++;
    const sum = (f: (r: FillRow) => number) => rows.reduce((s, r) => s + f(r), 0);
    const results = [sum((r) => r.total), sum((r) => r.registered), sum((r) => r.total - r.registered)];
    results.forEach((result, i) => {
      const cell = sheet.getCell(totalsRow, 3 + i);
      cell.value = { formula: String(cell.formula), result };
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
