/**
 * Mutations of good submissions, as plain data plans (so fast-check prints and
 * shrinks a plan, not a megabyte of bytes) and the code that applies them.
 *
 * Three layers, applied in this order:
 * - package: for zips (.xlsx, .ods), the entries themselves: dropped,
 *   duplicated, shuffled, renamed, stored instead of deflated, a size lied
 *   about, an entry's compressed bytes corrupted, or its XML edited (a slice
 *   deleted or repeated, or a hostile snippet inserted);
 * - stream: for .xls, the BIFF record stream inside the compound file, edited
 *   the same way and written back, so SheetJS's record parser is reached
 *   rather than stopped at the container;
 * - bytes: on the final file, whatever it is: bits flipped, cut short, a
 *   range zeroed, repeated or shuffled in.
 */
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';
import { buildRawZip, crc32, type RawZipEntry } from '../read/zip-builder.js';

export type SourceKind = 'zip' | 'cfb' | 'text';

export interface Source {
  file: string;
  kind: SourceKind;
  bytes: Uint8Array;
}

/** Positions are naturals taken modulo the length they index, so any plan applies to any file. */
export type ByteOp =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'truncate'; at: number }
  | { op: 'zero'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number; times: number }
  | { op: 'insert'; at: number; bytes: number[] };

export type TextEdit =
  | { edit: 'delete'; at: number; length: number }
  | { edit: 'repeat'; at: number; length: number; times: number }
  | { edit: 'insert'; at: number; snippet: number };

export type PackageOp =
  | { op: 'drop'; entry: number }
  | { op: 'duplicate'; entry: number; sameName: boolean }
  | { op: 'shuffle'; seed: number }
  | { op: 'rename'; entry: number; to: number }
  | { op: 'store'; entry: number }
  | { op: 'lie-size'; entry: number; size: number }
  | { op: 'corrupt'; entry: number; at: number; mask: number }
  | { op: 'xml'; entry: number; text: TextEdit };

export type StreamOp = { op: 'stream-bytes'; bytes: ByteOp } | { op: 'stream-text'; text: TextEdit };

export interface Plan {
  source: number;
  package: PackageOp[];
  stream: StreamOp[];
  bytes: ByteOp[];
}

/**
 * What a hostile or careless writer might put in a part: each one aimed at a
 * limit, a lookup or a loop of some reader.
 */
export const SNIPPETS: readonly string[] = [
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
  '<!ENTITY e SYSTEM "file:///etc/passwd">',
  // Not XFD1048576: a cell there makes locate scan 17 billion cells (a known issue, fixtures/expected/bad.json).
  '<c r="XFD12"><v>1</v></c>',
  '<row r="1048576"><c r="A1048576" t="s"><v>0</v></c></row>',
  '<row r="1048577"/>',
  '<row r="0"><c r="A0"/></row>',
  '<c r="ZZZZ1"><v>1</v></c>',
  '<c r="B12" t="s"><v>999999</v></c>',
  '<c r="C12" t="s"><v>-1</v></c>',
  '<c r="C12"><v>1e308</v></c>',
  '<c r="C12"><v>-0</v></c>',
  '<c r="C12"><v>NaN</v></c>',
  '<c r="C12"><v>Infinity</v></c>',
  '<c r="C12"><v>123456789012345678901234567890</v></c>',
  '<c r="C12" t="e"><v>#DIV/0!</v></c>',
  '<c r="D12" t="b"><v>1</v></c>',
  '<c r="D12"><f t="shared" si="0" ref="D12:D1048576">C12*2</f><v>2</v></c>',
  '<c r="E12"><f t="shared" si="0"/></c>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCell ref="A1:A1048576"/>',
  '<mergeCell ref="B12:B9"/>',
  '<col min="1" max="16384" hidden="1"/>',
  '<col min="1" max="99999999999" hidden="1"/>',
  '<dimension ref="A1:XFD1048576"/>',
  '<dataValidation sqref="D1:D1048576" type="whole"/>',
  '<sheet name="__proto__" sheetId="9" r:id="rId1"/>',
  '<sheet name="constructor" sheetId="9" r:id="rId999"/>',
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../../../../etc/passwd"/>',
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="%ZZ%"/>',
  '<si><t>__proto__</t></si>',
  '<t xml:space="preserve">_x0000__x001B_[2J_xD800_</t>',
  `<t>${'x'.repeat(40_000)}</t>`,
  `${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}`,
  '<![CDATA[<c r="A1"><v>1</v></c>]]>',
  '<?xml version="1.0" encoding="UTF-16"?>',
  '&#0;&#xFFFE;&#x1F600;&amp&lt;',
  '\u0000\u0001\uFFFF\uD800',
  '<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>',
  '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell>',
  '<table:table-cell table:number-columns-spanned="16384" table:number-rows-spanned="1048576" office:value-type="float" office:value="1"/>',
  '<table:table-cell table:number-columns-repeated="-5" office:value-type="float" office:value="1"/>',
  '<table:table-column table:number-columns-repeated="1073741824" table:visibility="collapse"/>',
  '<table:table table:name="__proto__"><table:table-row><table:table-cell/></table:table-row></table:table>',
  '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="ce1"/>',
  '"unclosed quote,',
  '\r\n"a""b",,,;;;\t\t\r\n',
  'sep=;\r\n',
  `${'9'.repeat(400)},`,
];

