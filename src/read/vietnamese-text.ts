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
