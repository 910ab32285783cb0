import { describe, expect, it } from 'vitest';
import { decodeLegacyText } from '../../src/locate/legacy/decode.js';
import {
  encodingFromFont,
  guessEncodingFromText,
  isVietnameseSyllable,
} from '../../src/locate/legacy/detect.js';
import { decodeTcvn3, TCVN3_TABLE } from '../../src/locate/legacy/tcvn3.js';
import { decodeVni, VNI_SEQUENCES } from '../../src/locate/legacy/vni.js';

// --- Encoders: the decoding tables inverted --------------------------------

const TCVN3_ENCODE = new Map([...TCVN3_TABLE].map(([code, letter]) => [letter, String.fromCharCode(code)]));

/** Unicode → TCVN3 for a normal font (`.VnTime`): capitals with a tone do not exist there. */
function toTcvn3(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = TCVN3_ENCODE.get(ch);
    if (code !== undefined) out += code;
    else if (ch.charCodeAt(0) < 0x80) out += ch;
    else throw new Error(`no TCVN3 code for ${ch}`);
  }
  return out;
}

/** Unicode → TCVN3 for an H font (`.VnTimeH`): typed with the small-letter codes. */
function toTcvn3H(text: string): string {
  return toTcvn3(text.toLowerCase());
}

/** Unicode → VNI-Windows. */
function toVni(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const seq = VNI_SEQUENCES.get(ch);
    if (seq !== undefined) out += seq;
    else if (ch.charCodeAt(0) < 0x80) out += ch;
    else throw new Error(`no VNI spelling for ${ch}`);
  }
  return out;
}

// --- Every Vietnamese letter, built from Unicode itself ----------------------

const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const SMALL_LETTERS = [
  ...VOWELS.flatMap((v) =>
    TONES.map((t) => (v.normalize('NFD') + t).normalize('NFC')).filter((l) => !/^[aeiouy]$/.test(l)),
  ),
  'đ',
];
const CAPITAL_LETTERS = SMALL_LETTERS.map((l) => l.toUpperCase());
const ALL_LETTERS = [...SMALL_LETTERS, ...CAPITAL_LETTERS];

// --- Phrases of the domain -------------------------------------------------

const PHRASES = [
  'Trường THPT Trần Phú',
  'Phòng Giáo dục và Đào tạo quận Lê Chân',
  'Tổng số cán bộ, công chức, viên chức, người lao động',
  'Tổng số người đã đăng ký tài khoản',
  'Nguyên nhân',
  'Nghỉ thai sản',
  'Chưa có điện thoại thông minh',
  'Học sinh lớp 10 chưa có căn cước công dân',
  'Độc lập - Tự do - Hạnh phúc',
  'Sở Giáo dục và Đào tạo thành phố Hải Phòng',
  'Uỷ ban nhân dân phường Hưng Đạo',
];
const UPPER_PHRASES = ['CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO KẾT QUẢ TRIỂN KHAI NĂM HỌC 2024 - 2025'];

/**
 * Legacy strings written by hand elsewhere, not by these tables, so a wrong
 * table cannot pass by symmetry. Sources:
 *  - "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc",
 *    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Ñoäc laäp - Töï do - Haïnh phuùc":
 *    the national motto as it shows in any old document opened without the
 *    fonts; quoted in many public converters' tests.
 *  - duydev/vietnamese-conversion tests/helpers/test-data.ts and
 *    example/basic-usage.js ("Xin chµo c¸c b¹n", "T«i ®i häc", "TiÕng ViÖt rÊt hay",
 *    "Xin chaøo caùc baïn", "Toâi ñi hoïc", "Tieáng Vieät raát hay").
 *  - Ductrung03/DuBaoMatRung server/test.js (Lào Cai place names:
 *    "B¶o Th¾ng", "M\u00adêng Kh\u00ad¬ng", "B¸t X¸t").
 *  - A Ministry of Finance decision of November 2002 read as Latin-1
 *    ("Hµ néi, ngµy 22 th¸ng 11 n¨m 2002", "quyÕt ®Þnh cña bé tr\u00adëng bé tµi chÝnh").
 */
