import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlScanner, XmlSyntaxError, type XmlEvents } from '../../src/read/xml/scan-xml.js';

// ---------------------------------------------------------------------------
// helpers

type XmlEvent = ['open', string, Record<string, string>] | ['close', string] | ['text', string];

/** Collects events, merging adjacent text (both parsers may split a run) and dropping empty text. */
class Recorder implements XmlEvents {
  readonly events: XmlEvent[] = [];

  open(name: string, attributes: Record<string, string>): void {
    this.events.push(['open', name, { ...attributes }]);
  }

  close(name: string): void {
    this.events.push(['close', name]);
  }

  text(text: string): void {
    if (text === '') return;
    const last = this.events[this.events.length - 1];
    if (last?.[0] === 'text') last[1] += text;
    else this.events.push(['text', text]);
  }
}

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

/** What the reader got from saxes: the events, or the error it threw (a DOCTYPE and nesting past 256 included). */
function saxesEvents(xml: string, maxDepth = 256): XmlEvent[] | Error {
  const recorder = new Recorder();
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    if (++depth > maxDepth) throw new Error(`elements nested deeper than ${maxDepth}`);
    recorder.open(localName(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    depth--;
    recorder.close(localName(tag.name));
  });
  // saxes reports text outside the root too; the scanner does not.
  parser.on('text', (text) => depth > 0 && recorder.text(text));
  parser.on('cdata', (text) => recorder.text(text));
  parser.on('doctype', () => {
    throw new Error('doctype');
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    return error as Error;
  }
  return recorder.events;
}

/** The scanner's events for `xml` fed as `pieces` (whole by default), or the error it threw. */
function scanEvents(xml: string | string[], options?: { maxDepth?: number }): XmlEvent[] | Error {
  const recorder = new Recorder();
  const scanner = new XmlScanner(recorder, options);
  try {
    for (const piece of typeof xml === 'string' ? [xml] : xml) scanner.write(piece);
    scanner.close();
  } catch (error) {
    return error as Error;
  }
  return recorder.events;
}

function scan(xml: string | string[], options?: { maxDepth?: number }): XmlEvent[] {
  const result = scanEvents(xml, options);
  if (result instanceof Error) throw result;
  return result;
}

function scanError(xml: string | string[], options?: { maxDepth?: number }): XmlSyntaxError {
  const result = scanEvents(xml, options);
  if (!(result instanceof XmlSyntaxError)) throw new Error(`expected an XmlSyntaxError, got ${JSON.stringify(result)}`);
  return result;
}

/** Small seeded generator (mulberry32), so a failing split can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomPieces(text: string, seed: number, maxPiece = 50): string[] {
  const next = random(seed);
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(next() * maxPiece);
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

/** Every way of cutting `text` in two, and one character at a time. */
function allSplits(text: string): string[][] {
  const splits: string[][] = [[...text]];
  for (let at = 1; at < text.length; at++) splits.push([text.slice(0, at), text.slice(at)]);
  return splits;
}

/** Same events whether saxes or the scanner reads it, whole and in pieces; or both refuse it. */
function expectLikeSaxes(xml: string, seed = 1): void {
  const expected = saxesEvents(xml);
  for (const pieces of [[xml], randomPieces(xml, seed), randomPieces(xml, seed + 1, 5)]) {
    const actual = scanEvents(pieces);
    if (expected instanceof Error) {
      expect(actual, `saxes refused it (${expected.message}); the scanner should too`).toBeInstanceOf(XmlSyntaxError);
    } else {
      expect(actual).toEqual(expected);
    }
  }
}

// ---------------------------------------------------------------------------
// Equivalence with saxes on every XML part of every fixture workbook

const fixturesRoot = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const workbooks = ['submissions', 'real', 'bad'].flatMap((folder) =>
  readdirSync(join(fixturesRoot, folder))
    .filter((file) => file.endsWith('.xlsx'))
    .map((file) => `${folder}/${file}`),
);

/** Parts are UTF-8 unless they start with a UTF-16 byte-order mark, as in the reader. */
function decodePart(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder().decode(bytes);
}

const MAX_PART = 4 << 20;
const compared = { wellFormed: 0, refused: 0 };

function xmlParts(path: string): [string, string][] | undefined {
  let entries: Record<string, Uint8Array>;
  try {
    // The zip bomb's 55 sheets of 20 MB filler would only slow the run down.
    entries = unzipSync(readFileSync(join(fixturesRoot, path)), { filter: (entry) => /\.(xml|rels|vml)$/.test(entry.name) && entry.originalSize <= MAX_PART });
  } catch {
    return undefined;
  }
  return Object.entries(entries).map(([name, bytes]) => [name, decodePart(bytes)]);
}

describe('XmlScanner: same events as saxes on the fixture workbooks', () => {
  it('finds the fixtures', () => {
    expect(workbooks.length).toBeGreaterThan(40);
  });

  it.each(workbooks)('%s', (path) => {
    const parts = xmlParts(path);
    if (parts === undefined) return; // not a zip, or a broken one
    let seed = 1;
    for (const [name, xml] of parts) {
      const expected = saxesEvents(xml);
      compared[expected instanceof Error ? 'refused' : 'wellFormed']++;
      for (const pieces of [[xml], randomPieces(xml, seed++)]) {
        const actual = scanEvents(pieces);
        if (expected instanceof Error) {
          expect(actual, `${name}: saxes says "${expected.message}"`).toBeInstanceOf(XmlSyntaxError);
        } else {
          expect(actual, name).toEqual(expected);
        }
      }
    }
  });

  it('compared hundreds of parts, some of which saxes refuses', () => {
    expect(compared.wellFormed).toBeGreaterThan(300);
    expect(compared.refused).toBeGreaterThan(3);
  });
});

// ---------------------------------------------------------------------------

describe('XmlScanner: events', () => {
  it('reports elements by local name, attributes as written, text decoded', () => {
    expect(scan('<x:worksheet xmlns:x="urn:x" xmlns:r="urn:r"><x:c r:id="rId1" s="2">a &amp; b</x:c></x:worksheet>')).toEqual([
      ['open', 'worksheet', { 'xmlns:x': 'urn:x', 'xmlns:r': 'urn:r' }],
      ['open', 'c', { 'r:id': 'rId1', s: '2' }],
      ['text', 'a & b'],
      ['close', 'c'],
      ['close', 'worksheet'],
    ]);
  });

  it('closes a self-closing element right after opening it', () => {
    expect(scan('<a><b x="1"/><c /></a>')).toEqual([['open', 'a', {}], ['open', 'b', { x: '1' }], ['close', 'b'], ['open', 'c', {}], ['close', 'c'], ['close', 'a']]);
  });

  it('accepts space around = and before > in tags, and in closing tags', () => {
    expect(scan('<a  b = "1"\n\tc=\'2\' ></a >')).toEqual([['open', 'a', { b: '1', c: '2' }], ['close', 'a']]);
  });

  it('gives attribute bags no inherited members, so any name is just a name', () => {
    const seen: Record<string, string>[] = [];
    const scanner = new XmlScanner({ open: (_name, attributes) => seen.push(attributes), close: () => {}, text: () => {} });
    scanner.write('<a __proto__="x" constructor="y" toString="z"><b/></a>');
    const [withNames, empty] = seen;
    expect(Object.entries(withNames ?? {})).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
      ['toString', 'z'],
    ]);
    expect(empty?.['constructor']).toBeUndefined();
    expect(empty?.['__proto__']).toBeUndefined();
    expect(Object.keys(empty ?? { x: 1 })).toEqual([]);
  });

  it('reports whitespace-only text inside the root, not outside it', () => {
    expect(scan(' \n<a> <b/>\n</a>\n ')).toEqual([['open', 'a', {}], ['text', ' '], ['open', 'b', {}], ['close', 'b'], ['text', '\n'], ['close', 'a']]);
  });

  it('skips the XML declaration, processing instructions and comments', () => {
    expect(scan('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- c --><?pi body?><a>x<!-- -><-y --><?pi ??>y</a><!-- after --><?pi?>')).toEqual([
      ['open', 'a', {}],
      ['text', 'xy'],
      ['close', 'a'],
    ]);
  });

  it('reports CDATA as text, without decoding references', () => {
    expect(scan('<a>x<![CDATA[<b>&amp;]]]]><![CDATA[]]>y</a>')).toEqual([['open', 'a', {}], ['text', 'x<b>&amp;]]y'], ['close', 'a']]);
  });

  it('ignores a byte-order mark at the very start only', () => {
    expect(scan('\uFEFF<a>\uFEFF</a>')).toEqual([['open', 'a', {}], ['text', '\uFEFF'], ['close', 'a']]);
    expect(scan(['', '\uFEFF', '<a/>'])).toEqual([['open', 'a', {}], ['close', 'a']]);
    expect(scanError('<a/>\uFEFF').kind).toBe('malformed');
  });

  it('accepts non-ASCII names, including characters outside the BMP', () => {
    expect(scan('<trường hạng="1"><𐀀:ô/></trường>')).toEqual([['open', 'trường', { hạng: '1' }], ['open', 'ô', {}], ['close', 'ô'], ['close', 'trường']]);
  });

  it('keeps thousands of distinct names apart (the name caches collide and evict)', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `n${i.toString(36)}`);
    const xml = `<root>${names.map((name, i) => `<${name} ${name}="${i}" k${name}="x"/>`).join('')}</root>`;
    const expected = saxesEvents(xml);
    expect(scan(xml)).toEqual(expected);
    expect(scan(xml)).toEqual(expected);
  });

  it('tells apart names that share their first eight characters or differ only late', () => {
    const xml = '<root><abcdwxyz/><abcdwxyq/><abcdefghiX a12345678="1" a12345679="2"/><abcdefghiY/></root>';
    expect(scan(xml)).toEqual(saxesEvents(xml));
    expect(scanError('<abcdefghiX></abcdefghiY>').kind).toBe('malformed');
    expect(scanError('<abcdwxyz></abcdwxyq>').kind).toBe('malformed');
  });

  it('keeps many attributes on one element apart, and still finds a duplicate among them', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const xml = `<a ${keys.map((key, i) => `${key}="${i}"`).join(' ')}/>`;
    expect(scan(xml)).toEqual(saxesEvents(xml));
    expect(scanError(xml.replace('/>', ' k57="x"/>')).message).toContain('duplicate attribute: k57');
  });

  it('decodes long runs of references, whatever their length', () => {
    const run = '&#7878;&#x1F600;a&amp;\r\n'.repeat(3000);
    const xml = `<a>${run}</a>`;
    expect(scan(xml)).toEqual(saxesEvents(xml));
    expect(scan(randomPieces(xml, 3, 3000))).toEqual(saxesEvents(xml));
  });

  it('reports several text events for one run when the pieces split it', () => {
    const texts: string[] = [];
    const scanner = new XmlScanner({ open: () => {}, close: () => {}, text: (text) => texts.push(text) });
    for (const piece of ['<a>one ', 'two ', 'three</a>']) scanner.write(piece);
    scanner.close();
    expect(texts).toEqual(['one ', 'two ', 'three']);
  });

  it('lets an exception from a handler through unchanged', () => {
    const boom = new Error('boom');
    const scanner = new XmlScanner({
      open: () => {
        throw boom;
      },
      close: () => {},
      text: () => {},
    });
    expect(() => scanner.write('<a>')).toThrow(boom);
  });
});

