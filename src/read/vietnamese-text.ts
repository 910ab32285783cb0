/**
 * Letters only Unicode Vietnamese has: ă đ ĩ ũ ơ ư (either case) and the
 * Vietnamese block of Latin Extended Additional. None of them can occur in
 * a TCVN3 or VNI string read through a Western code page.
 */
const UNICODE_VIETNAMESE = /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/u;
/** Combining marks: decomposed Unicode text, never legacy bytes. */
const COMBINING = /[\u0300-\u036f]/u;

/**
 * True when the text is already Unicode: it has letters only Unicode
 * Vietnamese has, or combining marks (decomposed text, "Tiê\u0301ng").
 */
export function hasUnicodeVietnamese(text: string): boolean {
  return UNICODE_VIETNAMESE.test(text) || COMBINING.test(text);
}

/**
 * Text that legacy decoding has to look at, with its font: not plain ASCII
 * (the legacy encodings put Vietnamese letters above it) and not already
 * Unicode Vietnamese. Readers need fonts for these cells only.
 */
export function mayBeLegacyText(text: string): boolean {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  return !ascii && !hasUnicodeVietnamese(text);
}

/**
 * Whether XML text may name a font of a legacy encoding: every name that
 * locate/legacy/detect.ts's encodingFromFont takes (`.VnTime`, `.VnTimeH`,
 * `VNI-Times` …, quoted or not) contains ".vn" or "vni-". A styles part
 * without either cannot give any cell a legacy font, so it need not be
 * parsed. (A name spelt with character references, "&#46;VnTime", would be
 * missed; no spreadsheet program writes one, and the text itself is still
 * looked at without its font.)
 */
export function mayNameLegacyFont(xmlText: string): boolean {
  return LEGACY_FONT_NAME.test(xmlText);
}

const LEGACY_FONT_NAME = /\.vn|vni-/i;

/** The most characters of a match that can end one piece of text and begin the next. */
export const LEGACY_FONT_NAME_OVERLAP = 3;
