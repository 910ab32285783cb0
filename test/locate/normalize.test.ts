import { describe, expect, it } from 'vitest';
import { cleanText, looseKey, matchKey, withoutParentheses } from '../../src/locate/normalize.js';

describe('normalisation', () => {
  it('folds case, whitespace, non-breaking spaces and line breaks', () => {
    expect(matchKey('Tổng số  người\nđã\u00a0đăng ký')).toBe(matchKey('TỔNG SỐ NGƯỜI ĐÃ ĐĂNG KÝ'));
  });

  it('treats decomposed (NFD) and composed (NFC) text alike', () => {
    expect(matchKey('Nguyên nhân'.normalize('NFD'))).toBe(matchKey('Nguyên nhân'));
  });

  it('folds old and new tone placement: hoà = hòa, thuý = thúy', () => {
    expect(matchKey('CỘNG HOÀ')).toBe(matchKey('Cộng hòa'));
    expect(matchKey('thuý')).toBe(matchKey('thúy'));
  });

  it('keeps different words different: công ≠ cộng, đã ≠ da', () => {
    expect(matchKey('công')).not.toBe(matchKey('cộng'));
    expect(matchKey('đã')).not.toBe(matchKey('da'));
  });

  it('ignores punctuation', () => {
    expect(matchKey('Tổng số CB, CC, VC, NLĐ')).toBe(matchKey('tổng số cb cc vc nlđ'));
  });

  it('looseKey drops every diacritic, including đ', () => {
    expect(looseKey('Tổng số người đã đăng ký')).toBe('tong so nguoi da dang ky');
  });

  it('cleanText gives NFC with single spaces', () => {
    expect(cleanText('  Trường\u00a0THPT\n Trần Phú '.normalize('NFD'))).toBe('Trường THPT Trần Phú');
  });

  it('withoutParentheses drops remarks', () => {
    expect(withoutParentheses('Tổng số (tính đến đơn vị)').trim()).toBe('Tổng số');
  });
});
