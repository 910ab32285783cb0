/**
 * Text compared the way a clerk reads it: "Tổng số  người\nđã đăng ký" and
 * "tổng số người đã đăng ký" are the same header, and so are "hoà" and "hòa".
 */

/** Tone marks, as opposed to the marks that make a different vowel (â, ă, ơ, ư). */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const TONE_KEY: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };

/** Any whitespace, including non-breaking spaces and line breaks, becomes one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu, ' ').trim();
}

/** Unicode NFC with collapsed whitespace: how a value is shown and stored. */
export const cleanText = memoise((text: string): string => collapseWhitespace(text.normalize('NFC')));

/**
 * A key for exact comparison: case folded, punctuation ignored, and each
 * syllable's tone moved to its end so old and new tone placement agree.
 */
export const matchKey = memoise((text: string): string => splitWords(text).map(toneFoldedWord).join(' '));

/** Looser: no diacritics at all ("Tong so nguoi da dang ky"). */
export const looseKey = memoise((text: string): string =>
  splitWords(text)
    .map((word) =>
      word
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/đ/g, 'd'),
    )
    .join(' '),
);

/** Removes parenthesised remarks: "(tính đến đơn vị/ bộ phân trực thuộc)". */
export function withoutParentheses(text: string): string {
  return text.replace(/\([^()]*\)/g, ' ');
}

function splitWords(text: string): string[] {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

function toneFoldedWord(word: string): string {
  let tone = '';
  let base = '';
  for (const ch of word.normalize('NFD')) {
    if (TONE_MARKS.has(ch)) tone = TONE_KEY[ch] ?? '';
    else base += ch;
  }
  return base.normalize('NFC') + tone;
}

/** Keys a header may be known by: as written, and without its parenthesised remark. */
export function headerKeys(text: string): { exact: string[]; loose: string[] } {
  const variants = [text, withoutParentheses(text)];
  const exact = unique(variants.map(matchKey).filter(Boolean));
  const loose = unique(variants.map(looseKey).filter(Boolean));
  return { exact, loose };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

const MEMO_LIMIT = 50_000;
/** Long texts are rare and would make the memo heavy: they are computed each time. */
const MEMO_TEXT_LIMIT = 256;

/**
 * Every row of every sheet is compared against headers and labels, and the
 * same texts recur across rows and files: keys are computed once. Bounded, so
 * a sheet of unique texts cannot grow it without end.
 */
export function memoise<T>(compute: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    if (text.length > MEMO_TEXT_LIMIT) return compute(text);
    let value = memo.get(text);
    if (value === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      value = compute(text);
      memo.set(text, value);
    }
    return value;
  };
}
