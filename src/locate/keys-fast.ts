/**
 * matchKey and looseKey in one pass over the characters, for the text cells
 * are almost always made of: ASCII, Latin-1 and Latin Extended letters,
 * precomposed Vietnamese (U+1E00–U+1EFF) and general punctuation (U+2000–
 * U+206F: dashes, curly quotes). Every other text (combining marks, other
 * scripts) returns null and takes the exact path in normalize.ts.
 *
 * The exact path is NFC → lower case → words → per word NFD and marks
 * removed or tones moved. On text with no combining marks in these ranges
 * NFC changes nothing that matters (it maps two spaces to two other spaces)
 * and every step works character by character, so each
 * character's part of the result can be computed once, by the exact path
 * itself, and looked up: the test compares both over every character here.
 */

/** Per character: its lower-case letters without any mark (looseKey), or null for a separator. */
let LOOSE: (string | null)[] | undefined;
/** Per character: its lower-case letters without the tone mark, recomposed, or null for a separator. */
let BASE: (string | null)[] | undefined;
/** Per character: its tone digit ('' for none). */
let TONE: string[] | undefined;

const TONE_KEY: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };
const LAST_LATIN = 0x02ff;
const VIETNAMESE_FIRST = 0x1e00;
const VIETNAMESE_LAST = 0x1eff;
/** General punctuation (dashes, curly quotes, odd spaces): all separators, typed into unit names all the time. */
const PUNCTUATION_FIRST = 0x2000;
const PUNCTUATION_LAST = 0x206f;
const VIETNAMESE_SLOT = LAST_LATIN + 1;
const PUNCTUATION_SLOT = VIETNAMESE_SLOT + (VIETNAMESE_LAST - VIETNAMESE_FIRST + 1);
const TABLE_SIZE = PUNCTUATION_SLOT + (PUNCTUATION_LAST - PUNCTUATION_FIRST + 1);
const SEPARATOR = /[^\p{L}\p{N}\p{M}]/u;

function slot(code: number): number {
  if (code <= LAST_LATIN) return code;
  if (code >= VIETNAMESE_FIRST && code <= VIETNAMESE_LAST) return VIETNAMESE_SLOT + code - VIETNAMESE_FIRST;
  if (code >= PUNCTUATION_FIRST && code <= PUNCTUATION_LAST) return PUNCTUATION_SLOT + code - PUNCTUATION_FIRST;
  return -1;
}

function buildTables(): void {
  LOOSE = new Array<string | null>(TABLE_SIZE);
  BASE = new Array<string | null>(TABLE_SIZE);
  TONE = new Array<string>(TABLE_SIZE);
  const fill = (code: number) => {
    const index = slot(code);
    const lower = String.fromCharCode(code).toLocaleLowerCase('vi');
    if ([...lower].some((ch) => SEPARATOR.test(ch))) {
      // Lower-casing never turns a letter into a separator in these ranges; a separator stays one.
      LOOSE![index] = null;
      BASE![index] = null;
      TONE![index] = '';
      return;
    }
    const decomposed = lower.normalize('NFD');
    LOOSE![index] = decomposed.replace(/\p{M}/gu, '').replace(/đ/g, 'd');
    let tone = '';
    let base = '';
    for (const ch of decomposed) {
      const digit = TONE_KEY[ch];
      if (digit !== undefined) tone = digit;
      else base += ch;
    }
    BASE![index] = base.normalize('NFC');
    TONE![index] = tone;
  };
  for (let code = 0; code <= LAST_LATIN; code++) fill(code);
  for (let code = VIETNAMESE_FIRST; code <= VIETNAMESE_LAST; code++) fill(code);
  for (let code = PUNCTUATION_FIRST; code <= PUNCTUATION_LAST; code++) fill(code);
}

/** looseKey, or null when the text has a character outside the tables (or a combining mark). */
export function fastLooseKey(text: string): string | null {
  if (!LOOSE) buildTables();
  const table = LOOSE!;
  let key = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const index = slot(text.charCodeAt(i));
    if (index < 0) return null;
    const part = table[index];
    if (part === null || part === undefined) {
      pendingSpace = key.length > 0;
      continue;
    }
    if (pendingSpace) {
      key += ' ';
      pendingSpace = false;
    }
    key += part;
  }
  return key;
}

/** matchKey, or null when the text has a character outside the tables (or a combining mark). */
export function fastMatchKey(text: string): string | null {
  if (!BASE) buildTables();
  const bases = BASE!;
  const tones = TONE!;
  let key = '';
  let tone = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const index = slot(text.charCodeAt(i));
    if (index < 0) return null;
    const part = bases[index];
    if (part === null || part === undefined) {
      if (inWord) {
        key += tone;
        tone = '';
        inWord = false;
      }
      continue;
    }
    if (!inWord) {
      if (key.length > 0) key += ' ';
      inWord = true;
    }
    key += part;
    const digit = tones[index]!;
    if (digit !== '') tone = digit;
  }
  if (inWord) key += tone;
  return key;
}
