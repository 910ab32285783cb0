/**
 * The shared string table: each distinct text once, numbered in order of
 * first use. Summary sheets repeat the same reasons, table names and statuses
 * thousands of times; each repeat then costs a short index in the sheet.
 */
import { cellText, escapeString } from './xml.js';

export class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Cells referring to the table (the `count` of `<sst>`). */
  references = 0;

  /** When false, strings are written inline and this table stays empty. */
  constructor(readonly enabled: boolean) {}

  /**
   * The index of a cell's text. Texts are looked up as given and made legal
   * (illegal characters stripped, cut at Excel's limit) only when first seen:
   * most cells repeat a text already in the table.
   */
  index(value: string): number {
    this.references++;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(cellText(value));
      this.ids.set(value, id);
    }
    return id;
  }

  /** xl/sharedStrings.xml, in pieces. */
  write(out: (xml: string) => void): void {
    out('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
    out(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.references}" uniqueCount="${this.texts.length}">`);
    let batch = '';
    for (const text of this.texts) {
      batch += `<si><t xml:space="preserve">${escapeString(text)}</t></si>`;
      if (batch.length >= 1 << 16) {
        out(batch);
        batch = '';
      }
    }
    out(batch);
    out('</sst>');
  }
}
