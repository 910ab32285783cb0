/**
 * TCVN3 ("ABC", TCVN 5712:1993 VN3): the 8-bit Vietnamese encoding behind
 * the `.VnTime`, `.VnArial`, `.VnTimeH`… fonts.
 *
 * A workbook stores what the keyboard driver sent through the Windows-1252
 * code page, so a TCVN3 cell reads back as Latin-1 look-alikes:
 * "Tr\u00ADêng" is "Trường" (0xAD = ư, 0xEA = ờ).
 *
 * VN3 is the subset of TCVN 5712 without capital letters carrying a tone:
 * besides the 67 small letters it has only Ă Â Ê Ô Ơ Ư Đ. Capitals with a
 * tone were typed with the companion "H" fonts (`.VnTimeH`), whose glyphs at
 * the same codes are capitals — so decoding for an H font upper-cases.
 *
 * Checked against libX11/libiconv's TCVN-5712 table (lcUniConv/tcvn.h, the
 * 0xA1–0xFE range), and the TCVN3 tables of duydev/vietnamese-conversion,
 * cmpitg/bogoengine and Eruylz/XuatThuy, which agree code for code.
 */

/** TCVN3 code → Unicode letter (NFC). Codes not listed are left as they are. */
export const TCVN3_TABLE: ReadonlyMap<number, string> = new Map<number, string>([
  // Capitals without tone (the only capitals VN3 has).
  [0xa1, 'Ă'],
  [0xa2, 'Â'],
  [0xa3, 'Ê'],
  [0xa4, 'Ô'],
  [0xa5, 'Ơ'],
  [0xa6, 'Ư'],
  [0xa7, 'Đ'],
  // Small letters without tone.
  [0xa8, 'ă'],
  [0xa9, 'â'],
  [0xaa, 'ê'],
  [0xab, 'ô'],
  [0xac, 'ơ'],
  [0xad, 'ư'],
  [0xae, 'đ'],
  // a: grave, hook, tilde, acute, dot below.
  [0xb5, 'à'],
  [0xb6, 'ả'],
  [0xb7, 'ã'],
  [0xb8, 'á'],
  [0xb9, 'ạ'],
  // ă
  [0xbb, 'ằ'],
  [0xbc, 'ẳ'],
  [0xbd, 'ẵ'],
  [0xbe, 'ắ'],
  [0xc6, 'ặ'],
  // â
  [0xc7, 'ầ'],
  [0xc8, 'ẩ'],
  [0xc9, 'ẫ'],
  [0xca, 'ấ'],
  [0xcb, 'ậ'],
  // e
  [0xcc, 'è'],
  [0xce, 'ẻ'],
  [0xcf, 'ẽ'],
  [0xd0, 'é'],
  [0xd1, 'ẹ'],
  // ê
  [0xd2, 'ề'],
  [0xd3, 'ể'],
  [0xd4, 'ễ'],
  [0xd5, 'ế'],
  [0xd6, 'ệ'],
  // i
  [0xd7, 'ì'],
  [0xd8, 'ỉ'],
  [0xdc, 'ĩ'],
  [0xdd, 'í'],
  [0xde, 'ị'],
  // o
  [0xdf, 'ò'],
  [0xe1, 'ỏ'],
  [0xe2, 'õ'],
  [0xe3, 'ó'],
  [0xe4, 'ọ'],
  // ô
  [0xe5, 'ồ'],
  [0xe6, 'ổ'],
  [0xe7, 'ỗ'],
  [0xe8, 'ố'],
  [0xe9, 'ộ'],
  // ơ
  [0xea, 'ờ'],
  [0xeb, 'ở'],
  [0xec, 'ỡ'],
  [0xed, 'ớ'],
  [0xee, 'ợ'],
  // u
  [0xef, 'ù'],
  [0xf1, 'ủ'],
  [0xf2, 'ũ'],
  [0xf3, 'ú'],
  [0xf4, 'ụ'],
  // ư
  [0xf5, 'ừ'],
  [0xf6, 'ử'],
  [0xf7, 'ữ'],
  [0xf8, 'ứ'],
  [0xf9, 'ự'],
  // y
  [0xfa, 'ỳ'],
  [0xfb, 'ỷ'],
  [0xfc, 'ỹ'],
  [0xfd, 'ý'],
  [0xfe, 'ỵ'],
]);

/** Indexed by char code (0–255) for a one-pass decode. */
const DECODE: ReadonlyArray<string | undefined> = (() => {
  const table: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  for (const [code, letter] of TCVN3_TABLE) table[code] = letter;
  return table;
})();

/** True when the character is one of the TCVN3 codes that stand for a Vietnamese letter. */
export function isTcvn3Code(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 256 && DECODE[code] !== undefined;
}

/**
 * Decodes TCVN3 text read as Latin-1/Windows-1252 characters. `upper` is for
 * the H fonts (`.VnTimeH`, `.VnArialH`…), which show every letter as a capital.
 * Characters that are not TCVN3 letter codes pass through unchanged.
 */
export function decodeTcvn3(text: string, upper: boolean): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xa1 || code > 0xfe) continue;
    const letter = DECODE[code];
    if (letter === undefined) continue;
    out += text.slice(start, i) + letter;
    start = i + 1;
  }
  out += text.slice(start);
  return upper ? out.toUpperCase() : out;
}
