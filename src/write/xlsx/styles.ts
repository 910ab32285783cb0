/**
 * Distinct cell styles → the cellXfs, fonts, borders and numFmts tables of
 * xl/styles.xml. Every table is numbered in order of first use, so the same
 * calls give the same file.
 */
import { escapeAttribute, formatMeasure } from './xml.js';

export interface FontStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points; default 12. */
  size?: number;
  /** Default 'Times New Roman'. */
  name?: string;
}

export interface CellStyle {
  font?: FontStyle;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Thin border on all four sides. */
  border?: boolean;
  /** Excel number format code, e.g. '#,##0', '0.0%'. */
  numFmt?: string;
}

export const DEFAULT_FONT_NAME = 'Times New Roman';
export const DEFAULT_FONT_SIZE = 12;

/** Built-in formats whose codes are the same in every locale: referenced by id, not redefined. */
const BUILTIN_NUMBER_FORMATS: ReadonlyMap<string, number> = new Map([
  ['General', 0],
  ['0', 1],
  ['0.00', 2],
  ['#,##0', 3],
  ['#,##0.00', 4],
  ['0%', 9],
  ['0.00%', 10],
  ['0.00E+00', 11],
  ['@', 49],
]);
const FIRST_CUSTOM_NUMBER_FORMAT = 164;

interface NormalFont {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  size: number;
  name: string;
}

interface CellFormat {
  fontId: number;
  borderId: number;
  numFmtId: number;
  horizontal: string | undefined;
  vertical: string | undefined;
  wrap: boolean;
}

const VERTICAL: Record<NonNullable<CellStyle['vertical']>, string> = { top: 'top', middle: 'center', bottom: 'bottom' };
const HORIZONTAL = new Set(['left', 'center', 'right']);

export class StyleTable {
  private readonly fonts: NormalFont[] = [];
  private readonly fontIds = new Map<string, number>();
  private readonly numberFormats: { id: number; code: string }[] = [];
  private readonly numberFormatIds = new Map<string, number>();
  private readonly formats: CellFormat[] = [];
  private readonly formatIds = new Map<string, number>();

  private readonly seen = new WeakMap<CellStyle, StyleSnapshot>();

  constructor() {
    this.fontId({});
    this.lookUp(undefined);
  }

  /**
   * The cellXfs index of a style; 0 (the default) for none. A summary passes
   * the same few style objects hundreds of thousands of times, so each object
   * remembers its index with a snapshot of its fields: a style changed after
   * use is noticed by the comparison and looked up again.
   */
  index(style: CellStyle | undefined): number {
    if (style === undefined) return 0;
    const seen = this.seen.get(style);
    if (seen !== undefined && sameStyle(style, seen)) return seen.index;
    const index = this.lookUp(style);
    this.seen.set(style, snapshot(style, index));
    return index;
  }

  private lookUp(style: CellStyle | undefined): number {
    const font = style?.font;
    const bold = font?.bold === true;
    const italic = font?.italic === true;
    const underline = font?.underline === true;
    const size = font?.size ?? DEFAULT_FONT_SIZE;
    const name = font?.name ?? DEFAULT_FONT_NAME;
    const horizontal = style?.horizontal;
    const vertical = style?.vertical;
    const wrap = style?.wrap === true;
    const border = style?.border === true;
    const numFmt = style?.numFmt ?? 'General';
    // Name and format are free text: the name is length-prefixed and the format comes last, so no two styles share a key.
    const key = `${bold ? 1 : 0}${italic ? 1 : 0}${underline ? 1 : 0}${wrap ? 1 : 0}${border ? 1 : 0}|${size}|${horizontal ?? ''}|${vertical ?? ''}|${name.length}:${name}|${numFmt}`;
    const known = this.formatIds.get(key);
    if (known !== undefined) return known;

    if (horizontal !== undefined && !HORIZONTAL.has(horizontal)) throw new RangeError(`unknown horizontal alignment "${String(horizontal)}"`);
    if (vertical !== undefined && !(vertical in VERTICAL)) throw new RangeError(`unknown vertical alignment "${String(vertical)}"`);
    const id = this.formats.length;
    this.formats.push({
      fontId: this.fontId({ bold, italic, underline, size, name }),
      borderId: border ? 1 : 0,
      numFmtId: this.numberFormatId(numFmt),
      horizontal,
      vertical: vertical === undefined ? undefined : VERTICAL[vertical],
      wrap,
    });
    this.formatIds.set(key, id);
    return id;
  }