const TCVN3_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ['Céng hoµ x· héi chñ nghÜa ViÖt Nam', 'Cộng hoà xã hội chủ nghĩa Việt Nam'],
  ['§éc lËp - Tù do - H¹nh phóc', 'Độc lập - Tự do - Hạnh phúc'],
  ['Xin chµo c¸c b¹n', 'Xin chào các bạn'],
  ['T«i ®i häc', 'Tôi đi học'],
  ['TiÕng ViÖt rÊt hay', 'Tiếng Việt rất hay'],
  ['B¶o Th¾ng', 'Bảo Thắng'],
  ['M\u00adêng Kh\u00ad¬ng', 'Mường Khương'],
  ['B¸t X¸t', 'Bát Xát'],
  ['Hµ néi, ngµy 22 th¸ng 11 n¨m 2002', 'Hà nội, ngày 22 tháng 11 năm 2002'],
  ['quyÕt ®Þnh cña bé tr\u00adëng bé tµi chÝnh', 'quyết định của bộ trưởng bộ tài chính'],
  ['C¨n cø NghÞ ®Þnh sè 15/CP', 'Căn cứ Nghị định số 15/CP'],
];
const VNI_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ['Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam', 'Cộng hòa xã hội chủ nghĩa Việt Nam'],
  ['Ñoäc laäp - Töï do - Haïnh phuùc', 'Độc lập - Tự do - Hạnh phúc'],
  ['Xin chaøo caùc baïn', 'Xin chào các bạn'],
  ['Toâi ñi hoïc', 'Tôi đi học'],
  ['Tieáng Vieät raát hay', 'Tiếng Việt rất hay'],
  ['COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
];

describe('tables', () => {
  it('TCVN3 has the 67 small letters and the 7 capitals without tone, each once', () => {
    const letters = [...TCVN3_TABLE.values()];
    expect(new Set(letters).size).toBe(letters.length);
    expect(letters.filter((l) => l === l.toLowerCase()).sort()).toEqual([...SMALL_LETTERS].sort());
    expect(letters.filter((l) => l !== l.toLowerCase()).sort()).toEqual(['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'].sort());
    for (const code of TCVN3_TABLE.keys()) expect(code >= 0xa1 && code <= 0xfe).toBe(true);
  });

  it('TCVN3 spot values from the standard', () => {
    // ư 0xAD, ờ 0xEA, đ 0xAE, Đ 0xA7, á 0xB8, à 0xB5, ộ 0xE9, ữ 0xF7, ỵ 0xFE.
    expect(decodeTcvn3('\u00ad\u00ea\u00ae\u00a7\u00b8\u00b5\u00e9\u00f7\u00fe', false)).toBe('ườđĐáàộữỵ');
  });

  it('VNI has all 134 letters, each spelled differently', () => {
    expect(VNI_SEQUENCES.size).toBe(134);
    expect([...VNI_SEQUENCES.keys()].sort()).toEqual([...ALL_LETTERS].sort());
    expect(new Set(VNI_SEQUENCES.values()).size).toBe(134);
  });

  it('VNI spot values from the vietunicode chart (hex bytes)', () => {
    const bytes = (...codes: number[]): string => String.fromCharCode(...codes);
    expect(decodeVni(bytes(0x41, 0xd8))).toBe('À');
    expect(decodeVni(bytes(0x41, 0xd9))).toBe('Á');
    expect(decodeVni(bytes(0x41, 0xc2))).toBe('Â');
    expect(decodeVni(bytes(0x41, 0xd5))).toBe('Ã');
    expect(decodeVni(bytes(0x61, 0xf8))).toBe('à');
    expect(decodeVni(bytes(0x61, 0xf9))).toBe('á');
    expect(decodeVni(bytes(0xcc))).toBe('Ì');
    expect(decodeVni(bytes(0xcd))).toBe('Í');
  });

  it('the test alphabet really is 134 letters', () => {
    expect(SMALL_LETTERS).toHaveLength(67);
    expect(new Set(ALL_LETTERS).size).toBe(134);
  });
});

