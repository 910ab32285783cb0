/**
 * What SheetJS is allowed to see of a BIFF5/BIFF8 record stream (.xls).
 *
 * SheetJS parses every record type it knows, and its parsers trust the
 * counts inside them: reading past the end of a record gives NaN, and a loop
 * like `while (count-- !== 0)` over NaN never ends (an ExternSheet record
 * two bytes short runs it out of memory). So before SheetJS sees the stream:
 *
 * - records a form does not need (drawings, comments, hyperlinks, print
 *   setup, view settings, …) are turned into a record type SheetJS skips
 *   without parsing (VerticalPageBreaks, which it has no parser for). Their
 *   length stays, so every offset in the stream (BoundSheet8 points at each
 *   sheet's BOF) still holds;
 * - the records it does parse must be at least as long as their fixed part,
 *   and the counts they loop over must fit in them, or the file is refused as
 *   unreadable.
 *
 * A FilePass record (the rest of the stream is encrypted) refuses the file
 * as password-protected. BIFF2–4 streams (bare worksheets) are left as they
 * are. No Node APIs.
 */
import { ReadFailure } from '../xlsx/errors.js';

const NEUTRAL_TYPE = 0x001a; // VerticalPageBreaks: known to SheetJS, never parsed

const BOF = 0x0809;
const FILE_PASS = 0x002f;
const BIFF8 = 0x0600;
const BIFF5 = 0x0500;

type Check = (view: DataView, at: number, length: number, biff8: boolean) => string | null;

const atLeast = (minimum: number): Check => (_view, _at, length) => (length >= minimum ? null : `shorter than ${minimum} bytes`);

/** A parsed formula's rgce length (u16 at `cceAt` within the record) must fit after it. */
const formulaAt = (cceAt: number): Check => (view, at, length) => {
  if (length < cceAt + 2) return `shorter than ${cceAt + 2} bytes`;
  const cce = view.getUint16(at + cceAt, true);
  return cce === 0xffff || cceAt + 2 + cce <= length ? null : `formula of ${cce} bytes does not fit`;
};

/** Record types SheetJS may parse, with what each must satisfy; every other type is neutralised. */
const KEPT = new Map<number, Check | null>([
  [BOF, atLeast(4)],
  [0x0009, null], // BOF (BIFF2)
  [0x0209, null], // BOF (BIFF3)
  [0x0409, null], // BOF (BIFF4)
  [0x000a, null], // EOF
  [0x003c, null], // Continue (SheetJS joins it to the record before)
  [0x0042, atLeast(2)], // CodePage
  [0x0022, atLeast(2)], // Date1904
  [0x0085, atLeast(8)], // BoundSheet8: sheet names, order, visibility
  [0x0031, atLeast(15)], // Font
  [0x00e0, atLeast(16)], // XF
  [0x041e, atLeast(5)], // Format
  [0x00fc, atLeast(8)], // SST
  [0x0200, atLeast(10)], // Dimensions
  [0x0208, atLeast(16)], // Row: hidden rows
  [0x007d, atLeast(10)], // ColInfo: hidden columns
  [0x0203, atLeast(14)], // Number
  [0x027e, atLeast(10)], // RK
  [0x00bd, atLeast(12)], // MulRk
  [0x00fd, atLeast(10)], // LabelSst
  [0x0204, atLeast(8)], // Label
  [0x00d6, atLeast(8)], // RString
  [0x0205, atLeast(8)], // BoolErr
  [0x0006, formulaAt(20)], // Formula: cell, value, flags, chn, then cce
  [0x0207, atLeast(3)], // String: a formula's text result
  [0x0221, formulaAt(12)], // Array
  [0x04bc, formulaAt(8)], // ShrFmla
  [
    0x00e5, // MergeCells: a count of 8-byte ranges
    (view, at, length) => {
      if (length < 2) return 'shorter than 2 bytes';
      const count = view.getUint16(at, true);
      return 2 + count * 8 <= length ? null : `${count} merged ranges do not fit`;
    },
  ],
  // Cross-sheet references in formulas need the external sheet tables.
  [0x01ae, atLeast(4)], // SupBook
  [0x0023, atLeast(2)], // ExternName
  [
    0x0017, // ExternSheet: BIFF8 a count of 6-byte entries; BIFF5 a short string
    (view, at, length, biff8) => {
      if (length < 2) return 'shorter than 2 bytes';
      if (!biff8) return null;
      const count = view.getUint16(at, true);
      return 2 + count * 6 <= length ? null : `${count} external sheets do not fit`;
    },
  ],
  [
    0x0018, // Lbl (defined name): fixed part, name, formula
    (view, at, length, biff8) => {
      const fixed = 14;
      if (length < fixed) return `shorter than ${fixed} bytes`;
      const cch = view.getUint8(at + 3);
      const cce = view.getUint16(at + 4, true);
      const wide = biff8 && length > fixed && (view.getUint8(at + fixed) & 1) === 1;
      const name = (biff8 ? 1 : 0) + cch * (wide ? 2 : 1);
      return fixed + name + cce <= length ? null : 'name and formula do not fit';
    },
  ],
]);

