/**
 * What SheetJS is allowed to see of an .xlsb or .ods package.
 *
 * SheetJS parses every part it knows about, and its binary parsers trust
 * the counts and lengths inside records: a count of four billion in a part we
 * do not even need (`xl/metadata.bin`) runs it out of memory. So SheetJS gets
 * only the parts a form needs (workbook, sheets, shared strings, styles, their
 * relationships; for .ods the content, styles and manifest), the content types
 * rewritten to match, and every binary record of those parts checked first:
 * each record must fit in its part, and the counts and lengths SheetJS loops
 * over in the records it parses (rich strings and their runs, formulas and
 * their extra data, wide strings of cells and sheet names) must fit in their
 * record. A part that fails is refused as unreadable, before SheetJS runs.
 * (Not every record SheetJS parses is checked: the formula tokens inside a
 * formula are not, so SheetJS stays behind the CLI's per-file time and memory
 * limits all the same.)
 *
 * Browser-safe: no Node APIs.
 */
import { ReadFailure } from '../xlsx/errors.js';

export interface PackageEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

const XLSB_KEPT_TYPES = /sheet\.binary\.macroEnabled\.main|worksheet|sharedStrings|styles/i;
const XLSB_KEPT_NAMES = /^xl\/(?:workbook|sharedStrings|styles)\.bin$|^xl\/worksheets\/[^/]+\.bin$/i;
const ODS_KEPT_NAMES = new Set(['mimetype', 'content.xml', 'styles.xml', 'meta.xml', 'meta-inf/manifest.xml']);

/** The entries SheetJS gets, in their order; throws a ReadFailure for a binary part that does not hold together. */
export function guardPackage(kind: 'xlsb' | 'ods', entries: readonly PackageEntry[]): PackageEntry[] {
  if (kind === 'ods') return entries.filter((entry) => ODS_KEPT_NAMES.has(entry.name.toLowerCase()));

  const contentTypes = entries.find((entry) => entry.name.toLowerCase() === '[content_types].xml');
  const overrides = contentTypes ? readOverrides(new TextDecoder('utf-8').decode(contentTypes.data)) : new Map<string, string>();
  const keep = (name: string): boolean => {
    const lower = name.toLowerCase();
    if (lower === '[content_types].xml' || lower.endsWith('.rels')) return true;
    const type = overrides.get(lower);
    return type !== undefined ? XLSB_KEPT_TYPES.test(type) : XLSB_KEPT_NAMES.test(name);
  };
  const kept: PackageEntry[] = [];
  for (const entry of entries) {
    if (!keep(entry.name)) continue;
    if (entry.name.toLowerCase().endsWith('.bin')) checkXlsbPart(entry);
    kept.push(entry);
  }
  if (!contentTypes) return kept;
  const keptNames = new Set(kept.map((entry) => entry.name.toLowerCase()));
  const text = new TextDecoder('utf-8').decode(contentTypes.data);
  const rewritten = dropOverrides(text, (part) => keptNames.has(part));
  return kept.map((entry) => (entry === contentTypes ? { name: entry.name, data: new TextEncoder().encode(rewritten) } : entry));
}

// ---------------------------------------------------------------------------
// [Content_Types].xml, by text: SheetJS reads it with regular expressions too

const OVERRIDE = /<(?:[\w.-]+:)?Override\b[^>]*?(?:\/>|>(?:\s*<\/(?:[\w.-]+:)?Override\s*>)?)/g;

function attribute(element: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(element);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Part name (lower case, no leading slash) → declared content type. */
function partName(raw: string): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // a broken escape stays as it is
  }
  return name.replace(/^\/+/, '').toLowerCase();
}

function readOverrides(text: string): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const element of text.match(OVERRIDE) ?? []) {
    const part = attribute(element, 'PartName');
    if (part !== undefined) overrides.set(partName(part), attribute(element, 'ContentType') ?? '');
  }
  return overrides;
}

/** The content types without the overrides of parts not kept, so SheetJS does not go looking for them. */
function dropOverrides(text: string, kept: (part: string) => boolean): string {
  return text.replace(OVERRIDE, (element) => {
    const part = attribute(element, 'PartName');
    return part === undefined || kept(partName(part)) ? element : '';
  });
}

// ---------------------------------------------------------------------------
// BIFF12 records

const RECORD = {
  CellSt: 0x06,
  FmlaString: 0x08,
  FmlaNum: 0x09,
  FmlaBool: 0x0a,
  FmlaError: 0x0b,
  ShortSt: 0x11,
  SSTItem: 0x13,
  CellRString: 0x3e,
  Name: 0x27,
  BundleSh: 0x9c,
  ExternSheet: 0x16a,
  ArrFmla: 0x1aa,
  ShrFmla: 0x1ab,
} as const;

