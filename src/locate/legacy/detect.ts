/**
 * Telling legacy Vietnamese text (TCVN3, VNI-Windows) from Unicode: by the
 * cell's font when there is one, otherwise by what the words turn into.
 */

import { hasUnicodeVietnamese } from '../../read/vietnamese-text.js';
import { decodeTcvn3, isTcvn3Code } from './tcvn3.js';
import { decodeVniCounting, isVniMark } from './vni.js';

export { hasUnicodeVietnamese };

export type LegacyEncoding = 'tcvn3' | 'vni';

/**
 * The encoding a font implies: `.VnTime`, `.VnArial`, `.VnCentury…` are
 * TCVN3 (the names ending in H, like `.VnTimeH`, show capitals), `VNI-Times`,
 * `VNI-Helve`… are VNI-Windows. Null for any other font, or none.
 */
export function encodingFromFont(fontName: string | undefined): { encoding: LegacyEncoding; upper: boolean } | null {
  if (fontName === undefined) return null;
  const name = fontName.trim().replace(/^["']|["']$/g, '').trim();
  const lower = name.toLowerCase();
  if (lower.startsWith('.vn') && lower.length > 3) return { encoding: 'tcvn3', upper: lower.endsWith('h') };
  if (lower.startsWith('vni-') && lower.length > 4) return { encoding: 'vni', upper: false };
  return null;
}

// --- Vietnamese syllable shape ---------------------------------------------

const TONE_COMBINING = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const ONSETS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];
// k for the Central Highlands names (Đắk Lắk, Buôn Đôn, Krông Búk).
const CODAS = ['ng', 'nh', 'ch', 'c', 'k', 'm', 'n', 'p', 't', ''];
const STOP_CODAS = new Set(['c', 'ch', 'k', 'p', 't']);
/** Vowel groups that end in a glide and so take no final consonant. */
const OPEN_NUCLEI = new Set([
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu',
  'iêu', 'yêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyu', 'ươi', 'ươu',
]);
/** Vowel groups that need a final consonant. */
const CLOSED_NUCLEI = new Set(['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'oă', 'uâ', 'uyê', 'oo']);
const OTHER_NUCLEI = new Set(['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uê', 'uơ', 'uy']);

/** The letters Vietnamese is written with: a–z, đ, and every vowel with every tone, precomposed. */
const VIETNAMESE_LETTERS: ReadonlySet<string> = new Set([
  ...'abcdefghijklmnopqrstuvwxyzđ',
  ...[...'aăâeêioôơuưy'].flatMap((v) =>
    ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'].map((tone) => (v.normalize('NFD') + tone).normalize('NFC')),
  ),
  ...'ăâêôơư',
]);

function isNucleus(vowels: string, coda: string): boolean {
  if (OPEN_NUCLEI.has(vowels)) return coda === '';
  if (CLOSED_NUCLEI.has(vowels)) return coda !== '';
  return OTHER_NUCLEI.has(vowels);
}

/**
 * Whether a word has the shape of one Vietnamese syllable: an initial
 * consonant, a vowel group, a final consonant, at most one tone, and only a
 * rising or heavy tone before a final p, t, c or ch.
 */
export function isVietnameseSyllable(word: string): boolean {
  const lower = word.normalize('NFC').toLowerCase();
  // Checked before decomposing: "ñ" is n and a tilde, but not Vietnamese.
  for (const ch of lower) if (!VIETNAMESE_LETTERS.has(ch)) return false;
  const decomposed = lower.normalize('NFD');
  const tones = decomposed.match(TONE_COMBINING) ?? [];
  if (tones.length > 1) return false;
  const tone = tones[0] ?? '';
  const skeleton = decomposed.replace(TONE_COMBINING, '').normalize('NFC');
  if (skeleton.length === 0 || skeleton.length > 7) return false;
  for (const onset of ONSETS) {
    if (!skeleton.startsWith(onset)) continue;
    for (const coda of CODAS) {
      if (!skeleton.endsWith(coda) || onset.length + coda.length >= skeleton.length) continue;
      const vowels = skeleton.slice(onset.length, skeleton.length - coda.length);
      if (!isNucleus(vowels, coda)) continue;
      if (STOP_CODAS.has(coda) && tone !== '\u0301' && tone !== '\u0323') continue;
      if (onset === 'qu' && vowels.startsWith('u')) continue;
      return true;
    }
  }
  return false;
}

// --- Guessing without a font -------------------------------------------------

/** Runs of ASCII letters and Latin-1 characters: the shape a legacy word takes. */
const WORD = /[A-Za-z\u00a1-\u00ff]+/g;
/** VNI single-byte letters: đ ơ ư and the toned i and y (both cases). */
const VNI_LETTERS = new Set([...'ñôöíìæóòîÑÔÖÍÌÆÓÒÎ']);

interface Tally {
  /** Words that decode to a Vietnamese syllable and do not already read as one. */
  strong: number;
  /** Words that decode to a syllable but also read as one as they are (e.g. "có"). */
  weak: number;
  /** Words with legacy-looking characters that do not decode to a syllable. */
  miss: number;
  /** Strong words of two letters or more once decoded. */
  strongLong: number;
}

function tally(
  words: readonly string[],
  looksLegacy: (w: string) => boolean,
  decode: (w: string) => { text: string; stray: number },
): Tally {
  const t: Tally = { strong: 0, weak: 0, miss: 0, strongLong: 0 };
  for (const word of words) {
    if (!looksLegacy(word)) continue;
    const { text: decoded, stray } = decode(word);
    if (stray > 0) t.miss++;
    // "Quý": the codes for ý, í and ì are those letters already; no evidence either way.
    else if (decoded === word) continue;
    else if (!isVietnameseSyllable(decoded)) t.miss++;
    else if (isVietnameseSyllable(word)) t.weak++;
    else {
      t.strong++;
      if (decoded.length >= 2) t.strongLong++;
    }
  }
  return t;
}

function convincing(t: Tally, words: readonly string[]): boolean {
  const hits = t.strong + t.weak;
  if (t.strong === 0 || hits < 0.7 * (hits + t.miss)) return false;
  if (hits >= 2) return true;
  // One word on its own ("N÷" for "Nữ") is enough only when nothing
  // contradicts it, it is most of what there is to read, and it is more than
  // one letter ("où" is French); "µm" is a unit.
  return t.miss === 0 && t.strongLong > 0 && words.length <= 3 && !words.some((w) => /^\u00b5[a-z]*$/i.test(w));
}

function score(t: Tally): number {
  return 2 * t.strong + t.weak - 2 * t.miss;
}

/**
 * Guesses whether text without a font hint is TCVN3 or VNI-Windows read as
 * Latin-1. Null for Unicode Vietnamese, plain ASCII, other Western languages,
 * and anything unconvincing: the words that carry legacy-looking characters
 * must, decoded, be Vietnamese syllables (at least seven in ten of them),
 * and at least one must not already be one before decoding.
 */
export function guessEncodingFromText(text: string): LegacyEncoding | null {
  if (hasUnicodeVietnamese(text)) return null;
  if (!/[\u00a1-\u00ff]/.test(text)) return null;
  // Single characters ("«", "©", "§") say nothing; words do.
  const words = (text.match(WORD) ?? []).filter((w) => w.length >= 2);
  const tcvn3 = tally(
    words,
    (w) => [...w].some(isTcvn3Code),
    (w) => ({ text: decodeTcvn3(w, false), stray: 0 }),
  );
  const vni = tally(
    words,
    (w) => [...w].some((ch) => isVniMark(ch) || VNI_LETTERS.has(ch)),
    // A mark byte no letter took means the word is not VNI.
    (w) => {
      const { text, strayMarks } = decodeVniCounting(w);
      return { text, stray: strayMarks };
    },
  );
  const tcvn3Ok = convincing(tcvn3, words);
  const vniOk = convincing(vni, words);
  if (tcvn3Ok && vniOk) {
    const a = score(tcvn3);
    const b = score(vni);
    if (a === b) return null;
    return a > b ? 'tcvn3' : 'vni';
  }
  if (tcvn3Ok) return 'tcvn3';
  if (vniOk) return 'vni';
  return null;
}
