/**
 * VNI-Windows: the 8-bit Vietnamese encoding behind the `VNI-Times`,
 * `VNI-Helve`, `VNI-Univer`… fonts.
 *
 * Most letters are a plain base letter followed by one "mark" byte drawn by
 * the font as a zero-width accent: "aù" is "á", "aá" is "ấ" (circumflex and
 * acute in one byte), "aé" is "ắ". Only ơ (ô), ư (ö), đ (ñ), the toned i's
 * (í ì æ ó ò) and ỵ (î) are single bytes. Capitals are the Latin-1 capitals
 * of the same bytes: "AÙ" is "Á", "Ñ" is "Đ".
 *
 * Checked against lamdao/xvnkb (vni.h, ordered by tone number) and
 * duydev/vietnamese-conversion (charsets.ts, letter by letter), which agree
 * on every letter, and the spot values of the vietunicode.sourceforge.net
 * legacy-encoding chart (À = 41 D8, Á = 41 D9, Â = 41 C2, Ì = CC, Í = CD…).
 */

/** Every small Vietnamese letter with its VNI-Windows spelling. Capitals are the upper case of both. */
const VNI_SMALL: ReadonlyArray<readonly [letter: string, vni: string]> = [
  ['à', 'aø'], ['á', 'aù'], ['ả', 'aû'], ['ã', 'aõ'], ['ạ', 'aï'],
  ['ă', 'aê'], ['ằ', 'aè'], ['ắ', 'aé'], ['ẳ', 'aú'], ['ẵ', 'aü'], ['ặ', 'aë'],
  ['â', 'aâ'], ['ầ', 'aà'], ['ấ', 'aá'], ['ẩ', 'aå'], ['ẫ', 'aã'], ['ậ', 'aä'],
  ['è', 'eø'], ['é', 'eù'], ['ẻ', 'eû'], ['ẽ', 'eõ'], ['ẹ', 'eï'],
  ['ê', 'eâ'], ['ề', 'eà'], ['ế', 'eá'], ['ể', 'eå'], ['ễ', 'eã'], ['ệ', 'eä'],
  ['ì', 'ì'], ['í', 'í'], ['ỉ', 'æ'], ['ĩ', 'ó'], ['ị', 'ò'],
  ['ò', 'oø'], ['ó', 'où'], ['ỏ', 'oû'], ['õ', 'oõ'], ['ọ', 'oï'],
  ['ô', 'oâ'], ['ồ', 'oà'], ['ố', 'oá'], ['ổ', 'oå'], ['ỗ', 'oã'], ['ộ', 'oä'],
  ['ơ', 'ô'], ['ờ', 'ôø'], ['ớ', 'ôù'], ['ở', 'ôû'], ['ỡ', 'ôõ'], ['ợ', 'ôï'],
  ['ù', 'uø'], ['ú', 'uù'], ['ủ', 'uû'], ['ũ', 'uõ'], ['ụ', 'uï'],
  ['ư', 'ö'], ['ừ', 'öø'], ['ứ', 'öù'], ['ử', 'öû'], ['ữ', 'öõ'], ['ự', 'öï'],
  ['ỳ', 'yø'], ['ý', 'yù'], ['ỷ', 'yû'], ['ỹ', 'yõ'], ['ỵ', 'î'],
  ['đ', 'ñ'],
];

/** Unicode letter (small and capital) → its VNI-Windows spelling. */
export const VNI_SEQUENCES: ReadonlyMap<string, string> = new Map<string, string>(
  VNI_SMALL.flatMap(([letter, vni]) => [
    [letter, vni],
    [letter.toUpperCase(), vni.toUpperCase()],
  ]),
);

/** Mark bytes (small forms) and the combining marks they stand for. */
const TONE_MARKS: Readonly<Record<string, string>> = {
  'ù': '\u0301', // acute (sắc)
  'ø': '\u0300', // grave (huyền)
  'û': '\u0309', // hook above (hỏi)
  'õ': '\u0303', // tilde (ngã)
  'ï': '\u0323', // dot below (nặng)
};
const VOWEL_MARKS: Readonly<Record<string, string>> = {
  'â': '\u0302', // circumflex
  'ê': '\u0306', // breve
};
const COMBINED_MARKS: Readonly<Record<string, string>> = {
  'á': '\u0302\u0301', 'à': '\u0302\u0300', 'å': '\u0302\u0309', 'ã': '\u0302\u0303', 'ä': '\u0302\u0323',
  'é': '\u0306\u0301', 'è': '\u0306\u0300', 'ú': '\u0306\u0309', 'ü': '\u0306\u0303', 'ë': '\u0306\u0323',
};