/** Every record of one binary part: framing first, then the fields SheetJS loops over. */
export function checkXlsbPart(entry: PackageEntry): void {
  const data = entry.data;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const fail = (at: number, detail: string): never => {
    throw new ReadFailure('file-unreadable', { detail: `${entry.name}: ${detail} (record at byte ${at})` });
  };
  let at = 0;
  while (at < data.length) {
    const start = at;
    // Record type: one or two bytes of 7 bits; size: one to four bytes of 7 bits.
    let type = data[at++]!;
    if (type & 0x80) {
      if (at >= data.length) fail(start, 'record type cut short');
      type = (type & 0x7f) + ((data[at++]! & 0x7f) << 7);
    }
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      if (at >= data.length) fail(start, 'record size cut short');
      const byte = data[at++]!;
      size += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0 || shift === 21) break;
    }
    if (at + size > data.length) fail(start, `record of ${size} bytes runs past the end of the part`);
    const problem = recordProblem(type, view, at, size);
    if (problem) fail(start, problem);
    at += size;
  }
}

/** Why SheetJS would read past this record, or null. `at` is where its body starts. */
function recordProblem(type: number, view: DataView, at: number, size: number): string | null {
  const end = at + size;
  switch (type) {
    case RECORD.SSTItem:
      return richStringProblem(view, at, end);
    case RECORD.CellRString:
      return richStringProblem(view, at + 8, end);
    case RECORD.CellSt:
      return wideStringEnd(view, at + 8, end) === null ? 'cell text longer than its record' : null;
    case RECORD.ShortSt:
      return wideStringEnd(view, at + 4, end) === null ? 'cell text longer than its record' : null;
    case RECORD.FmlaString: {
      const after = wideStringEnd(view, at + 8, end);
      return after === null ? 'formula result longer than its record' : formulaProblem(view, after + 2, end);
    }
    case RECORD.FmlaNum:
      return formulaProblem(view, at + 18, end);
    case RECORD.FmlaBool:
    case RECORD.FmlaError:
      return formulaProblem(view, at + 11, end);
    case RECORD.ArrFmla:
      return formulaProblem(view, at + 17, end);
    case RECORD.ShrFmla:
      return formulaProblem(view, at + 16, end);
    case RECORD.Name: {
      // flags, chKey, itab, then the name and its formula
      const name = wideStringEnd(view, at + 9, end);
      return name === null ? 'defined name longer than its record' : formulaProblem(view, name, end);
    }
    case RECORD.ExternSheet: {
      // A count of 12-byte XTI entries.
      if (size < 4) return 'external sheets cut short';
      const count = view.getUint32(at, true);
      return 4 + count * 12 <= size ? null : `${count} external sheets do not fit in their record`;
    }
    case RECORD.BundleSh: {
      const relationship = wideStringEnd(view, at + 8, end, true);
      return relationship === null || wideStringEnd(view, relationship, end) === null ? 'sheet name longer than its record' : null;
    }
    default:
      return null;
  }
}

/** The end of an XLWideString (count of UTF-16 units, then the units) starting at `at`, or null when it does not fit. */
function wideStringEnd(view: DataView, at: number, end: number, nullable = false): number | null {
  if (at + 4 > end) return null;
  const count = view.getUint32(at, true);
  if (nullable && count === 0xffffffff) return at + 4;
  const after = at + 4 + count * 2;
  return after <= end ? after : null;
}

/** RichStr: flags, XLWideString, then (fRichStr) a count of 4-byte runs. */
function richStringProblem(view: DataView, at: number, end: number): string | null {
  if (at + 1 > end) return 'rich text cut short';
  const flags = view.getUint8(at);
  const after = wideStringEnd(view, at + 1, end);
  if (after === null) return 'rich text longer than its record';
  if ((flags & 1) === 0) return null;
  if (after + 4 > end) return 'rich text runs cut short';
  const runs = view.getUint32(after, true);
  return after + 4 + runs * 4 <= end ? null : `${runs} rich text runs do not fit in their record`;
}

/** CellParsedFormula: cce, rgce (cce bytes), cb, rgcb (cb bytes), all inside the record. */
function formulaProblem(view: DataView, at: number, end: number): string | null {
  if (at + 4 > end) return 'formula cut short';
  const cce = view.getUint32(at, true);
  const extraAt = at + 4 + cce;
  if (extraAt + 4 > end) return `formula of ${cce} bytes does not fit in its record`;
  const cb = view.getUint32(extraAt, true);
  return extraAt + 4 + cb <= end ? null : `formula extra data of ${cb} bytes does not fit in its record`;
}
