import { formatCount, type MessageCatalogue } from './context.js';

const n = (x: number) => formatCount(x, 'en');

export const en: MessageCatalogue = {
  'file-empty': () => 'The file is empty (0 bytes). Ask the unit to send the filled-in Excel file again.',
  'file-too-large': (p) => `The file is too large (${n(p.actual)} bytes, limit ${n(p.limit)}). Ask the unit to send the form itself.`,
  'file-corrupt-zip': (p) => `The file is damaged and does not open as an Excel file (${p.detail}). Ask the unit to open it in Excel, save it and send it again.`,
  'file-zip-too-many-entries': (p) => `The file has too many parts (${n(p.actual)}, limit ${n(p.limit)}) for a statistics form. Ask the unit to send the form itself.`,
  'file-zip-bomb': (p) => `The file inflates to too much data (part "${p.entry}" passed ${n(p.limit)} bytes); refused to protect this machine. Ask the unit to send the form again.`,
  'file-zip-bad-entry-name': (p) => `The file has a part with an invalid name ("${p.entry}"); refused. Ask the unit to save it in Excel and send it again.`,
  'file-too-many-cells': (p) => `The file has too many cells (over ${n(p.limit)}). Ask the unit to send only the statistics form.`,
  'file-xml-doctype': (p) => `The file contains a forbidden DOCTYPE/ENTITY declaration (part "${p.entry}"); refused. Ask the unit to save it in Excel and send it again.`,
  'file-corrupt-xml': (p) => `The file's content is damaged (part "${p.entry}": ${p.detail}). Ask the unit to open it in Excel, save it and send it again.`,
  'file-not-workbook': (p) => `The file is not an Excel workbook (${p.detail}). Ask the unit for an .xlsx file on the form.`,
  'file-unsupported-compression': (p) => `The file uses an unsupported compression (part "${p.entry}", method ${p.method}). Ask the unit to save it in Excel and send it again.`,
  'file-not-spreadsheet': (p) => `This is ${kindEn(p.kind)}, not a spreadsheet. Ask the unit for the statistics as an Excel file (.xlsx) on the form.`,
  'file-encrypted': () => 'The file is password-protected and cannot be read. Ask the unit to remove the password (File → Info → Protect Workbook) and send it again.',
  'file-unsupported-format': (p) => `The ${p.format} format cannot be read yet. Ask the unit to open it in Excel, "Save As" .xlsx and send it again.`,
  'file-unreadable': (p) => `The file could not be read (${p.detail}). Ask the unit to open it in Excel, save it and send it again.`,
  'file-timeout': (p) => `Reading the file took more than ${n(p.seconds)} seconds and was stopped; it may be damaged or unusual. Ask the unit to send only the form, saved in Excel.`,
  'file-out-of-memory': (p) => `Reading the file needed more than ${n(p.megabytes)} MB of memory and was stopped; it is too large or unusual. Ask the unit to send only the form.`,
  'file-skipped-lock': () => 'Skipped: an Excel lock file (~$…), not a submission.',
  'file-skipped-hidden': () => 'Skipped: a hidden or system file.',
  'sheet-legacy-encoding': (p) => `${n(p.cells)} cells were typed in the legacy ${p.encoding === 'tcvn3' ? 'TCVN3 (ABC, .Vn… fonts)' : 'VNI (VNI-… fonts)'} encoding; converted to Unicode.`,
  'table-not-found': (p, c) => `The "${c.tableLabel(p.table)}" table was not found (no header row with a unit column and the count columns). Ask the unit to use the form.`,
  'table-empty': (p, c) => `The "${c.tableLabel(p.table)}" table has no figures (the form was sent back blank). Ask the unit to fill it in and send it again.`,
  'header-missing-column': (p, c) =>
    `The "${c.tableLabel(p.table)}" table lacks the column "${p.header}". Headers found: ${p.found.length ? p.found.map((h) => `"${h}"`).join(', ') : '(none)'}. Ask the unit to add the column as on the form.`,
  'header-extra-column': (p, c) => `Column "${p.header}" is not part of the "${c.tableLabel(p.table)}" table on the form; ignored.`,
  'row-missing-unit': (p, c) => `A row has figures but no unit name ("${c.tableLabel(p.table)}" table). Ask the unit to write the unit's name.`,
  'row-registered-exceeds-total': (p) =>
    `Registered (${n(p.registered)}) is larger than the total (${n(p.total)}) for "${p.unit}". Ask the unit to check its figures.`,
  'row-unregistered-mismatch': (p) =>
    `Not registered for "${p.unit}" is ${n(p.actual)}, but total − registered = ${n(p.total)} − ${n(p.registered)} = ${n(p.expected)}. Ask the unit to correct it.`,
  'row-unregistered-computed': (p) => `The not-registered cell for "${p.unit}" was blank; computed as total − registered = ${n(p.value)}.`,
  'row-missing-reason': (p) => `"${p.unit}" has ${n(p.unregistered)} people not registered but gives no reason. Ask the unit to add the reason.`,
  'row-totals-mismatch': (p, c) =>
    `The totals row shows ${n(p.actual)} in column "${c.columnLabel(p.table, p.column)}", but its rows add up to ${n(p.expected)}. Ask the unit to check the totals row.`,
  'row-subtotal-mismatch': (p, c) =>
    `The row "${p.label}" shows ${n(p.actual)} in column "${c.columnLabel(p.table, p.column)}", but the rows of its group add up to ${n(p.expected)}. Ask the unit to check the subtotal.`,
  'cell-missing-count': (p, c) => `No figure in column "${c.columnLabel(p.table, p.column)}". Ask the unit to fill in a number (0 if none).`,
  'cell-not-a-number': (p, c) => `"${p.text}" in column "${c.columnLabel(p.table, p.column)}" is not a number. Ask the unit for a whole number.`,
  'cell-negative': (p, c) => `Negative number (${n(p.value)}) in column "${c.columnLabel(p.table, p.column)}". Counts must be 0 or more.`,
  'cell-not-integer': (p, c) => `${p.value} in column "${c.columnLabel(p.table, p.column)}" is not a whole number. A count of people must be whole.`,
  'cell-number-as-text': (p, c) => `The number in column "${c.columnLabel(p.table, p.column)}" was typed as text ("${p.text}"); read as ${n(p.value)}. Better typed as a number.`,
  'cell-error-value': (p, c) => `The cell in column "${c.columnLabel(p.table, p.column)}" shows the error ${p.error}. Ask the unit to fix the formula and send it again.`,
  'cell-formula-no-result': (p, c) =>
    `The formula "=${p.formula}" in column "${c.columnLabel(p.table, p.column)}" was saved without its result. Ask the unit to open the file in Excel, save it and send it again.`,
  'cell-formula-evaluated': (p, c) => `The formula "=${p.formula}" in column "${c.columnLabel(p.table, p.column)}" was saved without its result; computed as ${n(p.value)}.`,
  'unit-superseded': (p) => `"${p.unit}" sent a newer file (${p.newer}); this one is not counted.`,
  'unit-resubmission-differs': (p, c) =>
    `This file replaces an earlier one from "${p.unit}" (${p.older}), and the figures changed: ${p.changes
      .map((x) => `${c.tableLabel(x.table)} – "${c.columnLabel(x.table, x.column)}" from ${n(x.before)} to ${n(x.after)}`)
      .join('; ')}. Confirm with the unit.`,
  'unit-uncertain-match': (p) =>
    `Not sure which unit sent this file: it says "${p.found}"; the closest roster name is "${p.suggested}". Counted for "${p.suggested}" for now; please check.`,
  'unit-not-in-roster': (p) => `"${p.unit}" is not in the roster. Check the unit's name or add it to the roster.`,
  'unit-missing-table': (p, c) => `The roster says "${p.unit}" has ${c.tableLabel(p.table).toLocaleLowerCase('en')}, but the file has no such table. Ask the unit to add it.`,
};

function kindEn(kind: string): string {
  switch (kind) {
    case 'docx':
    case 'doc':
      return 'a Word document';
    case 'pdf':
      return 'a PDF file';
    case 'image':
      return 'an image';
    case 'html':
      return 'a web page (HTML) renamed as a spreadsheet';
    case 'pptx':
      return 'a PowerPoint presentation';
    default:
      return `a file of kind "${kind}"`;
  }
}