describe('XmlScanner: references and line ends', () => {
  it('decodes the predefined entities and character references', () => {
    expect(scan('<a b="&lt;&gt;&amp;&quot;&apos;">&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x00063;&#0100;</a>')).toEqual([
      ['open', 'a', { b: `<>&"'` }],
      ['text', `<>&"'ABcd`],
      ['close', 'a'],
    ]);
  });

  it('turns references above U+FFFF into surrogate pairs', () => {
    expect(scan('<a b="&#x1F600;">&#128512;&#x10FFFF;</a>')).toEqual([['open', 'a', { b: '😀' }], ['text', '😀\u{10FFFF}'], ['close', 'a']]);
  });

  it.each([
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['an entity without a semicolon', '<a>&amp b</a>'],
    ['an unterminated entity at the end', '<a>&amp'],
    ['an entity in an attribute without a semicolon', '<a b="&amp"/>'],
    ['an empty entity', '<a>&;</a>'],
    ['an empty character reference', '<a>&#;</a>'],
    ['an upper-case X in a hex reference', '<a>&#X41;</a>'],
    ['a non-digit in a reference', '<a>&#12a;</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['a reference to a C0 control', '<a>&#x1;</a>'],
    ['a reference to a surrogate', '<a>&#xD800;</a>'],
    ['a reference to U+FFFE', '<a>&#xFFFE;</a>'],
    ['a reference past U+10FFFF', '<a>&#x110000;</a>'],
    ['a huge reference', '<a>&#99999999999999999999999;</a>'],
    ['an entity outside the root', '&amp;<a/>'],
  ])('refuses %s', (_case, xml) => {
    expect(saxesEvents(xml)).toBeInstanceOf(Error);
    expect(scanError(xml).kind).toBe('malformed');
  });

  it('accepts references to tab, LF and CR', () => {
    expect(scan('<a>&#9;&#10;&#13;</a>')).toEqual([['open', 'a', {}], ['text', '\t\n\r'], ['close', 'a']]);
  });

  it('turns CRLF and lone CR into LF in text and CDATA', () => {
    expect(scan('<a>1\r\n2\r3\n4\r\r\n5<![CDATA[6\r\n7\r8]]></a>')).toEqual([['open', 'a', {}], ['text', '1\n2\n3\n4\n\n5' + '6\n7\n8'], ['close', 'a']]);
  });

  it('normalises tabs and line ends in attribute values to spaces, as saxes does, but not referenced ones', () => {
    const xml = '<a b="x\ty\nz\r\nw\rv  &#9;&#10;&#13;."/>';
    // What saxes 6 actually reports: each literal tab, LF, CR or CRLF is one space; references keep their character.
    expect(saxesEvents(xml)).toEqual([['open', 'a', { b: 'x y z w v  \t\n\r.' }], ['close', 'a']]);
    expect(scan(xml)).toEqual(saxesEvents(xml));
  });

  it('keeps a CRLF split between pieces as one line end', () => {
    for (const pieces of allSplits('<a>x\r\ny<![CDATA[\r\n]]></a>')) {
      expect(scan(pieces)).toEqual([['open', 'a', {}], ['text', 'x\ny\n'], ['close', 'a']]);
    }
    for (const pieces of allSplits('<a b="x\r\ny"/>')) {
      expect(scan(pieces)).toEqual([['open', 'a', { b: 'x y' }], ['close', 'a']]);
    }
  });

  it('decodes references split between pieces', () => {
    for (const pieces of allSplits('<a t="&#x1F600;&amp;">x&amp;y&#x1F600;&#65;</a>')) {
      expect(scan(pieces)).toEqual([['open', 'a', { t: '😀&' }], ['text', 'x&y😀A'], ['close', 'a']]);
    }
  });

  it('fails at once on an `&` that cannot start a reference, without waiting for more', () => {
    const scanner = new XmlScanner(new Recorder());
    scanner.write('<a>');
    expect(() => scanner.write('x & y')).toThrow(XmlSyntaxError);
  });
});

describe('XmlScanner: pieces split anywhere', () => {
  const document =
    '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- head --><x:root xmlns:x="urn:x" a="1 &amp; 2">' +
    '<x:c r="A1" t="s"><x:v>&#272;&#7897;c l&#7853;p</x:v></x:c><?pi x?><![CDATA[a]b]]c<d>]]><e f=\'"\'/>' +
    '😀 text\r\nmore</x:root>\n';
  const expected = scan(document);

  it('agrees with the whole-document events for every two-way split and one character at a time', () => {
    for (const pieces of allSplits(document)) expect(scan(pieces)).toEqual(expected);
  });

  it('agrees for random splits', () => {
    for (let seed = 1; seed <= 50; seed++) expect(scan(randomPieces(document, seed, 8))).toEqual(expected);
  });

  it('holds back brackets that may begin `]]>`, in plain and in decoded text', () => {
    expect(scanError(['<a>x]]', '></a>']).kind).toBe('malformed');
    expect(scanError(['<a>&amp;]', ']></a>']).kind).toBe('malformed');
    expect(scan(['<a>&amp;]]', 'x</a>'])).toEqual([['open', 'a', {}], ['text', '&]]x'], ['close', 'a']]);
    // A bracket from a reference is not raw `]`: saxes accepts this too.
    expect(scan(['<a>&#93;]', '>x</a>'])).toEqual(saxesEvents('<a>&#93;]>x</a>'));
    expect(scan(['<a>&#93;]', '>x</a>'])).toEqual([['open', 'a', {}], ['text', ']]>x'], ['close', 'a']]);
  });

  it('splits inside an entity and inside `<![CDATA[`', () => {
    expect(scan(['<a>&am', 'p;<![CD', 'ATA[x]', ']>y</a>'])).toEqual([['open', 'a', {}], ['text', '&xy'], ['close', 'a']]);
  });

  it('keeps only the unfinished token between pieces', () => {
    const scanner = new XmlScanner(new Recorder()) as unknown as { write(chunk: string): void; carry: string };
    scanner.write('<a>');
    for (let i = 0; i < 1000; i++) scanner.write('<b x="1">text</b><!-- comment -->');
    expect(scanner.carry).toBe('');
    scanner.write('<b x="1"');
    expect(scanner.carry).toBe('<b x="1"');
    scanner.write('><![CDATA[' + 'x'.repeat(10_000));
    expect(scanner.carry).toBe('');
  });

  it('does not re-read a long tag for every small piece', () => {
    const scanner = new XmlScanner(new Recorder());
    scanner.write('<a b="');
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) scanner.write('0123456789'.repeat(5));
    scanner.write('"/>');
    scanner.close();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('XmlScanner: DOCTYPE and ENTITY', () => {
  it.each([
    ['a DOCTYPE before the root', '<!DOCTYPE a><a/>'],
    ['a DOCTYPE with an internal subset', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['an ENTITY declaration', '<!ENTITY x "y"><a/>'],
    ['a DOCTYPE inside the root', '<a><!DOCTYPE a></a>'],
    ['an ENTITY inside the root', '<a><!ENTITY x "y"></a>'],
  ])('refuses %s with kind "doctype"', (_case, xml) => {
    expect(scanError(xml).kind).toBe('doctype');
    for (const pieces of allSplits(xml)) expect(scanError(pieces).kind).toBe('doctype');
  });

  it('refuses other `<!` constructs as malformed', () => {
    for (const xml of ['<a><!ELEMENT a></a>', '<a><!doctype a></a>', '<a><!-x--></a>', '<a><![CDATA x]]></a>', '<a><!></a>']) {
      expect(scanError(xml).kind).toBe('malformed');
    }
  });
});

describe('XmlScanner: well-formedness', () => {
  it.each([
    ['a mismatched closing tag', '<a><b></a></b>'],
    ['a closing tag with a different prefix', '<x:a></y:a>'],
    ['a closing tag with nothing open', '</a>'],
    ['a closing tag after the root', '<a></a></a>'],
    ['an empty closing tag', '<a></></a>'],
    ['space before the closing tag name', '<a></ a>'],
    ['junk in a closing tag', '<a></a b>'],
    ['an unclosed element', '<a><b></b>'],
    ['no root element', ''],
    ['only whitespace and comments', ' <!-- x --> '],
    ['a second root element', '<a/><b/>'],
    ['a second root element after text', '<a></a>\n<a></a>'],
    ['text before the root', 'x<a/>'],
    ['text after the root', '<a/>x'],
    ['CDATA outside the root', '<a/><![CDATA[]]>'],
    ['`<` in an attribute value', '<a b="<"/>'],
    ['an attribute without =', '<a b/>'],
    ['an attribute without = before another', '<a b c="1"/>'],
    ['an attribute without quotes', '<a b=1/>'],
    ['an attribute without a value', '<a b=/>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    ['no space between attributes', '<a b="1"c="2"/>'],
    ['junk after the tag name', '<a"b"/>'],
    ['`/` not followed by `>`', '<a/ >'],
    ['an empty tag name', '< a/>'],
    ['a tag name starting with a digit', '<1a/>'],
    ['a tag name starting with -', '<-a/>'],
    ['a tag name starting with .', '<.a/>'],
    ['an attribute name starting with a digit', '<a 1b="1"/>'],
    ['an invalid character in a tag name', '<a\u00D7b/>'],
    ['`<` alone', '<a><</a>'],
    ['`]]>` in text', '<a>]]></a>'],
    ['`--` in a comment', '<a><!-- a -- b --></a>'],
    ['a comment ending in --->', '<a><!-- a ---></a>'],
    ['an unterminated tag', '<a><b'],
    ['an unterminated attribute value', '<a b="1'],
    ['an unterminated comment', '<a/><!-- x'],
    ['an unterminated CDATA section', '<a><![CDATA[x'],
    ['an unterminated processing instruction', '<a/><?pi x'],
    ['a processing instruction without a target', '<a><? x?></a>'],
    ['an XML declaration after whitespace', ' <?xml version="1.0"?><a/>'],
    ['an XML declaration after the root', '<a/><?xml version="1.0"?>'],
    ['an upper-case XML declaration', '<?XML version="1.0"?><a/>'],
    ['an XML declaration without a version', '<?xml encoding="UTF-8"?><a/>'],
    ['an XML declaration in the wrong order', '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>'],
    ['a raw control character', '<a>\u0001</a>'],
    ['a raw control character in an attribute', '<a b="\u001F"/>'],
    ['a raw control character in a comment', '<a><!-- \u0008 --></a>'],
    ['a raw U+FFFE', '<a>\uFFFE</a>'],
    ['a raw U+FFFF in CDATA', '<a><![CDATA[\uFFFF]]></a>'],
    ['an unpaired low surrogate', '<a>\uDC00</a>'],
    ['an unpaired high surrogate at the end of text', '<a>\uD800</a>'],
    ['an unpaired high surrogate in an attribute', '<a b="\uD800"/>'],
    ['a raw control character below CR in an attribute', '<a b="x\u0001"/>'],
    ['a duplicate attribute after eight others', `<a ${[...'bcdefghij'].map((key) => `${key}="1"`).join(' ')} c="2"/>`],
  ])('refuses %s', (_case, xml) => {
    expect(saxesEvents(xml), 'saxes refuses it too').toBeInstanceOf(Error);
    expect(scanError(xml).kind).toBe('malformed');
    for (const pieces of allSplits(xml)) expect(scanEvents(pieces)).toBeInstanceOf(XmlSyntaxError);
  });

  it('refuses an XML declaration for another version, which saxes would read by XML 1.1 rules', () => {
    expect(scanError('<?xml version="1.1"?><a/>').kind).toBe('malformed');
    expect(scan('<?xml version=\'1.0\'?><a/>')).toEqual([['open', 'a', {}], ['close', 'a']]);
  });

  it('refuses a lone high surrogate saxes lets through (TextDecoder never produces one)', () => {
    expect(scanError('<a>\uD800a</a>').kind).toBe('malformed');
  });

  it('reports events up to the error', () => {
    const recorder = new Recorder();
    const scanner = new XmlScanner(recorder);
    expect(() => scanner.write('<a><b>x</c>')).toThrow(XmlSyntaxError);
    expect(recorder.events).toEqual([['open', 'a', {}], ['open', 'b', {}], ['text', 'x']]);
  });
});

describe('XmlScanner: nesting limit', () => {
  it('allows maxDepth levels and refuses one more, self-closing or not', () => {
    const nested = (depth: number, inner = '') => '<x>'.repeat(depth) + inner + '</x>'.repeat(depth);
    expect(scan(nested(256))).toHaveLength(512);
    expect(scanError(nested(257)).message).toContain('nested deeper than 256');
    expect(scanError(nested(256, '<y/>')).message).toContain('nested deeper than 256');
    expect(scan(nested(3), { maxDepth: 3 })).toHaveLength(6);
    expect(scanError(nested(4), { maxDepth: 3 }).message).toContain('nested deeper than 3');
  });

  it('fails fast on 100,000 nested opening tags', () => {
    const xml = '<x>'.repeat(100_000);
    const started = performance.now();
    const error = scanError(xml);
    expect(performance.now() - started).toBeLessThan(500);
    expect(error.message).toContain('nested deeper than 256');
    expect(scanError(randomPieces(xml, 7, 5000)).message).toContain('nested deeper than 256');
  });
});

// ---------------------------------------------------------------------------
// Random documents built from the pieces XML is made of, compared with saxes.

const piecesOfXml = fc.constantFrom(
  '<a>',
  '</a>',
  '<b x="1">',
  '</b>',
  '<a/>',
  '<p:c r:id="&amp;" s=\'2\'>',
  '</p:c>',
  '<d a="x\ty\r\nz"/>',
  '<e\n a = "1"\tb="2" />',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  'text',
  'é',
  '😀',
  ']]',
  ']',
  '>',
  '&amp;',
  '&lt;',
  '&#65;',
  '&#x1F600;',
  '&',
  ';',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '-',
  '<?pi data?>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE a>',
  '<',
  '/>',
  '"',
  '=',
);

describe('XmlScanner: random documents', () => {
  it('agrees with saxes', () => {
    fc.assert(
      fc.property(fc.array(piecesOfXml, { maxLength: 30 }), fc.integer({ min: 1, max: 1000 }), (tokens, seed) => {
        expectLikeSaxes(tokens.join(''), seed);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with saxes on well-formed documents', () => {
    const element: fc.Memo<string> = fc.memo((depth) =>
      fc
        .tuple(
          fc.constantFrom('a', 'x:b', 'c-d.e', 'ô'),
          fc.array(fc.tuple(fc.constantFrom('r', 's', 'x:t', 'u'), fc.constantFrom('', '1', 'a&amp;b', '&#10;', 'x\ty', '"', 'é😀')), { maxLength: 3 }),
          depth <= 1 ? fc.constant([]) : fc.array(fc.oneof(element(depth - 1), fc.constantFrom('text', ' ', '\r\n', '&lt;&#x10000;', '<![CDATA[<x>\r]]>', '<!-- c -->', '<?p q?>')), { maxLength: 4 }),
        )
        .map(([name, attributes, children]) => {
          const unique = attributes.filter(([key], i) => attributes.findIndex(([other]) => other === key) === i);
          const attributeText = unique.map(([key, value]) => ` ${key}=${value.includes('"') ? `'${value}'` : `"${value}"`}`).join('');
          return children.length === 0 ? `<${name}${attributeText}/>` : `<${name}${attributeText}>${children.join('')}</${name}>`;
        }),
    );
    fc.assert(
      fc.property(element(4), fc.integer({ min: 1, max: 1000 }), (xml, seed) => {
        expect(saxesEvents(xml)).not.toBeInstanceOf(Error);
        expectLikeSaxes(xml, seed);
      }),
      { numRuns: 500 },
    );
  });
});