// ---------------------------------------------------------------------------
// Arbitraries

const position = fc.nat({ max: 0x7fffffff });
const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('zero' as const), at: position, length: fc.integer({ min: 1, max: 512 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 256 }), times: fc.integer({ min: 2, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }) }) },
);

const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ edit: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ edit: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 200 }) }),
  { weight: 2, arbitrary: fc.record({ edit: fc.constant('insert' as const), at: position, snippet: fc.nat({ max: SNIPPETS.length - 1 }) }) },
);

const packageOp: fc.Arbitrary<PackageOp> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), entry: position }),
  fc.record({ op: fc.constant('duplicate' as const), entry: position, sameName: fc.boolean() }),
  fc.record({ op: fc.constant('shuffle' as const), seed: position }),
  fc.record({ op: fc.constant('rename' as const), entry: position, to: position }),
  fc.record({ op: fc.constant('store' as const), entry: position }),
  fc.record({ op: fc.constant('lie-size' as const), entry: position, size: fc.oneof(fc.constant(0), fc.constant(0xfffffffe), position) }),
  fc.record({ op: fc.constant('corrupt' as const), entry: position, at: position, mask: fc.integer({ min: 1, max: 255 }) }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant('xml' as const), entry: position, text: textEdit }) },
);

const streamOp: fc.Arbitrary<StreamOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('stream-bytes' as const), bytes: byteOp }) },
  fc.record({ op: fc.constant('stream-text' as const), text: textEdit }),
);

/** A plan for one of `sourceCount` sources; each layer may be empty, but not all of them. */
export function planArbitrary(sourceCount: number): fc.Arbitrary<Plan> {
  return fc
    .record({
      source: fc.nat({ max: sourceCount - 1 }),
      package: fc.array(packageOp, { maxLength: 3 }),
      stream: fc.array(streamOp, { maxLength: 3 }),
      bytes: fc.array(byteOp, { maxLength: 3 }),
    })
    .filter((plan) => plan.package.length + plan.stream.length + plan.bytes.length > 0);
}

// ---------------------------------------------------------------------------
// Applying a plan

export function applyPlan(sources: readonly Source[], plan: Plan): Uint8Array {
  const source = sources[plan.source % sources.length]!;
  let bytes = source.bytes;
  if (source.kind === 'zip' && plan.package.length > 0) bytes = mutatePackage(bytes, plan.package);
  if (source.kind === 'cfb' && plan.stream.length > 0) bytes = mutateCompoundStream(bytes, plan.stream);
  if (source.kind === 'text') for (const op of plan.stream) if (op.op === 'stream-text') bytes = editText(bytes, op.text);
  for (const op of plan.bytes) bytes = applyByteOp(bytes, op);
  return bytes;
}

export function applyByteOp(input: Uint8Array, op: ByteOp): Uint8Array {
  if (input.length === 0) return op.op === 'insert' ? Uint8Array.from(op.bytes) : input;
  const at = op.at % input.length;
  switch (op.op) {
    case 'flip': {
      const out = input.slice();
      out[at] = out[at]! ^ op.mask;
      return out;
    }
    case 'truncate':
      return input.slice(0, at);
    case 'zero': {
      const out = input.slice();
      out.fill(0, at, Math.min(input.length, at + op.length));
      return out;
    }
    case 'repeat': {
      const slice = input.subarray(at, Math.min(input.length, at + op.length));
      const parts = [input.subarray(0, at)];
      for (let i = 0; i < op.times; i++) parts.push(slice);
      parts.push(input.subarray(at));
      return join(parts);
    }
    case 'insert':
      return join([input.subarray(0, at), Uint8Array.from(op.bytes), input.subarray(at)]);
  }
}