/** The mark bytes, small and capital. */
const MARK_CHARS: ReadonlySet<string> = new Set(
  [...Object.keys(TONE_MARKS), ...Object.keys(VOWEL_MARKS), ...Object.keys(COMBINED_MARKS)].flatMap((m) => [
    m,
    m.toUpperCase(),
  ]),
);

/** True for a VNI mark byte (ù ø û õ ï â ê á à å ã ä é è ú ü ë and their capitals). */
export function isVniMark(ch: string): boolean {
  return MARK_CHARS.has(ch);
}

/** VNI spelling (1–3 characters) → Unicode letter. */
const DECODE: ReadonlyMap<string, string> = buildDecodeTable();
/** First characters of the spellings in DECODE: only these need a look-up. */
const STARTERS: ReadonlySet<string> = new Set([...DECODE.keys()].map((k) => k.charAt(0)));

function buildDecodeTable(): Map<string, string> {
  const vietnamese = new Set<string>();
  for (const [letter] of VNI_SMALL) vietnamese.add(letter);
  const table = new Map<string, string>();

  /** Adds every case combination; the letter's case follows the base letter's. */
  const add = (base: string, marks: string[], letter: string): void => {
    for (const b of [base.toLowerCase(), base.toUpperCase()]) {
      const target = b === b.toLowerCase() ? letter : letter.toUpperCase();
      let spellings = [b];
      for (const m of marks) spellings = spellings.flatMap((s) => [s + m.toLowerCase(), s + m.toUpperCase()]);
      for (const s of spellings) table.set(s, target);
    }
  };

  // Tolerated spellings a keyboard driver or converter may produce besides the
  // canonical ones: i or y with a separate tone byte ("iù" for "í"), and a
  // vowel mark followed by a separate tone mark ("aâù" for "ấ").
  const bases: ReadonlyArray<readonly [vni: string, letter: string]> = [
    ['a', 'a'], ['e', 'e'], ['i', 'i'], ['o', 'o'], ['u', 'u'], ['y', 'y'], ['ô', 'ơ'], ['ö', 'ư'],
  ];
  const compose = (letter: string, combining: string): string | undefined => {
    const composed = (letter.normalize('NFD') + combining).normalize('NFC');
    return vietnamese.has(composed) ? composed : undefined;
  };
  for (const [vni, letter] of bases) {
    for (const [mark, combining] of Object.entries({ ...TONE_MARKS, ...COMBINED_MARKS })) {
      const composed = compose(letter, combining);
      if (composed !== undefined) add(vni, [mark], composed);
    }
    for (const [vowelMark, vowelCombining] of Object.entries(VOWEL_MARKS)) {
      const withVowelMark = compose(letter, vowelCombining);
      if (withVowelMark === undefined) continue;
      add(vni, [vowelMark], withVowelMark);
      for (const [tone, toneCombining] of Object.entries(TONE_MARKS)) {
        const composed = compose(withVowelMark, toneCombining);
        if (composed !== undefined) add(vni, [vowelMark, tone], composed);
      }
    }
  }

  // The canonical spellings last, so they win over anything tolerated above.
  for (const [letter, vni] of VNI_SMALL) {
    const [base = '', ...marks] = [...vni];
    add(base, marks, letter);
  }
  return table;
}

/**
 * Decodes VNI-Windows text read as Latin-1/Windows-1252 characters, in one
 * pass: each base letter takes the longest run of mark bytes that makes a
 * Vietnamese letter. Anything else passes through unchanged.
 */
export function decodeVni(text: string): string {
  return decodeVniCounting(text).text;
}

/**
 * decodeVni, also counting the mark bytes that no base letter took (a stray
 * "ù" after a consonant): text with those is unlikely to be VNI.
 */
export function decodeVniCounting(text: string): { text: string; strayMarks: number } {
  let out = '';
  let start = 0;
  let strayMarks = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (!STARTERS.has(ch)) {
      if (MARK_CHARS.has(ch)) strayMarks++;
      i++;
      continue;
    }
    let matched = 0;
    let letter: string | undefined;
    for (let len = 3; len >= 1 && letter === undefined; len--) {
      if (i + len > text.length) continue;
      letter = DECODE.get(text.slice(i, i + len));
      if (letter !== undefined) matched = len;
    }
    if (letter === undefined) {
      if (MARK_CHARS.has(ch)) strayMarks++;
      i++;
      continue;
    }
    out += text.slice(start, i) + letter;
    i += matched;
    start = i;
  }
  return { text: out + text.slice(start), strayMarks };
}
