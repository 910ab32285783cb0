import { describe, expect, it } from 'vitest';
import { fastLooseKey, fastMatchKey } from '../../src/locate/keys-fast.js';
import { cleanText, collapseWhitespace, exactLooseKey, exactMatchKey, looseKey, matchKey } from '../../src/locate/normalize.js';

/** Every character the one-pass keys handle. */
const COVERED: string[] = [];
for (let code = 0; code <= 0x2ff; code++) COVERED.push(String.fromCharCode(code));
for (let code = 0x1e00; code <= 0x1eff; code++) COVERED.push(String.fromCharCode(code));
for (let code = 0x2000; code <= 0x206f; code++) COVERED.push(String.fromCharCode(code));

/** Small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expectSameKeys(text: string): void {
  const loose = fastLooseKey(text);
  const match = fastMatchKey(text);
  if (loose !== null) expect(loose, JSON.stringify(text)).toBe(exactLooseKey(text));
  if (match !== null) expect(match, JSON.stringify(text)).toBe(exactMatchKey(text));
  expect(looseKey(text)).toBe(exactLooseKey(text));
  expect(matchKey(text)).toBe(exactMatchKey(text));
}

describe('one-pass comparison keys', () => {
  it('agree with the definitions on every covered character, alone and inside words', () => {
    for (const ch of COVERED) {
      expect(fastLooseKey(ch)).not.toBeNull();
      for (const text of [ch, `a${ch}b`, `${ch}${ch}`, `Tổng ${ch}số`, `${ch} đã`, `ệ${ch}`]) expectSameKeys(text);
    }
  });

  it('agree with the definitions on 20,000 random texts mixing Vietnamese, Latin, digits, punctuation and spaces', () => {
    const pool = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 ,.;:-–—“”/()\t\n\u2000\u200b', ...COVERED.slice(0x1ea0 - 0x1e00 + 0x300, 0x1efa - 0x1e00 + 0x300), 'ò', 'Ó', 'ỏ', 'Õ', 'ọ'];
    const next = random(2024);
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = 1 + Math.floor(next() * 30);
      for (let i = 0; i < length; i++) text += pool[Math.floor(next() * pool.length)];
      expectSameKeys(text);
    }
  });

  it('hand texts with combining marks or other scripts to the exact path', () => {
    for (const text of ['Nguyên nhân'.normalize('NFD'), 'Ω', 'Москва', '学校', 'a\u0301']) {
      expect(fastLooseKey(text)).toBeNull();
      expectSameKeys(text);
    }
    expect(matchKey('Nguyên nhân'.normalize('NFD'))).toBe(matchKey('Nguyên nhân'));
  });
});

describe('cleanText', () => {
  it('returns clean text as it is and cleans everything else as the definition does', () => {
    const samples = ['Trường THPT Trần Phú', ' lead', 'trail ', 'two  spaces', 'tab\there', 'line\nbreak', 'nb\u00a0sp', 'Nguyên nhân'.normalize('NFD'), '\u2003em', 'x\u200by', '', 'a\u0085b', 'Ω\u212b'];
    for (const text of samples) expect(cleanText(text), JSON.stringify(text)).toBe(collapseWhitespace(text.normalize('NFC')));
    const next = random(7);
    const pool = [' ', ' ', '\t', '\n', '\u00a0', 'a', 'ệ', 'Đ', 'e\u0302', '\u3000', 'x', '1'];
    for (let n = 0; n < 5_000; n++) {
      let text = '';
      for (let i = 0; i < 1 + Math.floor(next() * 12); i++) text += pool[Math.floor(next() * pool.length)];
      expect(cleanText(text), JSON.stringify(text)).toBe(collapseWhitespace(text.normalize('NFC')));
    }
  });
});
