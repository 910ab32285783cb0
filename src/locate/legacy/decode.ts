/**
 * Legacy Vietnamese cell text (TCVN3, VNI-Windows) to Unicode NFC.
 */

import {
  encodingFromFont,
  guessEncodingFromText,
  hasUnicodeVietnamese,
  isVietnameseSyllable,
  type LegacyEncoding,
} from './detect.js';
import { decodeTcvn3, isTcvn3Code } from './tcvn3.js';
import { decodeVni } from './vni.js';

export type { LegacyEncoding } from './detect.js';

/** How many of the words with non-ASCII letters read as Vietnamese syllables. */
function syllableCount(text: string): number {
  let n = 0;
  for (const word of text.match(/[\p{L}\p{M}\u00a1-\u00ff]+/gu) ?? []) {
    if (/[\u0080-\uffff]/.test(word) && isVietnameseSyllable(word)) n++;
  }
  return n;
}

/**
 * TCVN3 typed for an H font: no small ASCII letter anywhere, and capitals
 * running on after small-letter codes inside a word ("CéNG", "TR\u00adêNG",
 * "®¬N"), which in a normal font would show as "CộNG".
 */
function looksTypedForHFont(text: string): boolean {
  if (/[a-z]/.test(text)) return false;
  for (const word of text.match(/[A-Z\u00a1-\u00ff]+/g) ?? []) {
    const chars = [...word];
    const firstCode = chars.findIndex(isTcvn3Code);
    if (firstCode >= 0 && chars.slice(firstCode + 1).some((ch) => ch >= 'A' && ch <= 'Z')) return true;
  }
  return false;
}

/**
 * Decodes a cell's text. With a legacy font name (`.VnTime`, `.VnTimeH`,
 * `VNI-Times`…) the font decides, unless the text is already Unicode
 * Vietnamese — a cell retyped in Unicode often keeps its old font — or
 * decoding would turn Vietnamese words into non-words. Without one, the
 * encoding is guessed from the text (see guessEncodingFromText), and TCVN3
 * typed for an H font ("CéNG HOµ", capitals after the codes) is upper-cased.
 *
 * `encoding` names the encoding that was decoded, or is null when the text
 * was left as it was. The text is always returned in NFC.
 */
export function decodeLegacyText(
  text: string,
  fontName?: string,
): { text: string; encoding: LegacyEncoding | null } {
  const asIs = { text: text.normalize('NFC'), encoding: null };
  if (hasUnicodeVietnamese(text)) return asIs;

  const fromFont = encodingFromFont(fontName);
  if (fromFont !== null) {
    const decoded = decodeWith(text, fromFont.encoding, fromFont.upper);
    if (decoded === asIs.text) return asIs;
    if (syllableCount(decoded) < syllableCount(text)) return asIs;
    return { text: decoded, encoding: fromFont.encoding };
  }

  const guessed = guessEncodingFromText(text);
  if (guessed === null) return asIs;
  const decoded = decodeWith(text, guessed, guessed === 'tcvn3' && looksTypedForHFont(text));
  return decoded === asIs.text ? asIs : { text: decoded, encoding: guessed };
}

function decodeWith(text: string, encoding: LegacyEncoding, upper: boolean): string {
  const decoded = encoding === 'tcvn3' ? decodeTcvn3(text, upper) : decodeVni(text);
  return decoded.normalize('NFC');
}