describe('every letter round-trips', () => {
  it.each(SMALL_LETTERS)('TCVN3 %s (.VnTime)', (letter) => {
    const encoded = toTcvn3(letter);
    expect(encoded).toHaveLength(1);
    expect(decodeTcvn3(encoded, false)).toBe(letter);
    expect(decodeLegacyText(`T${encoded}n`, '.VnTime').text).toBe(`T${letter}n`);
  });

  it.each(CAPITAL_LETTERS)('TCVN3 %s (.VnTimeH)', (letter) => {
    expect(decodeTcvn3(toTcvn3H(letter), true)).toBe(letter);
    expect(decodeLegacyText(toTcvn3H(`T${letter}N`), '.VnTimeH').text).toBe(`T${letter}N`);
  });

  it('TCVN3 capitals without tone in a normal font', () => {
    expect(decodeTcvn3(toTcvn3('ĂÂÊÔƠƯĐ'), false)).toBe('ĂÂÊÔƠƯĐ');
    expect(() => toTcvn3('Ấ')).toThrow();
  });

  it.each(ALL_LETTERS)('VNI %s', (letter) => {
    const encoded = toVni(letter);
    expect(decodeVni(encoded)).toBe(letter);
    expect(decodeVni(`T${encoded}n`)).toBe(`T${letter}n`);
    expect(decodeLegacyText(`T${encoded}n`, 'VNI-Times').text).toBe(`T${letter}n`);
  });

  it('every tone on every vowel, as whole words', () => {
    for (const letter of SMALL_LETTERS) {
      const word = `ngh${letter}nh`;
      expect(decodeTcvn3(toTcvn3(word), false)).toBe(word);
      expect(decodeVni(toVni(word))).toBe(word);
      expect(decodeVni(toVni(word.toUpperCase()))).toBe(word.toUpperCase());
    }
  });
});

describe('phrases of the domain', () => {
  it.each(PHRASES)('TCVN3: %s', (phrase) => {
    const legacy = toTcvn3(phrase);
    expect(legacy).not.toBe(phrase);
    expect(decodeLegacyText(legacy, '.VnTime')).toEqual({ text: phrase, encoding: 'tcvn3' });
    expect(decodeLegacyText(legacy, '.VnArial')).toEqual({ text: phrase, encoding: 'tcvn3' });
    expect(decodeLegacyText(legacy)).toEqual({ text: phrase, encoding: 'tcvn3' });
  });

  it.each(PHRASES)('VNI: %s', (phrase) => {
    const legacy = toVni(phrase);
    expect(decodeLegacyText(legacy, 'VNI-Times')).toEqual({ text: phrase, encoding: 'vni' });
    expect(decodeLegacyText(legacy)).toEqual({ text: phrase, encoding: 'vni' });
    expect(decodeLegacyText(toVni(phrase.toUpperCase()))).toEqual({ text: phrase.toUpperCase(), encoding: 'vni' });
  });

  it.each(UPPER_PHRASES)('TCVN3 .VnTimeH: %s', (phrase) => {
    expect(decodeLegacyText(toTcvn3H(phrase), '.VnTimeH')).toEqual({ text: phrase, encoding: 'tcvn3' });
    expect(decodeLegacyText(toTcvn3H(phrase), '.VnArialH')).toEqual({ text: phrase, encoding: 'tcvn3' });
    // The plain letters typed in capitals, as often as not; the codes stay.
    const capsTyped = toTcvn3H(phrase).replace(/[a-z]/g, (c) => c.toUpperCase());
    expect(decodeLegacyText(capsTyped, '.VnTimeH').text).toBe(phrase);
  });

  it('capitals with a tone, which only VNI can write in a normal font', () => {
    const phrase = 'Ủy ban nhân dân xã Ẳng Nưa, Ấp Ổ Đồng';
    expect(() => toTcvn3(phrase)).toThrow();
    expect(decodeLegacyText(toVni(phrase), 'VNI-Times')).toEqual({ text: phrase, encoding: 'vni' });
    expect(decodeLegacyText(toVni(phrase))).toEqual({ text: phrase, encoding: 'vni' });
  });

  it.each(UPPER_PHRASES)('VNI capitals: %s', (phrase) => {
    expect(decodeLegacyText(toVni(phrase), 'VNI-Helve')).toEqual({ text: phrase, encoding: 'vni' });
  });

  it('the Trường THPT example byte for byte', () => {
    expect(toTcvn3('Trường THPT')).toBe('Tr\u00ad\u00eang THPT');
    expect(toVni('Trường')).toBe('Tröôøng');
  });
});

