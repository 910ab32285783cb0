// Bad files for the soak test of `npm run bench`: what a folder of returns
// really holds besides good forms, plus a few hostile ones.
//
// Each bad file is made from a base submission whose unit is NOT among the
// good files of the soak, so a bad file can never stand in as a resubmission
// of a good unit: if one were accepted it would show as extra totals, which is
// exactly what the soak checks for.
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { unzipSync, Zip, ZipDeflate } from 'fflate';

const MiB = 1024 * 1024;
/** Inflated size of each bomb part: "a few hundred MB", about 400 KB on disk. */
export const BOMB_MIB = 400;

/** Small deterministic PRNG (mulberry32): the same seed gives the same bad files. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of each kind, for `count` bad files: three bombs, the rest as damage really comes. */
export function badKinds(count) {
  const bombs = ['bomb-zeros', 'bomb-xml-whitespace', 'bomb-shared-strings'];
  const rest = count - bombs.length;
  const empty = Math.round(rest * 0.1);
  const text = Math.round(rest * 0.1);
  const truncated = Math.round(rest * 0.3);
  const flipped = rest - empty - text - truncated;
  return [
    ...Array(flipped).fill('flipped'),
    ...Array(truncated).fill('truncated'),
    ...Array(empty).fill('empty'),
    ...Array(text).fill('text'),
    ...bombs,
  ];
}

/** Writes one bad file per base file into outDir, same name as its base; returns [{ name, kind }]. */
export function makeBadFiles(baseFiles, outDir, seed) {
  const random = prng(seed);
  const kinds = badKinds(baseFiles.length);
  return baseFiles.map((base, i) => {
    const kind = kinds[i];
    const name = path.basename(base);
    writeFileSync(path.join(outDir, name), BAD[kind](readFileSync(base), random));
    return { name, kind };
  });
}

const BAD = {
  // Damage in transit: bytes flipped inside the worksheet's compressed data,
  // always including its first bytes (the deflate block header and code
  // tables), so the sheet cannot inflate back to the form.
  flipped(bytes, random) {
    const copy = new Uint8Array(bytes);
    const { start, end } = entryData(copy, 'xl/worksheets/sheet1.xml');
    const flips = 1 + Math.floor(random() * 8);
    for (let k = 0; k < flips; k++) {
      const at = k === 0 ? start + Math.floor(random() * Math.min(16, end - start)) : start + Math.floor(random() * (end - start));
      copy[at] ^= 1 + Math.floor(random() * 255);
    }
    return copy;
  },
  // An interrupted download or a mail attachment cut short.
  truncated(bytes, random) {
    return bytes.subarray(0, Math.floor(bytes.length * (0.05 + random() * 0.9)));
  },
  empty() {
    return new Uint8Array(0);
  },
  // Text saved under an .xlsx name: a mail body pasted into a file.
  text() {
    return Buffer.from(
      'Kính gửi: Sở Giáo dục và Đào tạo Hải Phòng\r\n' +
        'Đơn vị xin gửi báo cáo thống kê đăng ký tài khoản “Công dân học tập” năm 2024.\r\n' +
        'Tổng số cán bộ: 86, đã đăng ký: 84, chưa đăng ký: 2 (nghỉ thai sản).\r\nTrân trọng./.\r\n',
      'utf8',
    );
  },
  // Zip bombs: a real package whose one part inflates to hundreds of MB.
  'bomb-zeros': (bytes) => withBombPart(bytes, 'xl/worksheets/sheet1.xml', null, () => new Uint8Array(MiB), null),
  'bomb-xml-whitespace': (bytes) =>
    withBombPart(
      bytes,
      'xl/worksheets/sheet1.xml',
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
      () => new Uint8Array(MiB).fill(0x20),
      '</sheetData></worksheet>',
    ),
  'bomb-shared-strings': (bytes) =>
    withBombPart(
      bytes,
      'xl/sharedStrings.xml',
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      () => repeatToMiB('<si><t>Trường THCS Lê Lợi</t></si>'),
      '</sst>',
      true,
    ),
};

function repeatToMiB(text) {
  const unit = Buffer.from(text, 'utf8');
  const out = new Uint8Array(Math.floor(MiB / unit.length) * unit.length);
  for (let at = 0; at < out.length; at += unit.length) out.set(unit, at);
  return out;
}

/**
 * The base package with `part` replaced by head + BOMB_MIB × chunk + tail,
 * deflated as it is produced so the bomb never sits in memory. For the shared
 * strings bomb the part is also declared, so a reader really opens it.
 */
function withBombPart(bytes, part, head, chunk, tail, declareSharedStrings = false) {
  const parts = unzipSync(bytes);
  if (declareSharedStrings) declareSharedStringsPart(parts);
  const out = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    out.push(data);
  });
  for (const [name, data] of Object.entries(parts)) {
    if (name === part) continue;
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(data, true);
  }
  const bomb = new ZipDeflate(part, { level: 9 });
  zip.add(bomb);
  if (head) bomb.push(Buffer.from(head, 'utf8'));
  const block = chunk();
  for (let i = 0; i < BOMB_MIB; i++) bomb.push(block);
  bomb.push(tail ? Buffer.from(tail, 'utf8') : new Uint8Array(0), true);
  zip.end();
  return Buffer.concat(out);
}

function declareSharedStringsPart(parts) {
  const types = new TextDecoder().decode(parts['[Content_Types].xml']);
  const rels = new TextDecoder().decode(parts['xl/_rels/workbook.xml.rels']);
  if (!types.includes('/xl/sharedStrings.xml')) {
    parts['[Content_Types].xml'] = Buffer.from(
      types.replace(
        '</Types>',
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
    );
  }
  if (!rels.includes('sharedStrings')) {
    parts['xl/_rels/workbook.xml.rels'] = Buffer.from(
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>',
      ),
    );
  }
}

/** Byte range of one entry's compressed data, from the central directory and its local header. */
export function entryData(bytes, name) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < entries; i++) {
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const entryName = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (entryName === name) {
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      return { start, end: start + compressed };
    }
    at += 46 + skip;
  }
  throw new Error(`no ${name} in the package`);
}