function editText(input: Uint8Array, edit: TextEdit): Uint8Array {
  const text = strFromU8(input);
  const at = text.length === 0 ? 0 : edit.at % text.length;
  switch (edit.edit) {
    case 'delete':
      return strToU8(text.slice(0, at) + text.slice(at + edit.length));
    case 'repeat':
      return strToU8(text.slice(0, at) + text.slice(at, at + edit.length).repeat(edit.times) + text.slice(at));
    case 'insert':
      return strToU8(text.slice(0, at) + SNIPPETS[edit.snippet % SNIPPETS.length]! + text.slice(at));
  }
}

interface PackageEntry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  declaredSize?: number;
  /** Compressed bytes after a corruption, used as they are. */
  raw?: Uint8Array;
}

/** Part names a mutation may rename an entry to: the ones readers look for. */
const PART_NAMES = [
  '[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml',
  'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.bin', 'word/document.xml',
  'mimetype', 'content.xml', 'styles.xml', 'META-INF/manifest.xml', '../evil.xml', 'XL/WORKBOOK.XML', '',
];

function mutatePackage(bytes: Uint8Array, ops: readonly PackageOp[]): Uint8Array {
  let entries: PackageEntry[];
  try {
    entries = Object.entries(unzipSync(bytes)).map(([name, data]) => ({ name, data, method: 8 as const }));
  } catch {
    return bytes;
  }
  for (const op of ops) {
    if (entries.length === 0) break;
    const index = 'entry' in op ? op.entry % entries.length : 0;
    const entry = entries[index]!;
    switch (op.op) {
      case 'drop':
        entries.splice(index, 1);
        break;
      case 'duplicate':
        entries.splice(index + 1, 0, { ...entry, name: op.sameName ? entry.name : `${entry.name}.copy` });
        break;
      case 'shuffle':
        entries = shuffled(entries, op.seed);
        break;
      case 'rename':
        entries[index] = { ...entry, name: PART_NAMES[op.to % PART_NAMES.length]! };
        break;
      case 'store':
        entries[index] = { ...entry, method: 0 };
        break;
      case 'lie-size':
        entries[index] = { ...entry, declaredSize: op.size };
        break;
      case 'corrupt': {
        const raw = (entry.raw ?? compress(entry)).slice();
        if (raw.length > 0) raw[op.at % raw.length] = raw[op.at % raw.length]! ^ op.mask;
        entries[index] = { ...entry, raw };
        break;
      }
      case 'xml':
        entries[index] = { ...entry, data: editText(entry.data, op.text), raw: undefined };
        break;
    }
  }
  return buildRawZip(entries.map(toRawEntry));
}

function compress(entry: PackageEntry): Uint8Array {
  return entry.method === 8 ? deflateSync(entry.data, { level: 6 }) : entry.data;
}

function toRawEntry(entry: PackageEntry): RawZipEntry {
  return {
    name: entry.name,
    stored: entry.raw ?? compress(entry),
    method: entry.method,
    declaredSize: entry.declaredSize ?? entry.data.length,
    crc: crc32(entry.data),
  };
}

/** A deterministic Fisher–Yates shuffle from a seed (a small LCG: it only has to differ by seed). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface CompoundApi {
  read(data: Uint8Array, options: { type: 'array' }): unknown;
  find(container: unknown, path: string): { content: Uint8Array | number[]; size: number } | null;
  write(container: unknown, options: { type: 'array' }): Uint8Array | number[];
}

/** Edits the Workbook (or Book) stream of an .xls and writes the compound file back. */
function mutateCompoundStream(bytes: Uint8Array, ops: readonly StreamOp[]): Uint8Array {
  const cfb = XLSX.CFB as unknown as CompoundApi;
  try {
    const container = cfb.read(bytes, { type: 'array' });
    const entry = cfb.find(container, 'Workbook') ?? cfb.find(container, 'Book');
    if (!entry) return bytes;
    let stream = entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content);
    for (const op of ops) stream = op.op === 'stream-bytes' ? applyByteOp(stream, op.bytes) : editText(stream, op.text);
    entry.content = stream;
    entry.size = stream.length;
    const written = cfb.write(container, { type: 'array' });
    return written instanceof Uint8Array ? written : Uint8Array.from(written);
  } catch {
    return bytes;
  }
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