describe('hand-written legacy strings from independent sources', () => {
  it.each(TCVN3_LITERALS)('TCVN3 %s', (legacy, unicode) => {
    expect(decodeTcvn3(legacy, false)).toBe(unicode);
    expect(decodeLegacyText(legacy, '.VnTime')).toEqual({ text: unicode, encoding: 'tcvn3' });
    expect(guessEncodingFromText(legacy)).toBe('tcvn3');
  });

  it.each(VNI_LITERALS)('VNI %s', (legacy, unicode) => {
    expect(decodeVni(legacy)).toBe(unicode);
    expect(decodeLegacyText(legacy, 'VNI-Times')).toEqual({ text: unicode, encoding: 'vni' });
    expect(guessEncodingFromText(legacy)).toBe('vni');
  });

  it('.VnTimeH heading as typed in a real document', () => {
    expect(decodeLegacyText('CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM', '.VnTimeH').text).toBe(
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    );
  });
});

describe('VNI decoding details', () => {
  it('takes the longest run of marks that makes a letter', () => {
    expect(decodeVni('Nguyeãn')).toBe('Nguyễn');
    expect(decodeVni('Ñaëng')).toBe('Đặng');
    expect(decodeVni('khuûng hoaûng')).toBe('khủng hoảng');
  });

  it('tolerates separate tone bytes and mixed case', () => {
    expect(decodeVni('iù')).toBe('í');
    expect(decodeVni('yï')).toBe('ỵ');
    expect(decodeVni('aâù')).toBe('ấ');
    expect(decodeVni('Aù')).toBe('Á');
    expect(decodeVni('aÙ')).toBe('á');
  });

  it('leaves marks no letter can take', () => {
    expect(decodeVni('ù')).toBe('ù');
    expect(decodeVni('uâ')).toBe('uâ');
    expect(decodeVni('eê')).toBe('eê');
    expect(decodeVni('plain ASCII 123')).toBe('plain ASCII 123');
  });
});

describe('TCVN3 decoding details', () => {
  it('leaves codes VN3 does not assign and characters outside Latin-1', () => {
    expect(decodeTcvn3('\u00c0\u00c1\u00ff – “x” 1/2', false)).toBe('\u00c0\u00c1\u00ff – “x” 1/2');
  });

  it('upper-cases everything for H fonts', () => {
    expect(decodeTcvn3('tr\u00ad\u00eang thpt', true)).toBe('TRƯỜNG THPT');
  });
});

describe('encodingFromFont', () => {
  it('names TCVN3 fonts, and their capital variants', () => {
    expect(encodingFromFont('.VnTime')).toEqual({ encoding: 'tcvn3', upper: false });
    expect(encodingFromFont('.VnArial')).toEqual({ encoding: 'tcvn3', upper: false });
    expect(encodingFromFont('.VnCentury Schoolbook')).toEqual({ encoding: 'tcvn3', upper: false });
    expect(encodingFromFont('.VnTimeH')).toEqual({ encoding: 'tcvn3', upper: true });
    expect(encodingFromFont('.VnArialH')).toEqual({ encoding: 'tcvn3', upper: true });
    expect(encodingFromFont('.vntimeh')).toEqual({ encoding: 'tcvn3', upper: true });
    expect(encodingFromFont(' .VNTIME ')).toEqual({ encoding: 'tcvn3', upper: false });
  });

  it('names VNI fonts', () => {
    expect(encodingFromFont('VNI-Times')).toEqual({ encoding: 'vni', upper: false });
    expect(encodingFromFont('VNI-Helve')).toEqual({ encoding: 'vni', upper: false });
    expect(encodingFromFont('vni-univer')).toEqual({ encoding: 'vni', upper: false });
  });

  it('ignores everything else', () => {
    for (const font of [undefined, '', 'Times New Roman', 'Arial', 'Calibri', 'VnTime', '.Vn', 'VNI', 'Vni Times']) {
      expect(encodingFromFont(font)).toBeNull();
    }
  });
});

