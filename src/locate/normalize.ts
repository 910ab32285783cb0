/**
 * Text compared the way a clerk reads it: "Tổng số  người\nđã đăng ký" and
 * "tổng số người đã đăng ký" are the same header, and so are "hoà" and "hòa".
 */

import { fastLooseKey, fastMatchKey } from './keys-fast.js';

/** Tone marks, as opposed to the marks that make a different vowel (â, ă, ơ, ư). */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const TONE_KEY: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };

/** Any whitespace, including non-breaking spaces and line breaks, becomes one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu, ' ').trim();
}

/** Unicode NFC with collapsed whitespace: how a value is shown and stored. */
export function cleanText(text: string): string {
  return isClean(text) ? text : exactCleanText(text);
}

const exactCleanText = memoise((text: string): string => collapseWhitespace(text.normalize('NFC')));

/**
 * Most cell text is already clean: single spaces inside, none at the ends,
 * and only characters NFC leaves alone (below the combining marks at U+0300,
 * or precomposed Vietnamese at U+1E00–U+1EFF). One look at each character
 * says so, where normalising and a whitespace regex cost ten times more.
 */
function isClean(text: string): boolean {
  const length = text.length;
  if (length === 0) return true;
  if (text.charCodeAt(0) === 32 || text.charCodeAt(length - 1) === 32) return false;
  let previousSpace = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32) {
      if (previousSpace) return false;
      previousSpace = true;
      continue;
    }
    previousSpace = false;
    if (code < 32 || code === 0x7f) return false; // tabs, line breaks and other controls
    if (code >= 0x80 && code < 0xa1) return false; // C1 controls, NEL, NBSP
    if (code >= 0x300 && (code < 0x1e00 || code > 0x1eff)) return false;
  }
  return true;
}

/**
 * A key for exact comparison: case folded, punctuation ignored, and each
 * syllable's tone moved to its end so old and new tone placement agree.
 */
export function matchKey(text: string): string {
  return fastMatchKey(text) ?? memoisedMatchKey(text);
}

const memoisedMatchKey = memoise((text: string): string => exactMatchKey(text));

/** Looser: no diacritics at all ("Tong so nguoi da dang ky"). */
export function looseKey(text: string): string {
  return fastLooseKey(text) ?? memoisedLooseKey(text);
}

const memoisedLooseKey = memoise((text: string): string => exactLooseKey(text));

/** matchKey by its definition; keys-fast.ts computes the same in one pass for the common characters. */
export function exactMatchKey(text: string): string {
  return splitWords(text).map(toneFoldedWord).join(' ');
}

/** looseKey by its definition. */
export function exactLooseKey(text: string): string {
  return splitWords(text)
    .map((word) =>
      word
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/đ/g, 'd'),
    )
    .join(' ');
}

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

/**
 * Texts that recur (headers, labels) number in the hundreds; the rest (unit
 * names, reasons) are met once. A small memo keeps the first and lets the
 * second go, so a worker's memory stays flat over thousands of files.
 */
const MEMO_LIMIT = 4_096;
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