  private fontId(font: FontStyle): number {
    const normal: NormalFont = {
      bold: font.bold === true,
      italic: font.italic === true,
      underline: font.underline === true,
      size: font.size ?? DEFAULT_FONT_SIZE,
      name: font.name ?? DEFAULT_FONT_NAME,
    };
    if (!Number.isFinite(normal.size) || normal.size < 1 || normal.size > 409) throw new RangeError(`font size ${normal.size} is not between 1 and 409 points`);
    if (normal.name.trim() === '' || normal.name.length > 31) throw new RangeError(`font name "${normal.name}" must have 1 to 31 characters`);
    const key = `${normal.bold ? 1 : 0}${normal.italic ? 1 : 0}${normal.underline ? 1 : 0}|${normal.size}|${normal.name}`;
    let id = this.fontIds.get(key);
    if (id === undefined) {
      id = this.fonts.length;
      this.fonts.push(normal);
      this.fontIds.set(key, id);
    }
    return id;
  }

  private numberFormatId(code: string): number {
    const builtin = BUILTIN_NUMBER_FORMATS.get(code);
    if (builtin !== undefined) return builtin;
    if (code === '' || code.length > 255) throw new RangeError(`number format "${code}" must have 1 to 255 characters`);
    let id = this.numberFormatIds.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_NUMBER_FORMAT + this.numberFormats.length;
      this.numberFormats.push({ id, code });
      this.numberFormatIds.set(code, id);
    }
    return id;
  }

  /** xl/styles.xml */
  toXml(): string {
    const parts: string[] = [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
    ];
    if (this.numberFormats.length > 0) {
      parts.push(`<numFmts count="${this.numberFormats.length}">`);
      for (const { id, code } of this.numberFormats) parts.push(`<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`);
      parts.push('</numFmts>');
    }
    parts.push(`<fonts count="${this.fonts.length}">`);
    for (const font of this.fonts) {
      parts.push(
        '<font>',
        font.bold ? '<b/>' : '',
        font.italic ? '<i/>' : '',
        font.underline ? '<u/>' : '',
        `<sz val="${formatMeasure(font.size)}"/>`,
        `<name val="${escapeAttribute(font.name)}"/>`,
        font.name === DEFAULT_FONT_NAME ? '<family val="1"/>' : '',
        '</font>',
      );
    }
    parts.push(
      '</fonts>',
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>',
      '<borders count="2">',
      '<border><left/><right/><top/><bottom/><diagonal/></border>',
      '<border>',
      ...['left', 'right', 'top', 'bottom'].map((side) => `<${side} style="thin"><color indexed="64"/></${side}>`),
      '<diagonal/></border>',
      '</borders>',
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      `<cellXfs count="${this.formats.length}">`,
    );
    for (const format of this.formats) parts.push(formatXml(format));
    parts.push(
      '</cellXfs>',
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      '<dxfs count="0"/>',
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>',
      '</styleSheet>',
    );
    return parts.join('');
  }
}

/** A style's fields as they were when its index was looked up. */
interface StyleSnapshot {
  readonly index: number;
  readonly font: FontStyle | undefined;
  readonly bold: boolean | undefined;
  readonly italic: boolean | undefined;
  readonly underline: boolean | undefined;
  readonly size: number | undefined;
  readonly name: string | undefined;
  readonly horizontal: CellStyle['horizontal'];
  readonly vertical: CellStyle['vertical'];
  readonly wrap: boolean | undefined;
  readonly border: boolean | undefined;
  readonly numFmt: string | undefined;
}

function snapshot(style: CellStyle, index: number): StyleSnapshot {
  const font = style.font;
  return {
    index,
    font,
    bold: font?.bold,
    italic: font?.italic,
    underline: font?.underline,
    size: font?.size,
    name: font?.name,
    horizontal: style.horizontal,
    vertical: style.vertical,
    wrap: style.wrap,
    border: style.border,
    numFmt: style.numFmt,
  };
}

function sameStyle(style: CellStyle, seen: StyleSnapshot): boolean {
  const font = style.font;
  return (
    style.horizontal === seen.horizontal &&
    style.vertical === seen.vertical &&
    style.wrap === seen.wrap &&
    style.border === seen.border &&
    style.numFmt === seen.numFmt &&
    font === seen.font &&
    (font === undefined ||
      (font.bold === seen.bold && font.italic === seen.italic && font.underline === seen.underline && font.size === seen.size && font.name === seen.name))
  );
}

function formatXml(format: CellFormat): string {
  const { fontId, borderId, numFmtId, horizontal, vertical, wrap } = format;
  let attributes = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="${borderId}" xfId="0"`;
  if (numFmtId !== 0) attributes += ' applyNumberFormat="1"';
  if (fontId !== 0) attributes += ' applyFont="1"';
  if (borderId !== 0) attributes += ' applyBorder="1"';
  const aligned = horizontal !== undefined || vertical !== undefined || wrap;
  if (!aligned) return `<xf ${attributes}/>`;
  let alignment = '<alignment';
  if (horizontal !== undefined) alignment += ` horizontal="${horizontal}"`;
  if (vertical !== undefined) alignment += ` vertical="${vertical}"`;
  if (wrap) alignment += ' wrapText="1"';
  return `<xf ${attributes} applyAlignment="1">${alignment}/></xf>`;
}