describe('guessEncodingFromText', () => {
  it('leaves Unicode Vietnamese alone, composed or not', () => {
    for (const phrase of [...PHRASES, ...UPPER_PHRASES]) {
      expect(guessEncodingFromText(phrase)).toBeNull();
      expect(guessEncodingFromText(phrase.normalize('NFD'))).toBeNull();
    }
    // Unicode Vietnamese that happens to stay inside Latin-1.
    for (const text of ['Giáo viên', 'Có', 'Không có', 'Tên giáo viên', 'Bà Lan', 'Nguyên nhân', 'Ghi chú', 'Có nhà không']) {
      expect(guessEncodingFromText(text)).toBeNull();
    }
  });

  it('leaves ASCII and other Western languages alone', () => {
    for (const text of [
      '',
      'Tong so nguoi',
      'THPT 2024-2025, 10A1',
      'Café Müller',
      'Müller Straße Größe Übersicht',
      'Düsseldorf, Köln',
      'Le café « crème » coûte trop cher à Paris, où l’été est chaud.',
      'Là où il y a une volonté, il y a un chemin',
      'Crème brûlée à la française',
      'naïve café résumé',
      'São Paulo não é uma cidade pequena',
      'Señor López, ¿qué tal? El niño está aquí',
      'Hôtel de ville',
      'où',
      '© 2020',
      '5 µm',
      'Citroën, Noël, Pokémon',
    ]) {
      expect(guessEncodingFromText(text)).toBeNull();
    }
  });

  it('recognises typical legacy cells', () => {
    expect(guessEncodingFromText('Hä vµ tªn')).toBe('tcvn3');
    expect(guessEncodingFromText('Tæng sè')).toBe('tcvn3');
    expect(guessEncodingFromText('N÷')).toBe('tcvn3');
    expect(guessEncodingFromText('Tr\u00adêng THPT TrÇn Phó')).toBe('tcvn3');
    expect(guessEncodingFromText('Hoï vaø teân')).toBe('vni');
    expect(guessEncodingFromText('Toång soá')).toBe('vni');
    expect(guessEncodingFromText('Tröôøng THPT Traàn Phuù')).toBe('vni');
  });
});