const SST = 0x00fc;
const CONTINUE = 0x003c;

/**
 * The shared strings (SST and the CONTINUE records after it) must hold what
 * they claim. SheetJS reads each string one character at a time, for as many
 * characters as its count says, whether or not the record has them, and
 * looks every position up in the list of CONTINUE offsets: a few damaged
 * counts cost it seconds and gigabytes. Each string's header, characters (at
 * least one byte each), rich-text runs and extension must fit in the bytes
 * that remain, and CONTINUE records may not be more numerous than the bytes
 * they carry could need.
 */
function sstProblem(view: DataView, at: number): string | null {
  const length = view.getUint16(at + 2, true);
  if (length < 8) return 'shorter than 8 bytes';
  let available = length - 8;
  let continues = 0;
  for (let next = at + 4 + length; next + 4 <= view.byteLength && view.getUint16(next, true) === CONTINUE;) {
    const size = view.getUint16(next + 2, true);
    available += size;
    continues++;
    next += 4 + size;
  }
  if (continues > 1 + available / 1024) return `${continues} continuation records for ${available} bytes`;
  const unique = view.getUint32(at + 8, true);
  // Strings are walked while their headers lie in the SST record itself; the
  // first one that reaches into a CONTINUE record (where a flag byte may change
  // its width) is checked at one byte a character, and ends the walk.
  const recordEnd = at + 4 + length;
  let position = at + 12;
  let consumed = 0;
  for (let i = 0; i < unique && consumed < available; i++) {
    if (position + 3 > recordEnd) return position === recordEnd ? null : `string ${i} header is cut`;
    const cch = view.getUint16(position, true);
    const flags = view.getUint8(position + 2);
    let header = 3;
    let runs = 0;
    let extension = 0;
    if (flags & 0x08) {
      runs = position + 5 <= recordEnd ? view.getUint16(position + 3, true) : 0;
      header += 2;
    }
    if (flags & 0x04) {
      extension = position + header + 4 <= recordEnd ? view.getUint32(position + header, true) : 0;
      header += 4;
    }
    const atLeast = header + cch + 4 * runs + extension;
    if (consumed + atLeast > available) return `string ${i} needs ${atLeast} bytes, ${available - consumed} remain`;
    const exact = atLeast + (flags & 0x01 ? cch : 0);
    if (position + exact > recordEnd) return null;
    consumed += exact;
    position += exact;
  }
  return null;
}

/** A copy of the stream with unneeded records neutralised; throws a ReadFailure for a record SheetJS would read past. */
export function guardBiffStream(stream: Uint8Array): Uint8Array {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  if (stream.length < 6 || view.getUint16(0, true) !== BOF) return stream;
  const version = view.getUint16(4, true);
  if (version !== BIFF8 && version !== BIFF5) return stream;
  const biff8 = version === BIFF8;

  const out = stream.slice();
  const outView = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let at = 0; at + 4 <= stream.length;) {
    const type = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    const body = at + 4;
    if (body + length > stream.length) break; // SheetJS calls a cut-off record truncated
    // Past FilePass every record body is ciphertext: nothing more to check or read.
    if (type === FILE_PASS) throw new ReadFailure('file-encrypted', {}, 'File is password-protected');
    if (!KEPT.has(type)) {
      outView.setUint16(at, NEUTRAL_TYPE, true);
    } else if (type === SST) {
      const problem = sstProblem(view, at);
      if (problem) throw new ReadFailure('file-unreadable', { detail: `shared strings at byte ${at}: ${problem}` });
    } else {
      const problem = KEPT.get(type)?.(view, body, length, biff8) ?? null;
      if (problem) {
        throw new ReadFailure('file-unreadable', { detail: `record 0x${type.toString(16).padStart(4, '0')} at byte ${at}: ${problem}` });
      }
    }
    at = body + length;
  }
  return out;
}
