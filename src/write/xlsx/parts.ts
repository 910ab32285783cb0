/**
 * The small fixed parts of the package: content types, relationships,
 * workbook, document properties. Each is one string, written at finish().
 */
import { escapeAttribute, escapeText } from './xml.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const RELATIONSHIP_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface SheetEntry {
  readonly name: string;
  readonly state: 'visible' | 'hidden' | 'veryHidden';
  readonly part: string;
}

export interface DefinedName {
  readonly name: string;
  readonly sheetIndex: number;
  readonly formula: string;
  readonly hidden: boolean;
}

export function contentTypesXml(sheets: readonly SheetEntry[], hasSharedStrings: boolean): string {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  return [
    XML_DECLARATION,
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    override('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
    ...sheets.map((sheet) => override(sheet.part, 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml')),
    override('xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'),
    hasSharedStrings ? override('xl/sharedStrings.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml') : '',
    override('docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'),
    override('docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'),
    '</Types>',
  ].join('');
}

export function packageRelationshipsXml(): string {
  return [
    XML_DECLARATION,
    `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">`,
    `<Relationship Id="rId1" Type="${RELATIONSHIP_TYPE}/officeDocument" Target="xl/workbook.xml"/>`,
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>',
    `<Relationship Id="rId3" Type="${RELATIONSHIP_TYPE}/extended-properties" Target="docProps/app.xml"/>`,
    '</Relationships>',
  ].join('');
}

export function workbookRelationshipsXml(sheets: readonly SheetEntry[], hasSharedStrings: boolean): string {
  const parts = [XML_DECLARATION, `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">`];
  sheets.forEach((sheet, i) => {
    parts.push(`<Relationship Id="rId${i + 1}" Type="${RELATIONSHIP_TYPE}/worksheet" Target="${sheet.part.slice('xl/'.length)}"/>`);
  });
  parts.push(`<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIP_TYPE}/styles" Target="styles.xml"/>`);
  if (hasSharedStrings) parts.push(`<Relationship Id="rId${sheets.length + 2}" Type="${RELATIONSHIP_TYPE}/sharedStrings" Target="sharedStrings.xml"/>`);
  parts.push('</Relationships>');
  return parts.join('');
}

export function workbookXml(sheets: readonly SheetEntry[], definedNames: readonly DefinedName[]): string {
  const active = sheets.findIndex((sheet) => sheet.state === 'visible');
  const tab = active > 0 ? ` firstSheet="${active}" activeTab="${active}"` : '';
  const parts = [
    XML_DECLARATION,
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">`,
    '<workbookPr/>',
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="15000"${tab}/></bookViews>`,
    '<sheets>',
  ];
  sheets.forEach((sheet, i) => {
    const state = sheet.state === 'visible' ? '' : ` state="${sheet.state}"`;
    parts.push(`<sheet name="${escapeAttribute(sheet.name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`);
  });
  parts.push('</sheets>');
  if (definedNames.length > 0) {
    parts.push('<definedNames>');
    for (const name of definedNames) {
      const hidden = name.hidden ? ' hidden="1"' : '';
      parts.push(`<definedName name="${name.name}" localSheetId="${name.sheetIndex}"${hidden}>${escapeText(name.formula)}</definedName>`);
    }
    parts.push('</definedNames>');
  }
  // The cached results are written, but a spreadsheet program recalculates on opening all the same.
  parts.push('<calcPr calcId="191029" fullCalcOnLoad="1"/>', '</workbook>');
  return parts.join('');
}

export function corePropertiesXml(creator: string, created: Date, modified: Date): string {
  return [
    XML_DECLARATION,
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    `<dc:creator>${escapeText(creator)}</dc:creator>`,
    `<cp:lastModifiedBy>${escapeText(creator)}</cp:lastModifiedBy>`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf(created, 'created')}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf(modified, 'modified')}</dcterms:modified>`,
    '</cp:coreProperties>',
  ].join('');
}

export function appPropertiesXml(): string {
  return [
    XML_DECLARATION,
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">',
    '<Application>consolidate</Application>',
    '<DocSecurity>0</DocSecurity>',
    '<ScaleCrop>false</ScaleCrop>',
    '</Properties>',
  ].join('');
}

/** "2024-05-01T08:30:00Z": whole seconds, UTC, four-digit year. */
function w3cdtf(date: Date, what: string): string {
  const time = date.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`${what} is not a valid date`);
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError(`${what} year ${year} is outside 1–9999`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