describe('decodeLegacyText', () => {
  it('keeps Unicode text under a legacy font (a cell retyped later)', () => {
    for (const phrase of PHRASES) {
      expect(decodeLegacyText(phrase, '.VnTime')).toEqual({ text: phrase, encoding: null });
      expect(decodeLegacyText(phrase, 'VNI-Times')).toEqual({ text: phrase, encoding: null });
    }
    expect(decodeLegacyText('Giáo viên', '.VnTime')).toEqual({ text: 'Giáo viên', encoding: null });
  });

  it('returns NFC, and null when nothing changed', () => {
    const nfd = 'Trường THPT'.normalize('NFD');
    expect(decodeLegacyText(nfd)).toEqual({ text: 'Trường THPT', encoding: null });
    expect(decodeLegacyText('Tong so', '.VnTime')).toEqual({ text: 'Tong so', encoding: null });
    expect(decodeLegacyText('Café Müller')).toEqual({ text: 'Café Müller', encoding: null });
  });

  it('trusts the font over the guess', () => {
    // "Cã" alone could be Unicode; with .VnTime it is "Có".
    expect(decodeLegacyText('Cã', '.VnTime')).toEqual({ text: 'Có', encoding: 'tcvn3' });
    expect(decodeLegacyText('Cã')).toEqual({ text: 'Cã', encoding: null });
    expect(decodeLegacyText('tong so', '.VnTimeH')).toEqual({ text: 'TONG SO', encoding: 'tcvn3' });
  });

  it('is fast enough for whole sheets', () => {
    const cell = toTcvn3('Tổng số cán bộ, công chức, viên chức, người lao động');
    const big = Array.from({ length: 5000 }, () => cell).join('\n');
    const started = performance.now();
    const { text, encoding } = decodeLegacyText(big);
    expect(encoding).toBe('tcvn3');
    expect(text.startsWith('Tổng số cán bộ')).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('isVietnameseSyllable', () => {
  it('accepts syllables and rejects non-syllables', () => {
    for (const w of ['trường', 'nghiêng', 'khuya', 'quốc', 'giữa', 'gì', 'xoong', 'thuở', 'oái', 'NGHĨA']) {
      expect(isVietnameseSyllable(w)).toBe(true);
    }
    for (const w of ['café', 'müller', 'viờn', 'cafộ', 'tat', 'ăa', 'hóà', 'straße']) {
      expect(isVietnameseSyllable(w)).toBe(false);
    }
  });
});

describe('guessing on longer legacy text', () => {
  it('tolerates a few words that are not syllables (names, lost soft hyphens)', () => {
    const text = toTcvn3('Trường THPT Đắk Lắk, Krông Búk: Quý vị đại biểu, ý kiến của trưởng ban');
    expect(guessEncodingFromText(text)).toBe('tcvn3');
    expect(guessEncodingFromText(toVni('Trường THPT Đắk Lắk, Krông Búk: Quý vị đại biểu, ý kiến của trưởng ban'))).toBe('vni');
  });
});

describe('cells from the legacy fixtures (no font information)', () => {
  // Cell texts of fixtures/real/legacy-tcvn3-vntime.xls and legacy-vni-times.xlsx.
  it.each([
    ['CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM', 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    ['TR\u00adêNG THPT B¹CH ®»NG', 'TRƯỜNG THPT BẠCH ĐẰNG'],
    ['®¬N VÞ', 'ĐƠN VỊ'],
    ['THñ TR\u00adëNG ®¬N VÞ', 'THỦ TRƯỞNG ĐƠN VỊ'],
    ['THèNG Kª', 'THỐNG KÊ'],
    ['Tr\u00adêng THPT B¹ch §»ng', 'Trường THPT Bạch Đằng'],
    ['H¶i Phßng, ngµy 20 th¸ng 4 n¨m 2024', 'Hải Phòng, ngày 20 tháng 4 năm 2024'],
    ['§oµn ThÞ Lôa', 'Đoàn Thị Lụa'],
    ['NguyÔn V¨n Thµnh', 'Nguyễn Văn Thành'],
    ['Tæng sè c¸n bé, c«ng chøc, viªn chøc, ng\u00adêi lao ®éng (tÝnh ®Õn ®¬n vÞ/ bé ph©n trùc thuéc)',
      'Tổng số cán bộ, công chức, viên chức, người lao động (tính đến đơn vị/ bộ phân trực thuộc)'],
  ])('TCVN3 %s', (legacy, unicode) => {
    expect(decodeLegacyText(legacy)).toEqual({ text: unicode, encoding: 'tcvn3' });
  });

  it.each([
    ['SÔÛ GD&ÑT HAÛI PHOØNG', 'SỞ GD&ĐT HẢI PHÒNG'],
    ['TRÖÔØNG THPT MAÏC ÑÓNH CHI', 'TRƯỜNG THPT MẠC ĐĨNH CHI'],
    ['ÑÔN VÒ', 'ĐƠN VỊ'],
    ['Ñoäc laäp – Töï do – Haïnh phuùc', 'Độc lập – Tự do – Hạnh phúc'],
    ['Nghæ thai saûn; môùi chuyeån coâng taùc ñeán', 'Nghỉ thai sản; mới chuyển công tác đến'],
    ['Vuõ Thò Lieân', 'Vũ Thị Liên'],
    ['Traàn Minh Ñaïo', 'Trần Minh Đạo'],
  ])('VNI %s', (legacy, unicode) => {
    expect(decodeLegacyText(legacy)).toEqual({ text: unicode, encoding: 'vni' });
  });

  it('leaves cells that give no evidence', () => {
    expect(decodeLegacyText('TT')).toEqual({ text: 'TT', encoding: null });
  });
});
