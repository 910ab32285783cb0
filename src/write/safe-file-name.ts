const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const MAX_LENGTH = 120;

/**
 * A file name Windows accepts for a unit: no \ / : * ? " < > | or control
 * characters, no trailing dot or space, not a reserved device name, not too
 * long. Vietnamese letters are kept (NFC), since Windows handles them.
 */
export function safeFileName(name: string, extension: string): string {
  let stem = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/\p{Cc}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if (stem === '' || RESERVED.test(stem)) stem = `_${stem}`;
  if (stem.length > MAX_LENGTH) stem = stem.slice(0, MAX_LENGTH).trim();
  return `${stem}${extension}`;
}
