/**
 * A streaming XML tokenizer for the parts of an .xlsx package.
 *
 * It replaces saxes on the hot path: the same events as saxes 6 with
 * `{ xmlns: false, position: false }` and the same well-formedness checks,
 * several times faster. Instead of a state machine that handles
 * every character in turn, tags are read by tight loops over their names and
 * values, with ASCII lookup tables and a name cache keyed by a hash computed
 * on the way; text is walked to the next `<` and only rebuilt when it holds a
 * reference or a CR; comments, CDATA and processing instructions are skipped
 * with indexOf. The check that every character is one XML allows rides along
 * in those loops rather than costing a pass of its own.
 *
 * Streaming: pieces may split anywhere. Only the unfinished token is carried
 * to the next `write`; text, CDATA and comment bodies are consumed as they
 * arrive, so memory stays bounded by the largest single tag.
 *
 * Deliberate limits: a DOCTYPE or ENTITY declaration is refused outright
 * (entity expansion is how XML bombs work), and so is any version but 1.0 in
 * the XML declaration: saxes switches to XML 1.1 rules for those (other
 * characters allowed, NEL and LS as line ends), which no spreadsheet program
 * needs, so refusing keeps the two from ever disagreeing silently.
 */

export interface XmlEvents {
  /** An element opened. `name` is the LOCAL name (prefix stripped: `x:c` → `c`); attribute keys are as written (`r:id`, `xmlns:x`), values entity-decoded. */
  open(name: string, attributes: Record<string, string>): void;
  /** An element closed (also called right after open for a self-closing `<a/>`). Local name. */
  close(name: string): void;
  /** Character data inside the root element, entities decoded; CDATA sections come through here too. May be called several times for one run of text. */
  text(text: string): void;
}

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';

  constructor(
    readonly kind: 'doctype' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

export interface XmlScannerOptions {
  /** Elements may nest this deep; one level more is an error. Default 256. */
  maxDepth?: number;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const BANG = 0x21;
const DQUOTE = 0x22;
const HASH = 0x23;
const AMP = 0x26;
const SQUOTE = 0x27;
const MINUS = 0x2d;
const SLASH = 0x2f;
const COLON = 0x3a;
const SEMICOLON = 0x3b;
const LT = 0x3c;
const EQUALS = 0x3d;
const GT = 0x3e;
const QUESTION = 0x3f;
const CLOSE_BRACKET = 0x5d;

/** Where a piece may end other than between tokens: these bodies are streamed, not carried. */
const IN_TEXT = 0;
const IN_COMMENT = 1;
const IN_PI = 2;
const IN_CDATA = 3;

function malformed(message: string): XmlSyntaxError {
  return new XmlSyntaxError('malformed', message);
}

function disallowed(c: number): XmlSyntaxError {
  return malformed(`disallowed character U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
}

// ---------------------------------------------------------------------------
// Characters and names (XML 1.0 fifth edition, as saxes checks them)

function isSpace(c: number): boolean {
  return c === SPACE || c === LF || c === CR || c === TAB;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The Char production: what a character reference may produce. */
function isXmlChar(cp: number): boolean {
  return cp >= SPACE ? cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff) : cp === TAB || cp === LF || cp === CR;
}

const NAME_START_ASCII = new Uint8Array(128);
const NAME_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === COLON;
  NAME_START_ASCII[c] = start ? 1 : 0;
  NAME_ASCII[c] = start || (c >= 0x30 && c <= 0x39) || c === MINUS || c === 0x2e ? 1 : 0;
}

/** How text and attribute values treat each ASCII character: most need nothing, so one table load decides. */
const PLAIN = 0;
const DECODE = 1; // `&`, and a line end or tab (normalised)
const MARKUP = 2; // `<`, `>` (`>` only matters in text, for `]]>`)
const FORBIDDEN = 3; // C0 controls XML does not allow
const TEXT_CLASS = new Uint8Array(128);
const VALUE_CLASS = new Uint8Array(128);
for (let c = 0; c < SPACE; c++) TEXT_CLASS[c] = VALUE_CLASS[c] = FORBIDDEN;
TEXT_CLASS[TAB] = TEXT_CLASS[LF] = PLAIN;
TEXT_CLASS[CR] = TEXT_CLASS[AMP] = DECODE;
TEXT_CLASS[GT] = TEXT_CLASS[LT] = MARKUP;
VALUE_CLASS[TAB] = VALUE_CLASS[LF] = VALUE_CLASS[CR] = VALUE_CLASS[AMP] = DECODE;
VALUE_CLASS[LT] = MARKUP;

/**
 * NameStartChar outside ASCII. A high surrogate D800–DB7F stands for its
 * pair (planes 1–14 are allowed, 15–16 are not); the caller checks that the
 * low half follows.
 */
function isNameStartNonAscii(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xdb7f) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

function isNameCharNonAscii(c: number): boolean {
  return isNameStartNonAscii(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/**
 * Index just past the name-start character at `i` (a surrogate pair is two
 * units; past the end of `buf` when the pair is split by it), or -1 if there
 * is none.
 */
function nameStartEnd(buf: string, i: number): number {
  const c = buf.charCodeAt(i);
  if (c < 0x80) return NAME_START_ASCII[c] === 1 ? i + 1 : -1;
  if (!isNameStartNonAscii(c)) return -1;
  if (c < 0xd800 || c > 0xdbff) return i + 1;
  return i + 1 >= buf.length || isLowSurrogate(buf.charCodeAt(i + 1)) ? i + 2 : -1;
}

/**
 * Index of the first character at or after `i` that cannot continue a name
 * (past the end of `buf` when a surrogate pair is split by it). The general
 * case; openTag reads ASCII names itself.
 */
function scanName(buf: string, i: number): number {
  const len = buf.length;
  for (; i < len; i++) {
    const c = buf.charCodeAt(i);
    if (c < 0x80) {
      if (NAME_ASCII[c] === 0) break;
    } else if (!isNameCharNonAscii(c)) {
      break;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 >= len) return len + 1;
      if (!isLowSurrogate(buf.charCodeAt(i + 1))) break; // the caller rejects the lone high half
      i++;
    }
  }
  return i;
}

function isNameChar(c: number): boolean {
  return c < 0x80 ? NAME_ASCII[c] === 1 : isNameCharNonAscii(c);
}

/** `buf.slice(start, end) === text` without the slice. */
function sameText(text: string, buf: string, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = start, j = 0; i < end; i++, j++) {
    if (buf.charCodeAt(i) !== text.charCodeAt(j)) return false;
  }
  return true;
}

/**
 * Names are hashed as base-131 numbers, the first four characters into one
 * word and the rest into another: for ASCII names of up to eight characters
 * (most SpreadsheetML names: `c`, `r`, `row`, `spans`, `numFmtId`) the two
 * words and the length identify the name exactly, so a cache hit needs no
 * character comparison.
 */
const HASH_BASE = 131;
const HASH_HEAD = 4;
const EXACT_HASH_LENGTH = 2 * HASH_HEAD;

/** Whether `text`, an ASCII name whose hash words equal those of the ASCII name [start, end) of `buf`, spells it. */
function sameAscii(text: string, buf: string, start: number, end: number): boolean {
  return end - start <= EXACT_HASH_LENGTH ? text.length === end - start : sameText(text, buf, start, end);
}

/**
 * For a character at `i` from U+D800 up: the index after it (a surrogate
 * pair is two units), or -1 when `streaming` and the high half of a pair is
 * the last unit before `end`. Throws on an unpaired surrogate, U+FFFE and
 * U+FFFF.
 */
function pastHighCharacter(buf: string, i: number, end: number, streaming: boolean): number {
  const c = buf.charCodeAt(i);
  if (c <= 0xdbff) {
    if (i + 1 < end) {
      if (isLowSurrogate(buf.charCodeAt(i + 1))) return i + 2;
    } else if (streaming) {
      return -1;
    }
    throw disallowed(c);
  }
  if (c <= 0xdfff || c >= 0xfffe) throw disallowed(c);
  return i + 1;
}

/**
 * Rejects characters XML does not allow in [start, end). Returns `end`, or
 * the index of a high surrogate whose low half may still come when
 * `streaming`.
 */
function checkCharacters(buf: string, start: number, end: number, streaming: boolean): number {
  for (let i = start; i < end; i++) {
    const c = buf.charCodeAt(i);
    if (c < SPACE) {
      if (c !== TAB && c !== LF && c !== CR) throw disallowed(c);
    } else if (c >= 0xd800) {
      const next = pastHighCharacter(buf, i, end, streaming);
      if (next < 0) return i;
      i = next - 1;
    }
  }
  return end;
}

// ---------------------------------------------------------------------------
// Name caches

/**
 * Element and attribute names repeat endlessly (`c`, `r`, `s`, `row`), so
 * ASCII ones come from small hash-indexed caches instead of fresh slices: no
 * allocation per tag, and the cached strings are the engine's canonical
 * copies, which are the fastest property keys. A collision only costs a
 * slice. Names with other characters are rare and skip the caches.
 */
const CACHE_BITS = 12;
const CACHE_SLOTS = 1 << CACHE_BITS;
/** The caches outlive documents; a freak name should not stay in memory with them. */
const MAX_CACHED_NAME = 64;

interface ElementName {
  readonly qualified: string;
  readonly local: string;
  readonly head: number;
  readonly tail: number;
}

const elementNames: (ElementName | undefined)[] = new Array<ElementName | undefined>(CACHE_SLOTS).fill(undefined);
const attributeNames: string[] = new Array<string>(CACHE_SLOTS).fill('');
const attributeHeads = new Int32Array(CACHE_SLOTS);
const attributeTails = new Int32Array(CACHE_SLOTS);

/** The top bits of a multiplicative hash of both words. */
function cacheSlot(head: number, tail: number): number {
  return Math.imul(head ^ (head >>> 16) ^ Math.imul(tail, 0x27d4eb2d), 0x9e3779b1) >>> (32 - CACHE_BITS);
}

/**
 * The canonical (internalised) copy of a string. Every property key is one,
 * so using a fresh slice as a key would turn it into an indirection to the
 * canonical copy, slowing later reads of the cached string.
 */
function canonical(text: string): string {
  return Object.keys({ [text]: 0 })[0] as string;
}

/** [start, end) of `buf` as an element name; `slot` < 0 keeps it out of the cache. */
function newElementName(buf: string, start: number, end: number, head: number, tail: number, slot: number): ElementName {
  const qualified = canonical(buf.slice(start, end));
  const colon = qualified.indexOf(':');
  const entry = { qualified, local: colon < 0 ? qualified : canonical(qualified.slice(colon + 1)), head, tail };
  if (slot >= 0 && end - start <= MAX_CACHED_NAME) elementNames[slot] = entry;
  return entry;
}

/** [start, end) of `buf` as an attribute name; `slot` < 0 keeps it out of the cache. */
function newAttributeName(buf: string, start: number, end: number, head: number, tail: number, slot: number): string {
  const name = canonical(buf.slice(start, end));
  if (slot >= 0 && end - start <= MAX_CACHED_NAME) {
    attributeNames[slot] = name;
    attributeHeads[slot] = head;
    attributeTails[slot] = tail;
  }
  return name;
}

/**
 * Attribute bags have no prototype chain to trip over (`constructor` and
 * `__proto__` are ordinary attribute names), like saxes' Object.create(null),
 * but as instances of a constructor they keep V8's fast property layout.
 */
const AttributeBag = function AttributeBag() {} as unknown as new () => Record<string, string>;
AttributeBag.prototype = Object.create(null) as object;
// V8 fixes how many properties objects from a constructor hold inline after
// the first few it builds ("slack tracking"); left to the first tags of the
// first document, that might be one or two, and every larger bag would need
// a separate property array. Build those first few with room for eight.
for (let built = 0; built < 8; built++) {
  const bag = new AttributeBag();
  for (let k = 0; k < 8; k++) bag[`\u0000${k}`] = '';
}

/** `version`, then optionally `encoding`, then optionally `standalone`, in that order, as saxes insists; version 1.0 only (see the top). */
const XML_DECLARATION =
  /^[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.0"|'1\.0')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*$/;

/** What may follow `<!`; a shorter tail that is a prefix of one of these must wait for more input. */
const BANG_KEYWORDS = ['--', '[CDATA[', 'DOCTYPE', 'ENTITY'];

/** What an unfinished reference at the end of a piece may look like so far. */
const PARTIAL_REFERENCE = /^&#?[0-9A-Za-z]*$/;

// ---------------------------------------------------------------------------

export class XmlScanner {
  private readonly events: XmlEvents;
  private readonly maxDepth: number;
  /** Unfinished token (or held-back end of text) from the previous write. */
  private carry = '';
  /** When set, the carried tag cannot progress until this character arrives, so pieces without it are only appended. */
  private waitFor = '';
  private mode = IN_TEXT;
  /** The open elements, innermost last. */
  private readonly open: ElementName[] = [];
  private sawRoot = false;
  private started = false;
  /** An XML declaration is only allowed as the very first thing in the document. */
  private declarationPossible = true;
  private closed = false;

  constructor(events: XmlEvents, options?: XmlScannerOptions) {
    this.events = events;
    this.maxDepth = options?.maxDepth ?? 256;
  }

  /** Feeds the next piece of the document (pieces may split anywhere, even inside a tag, an entity, a comment or CDATA). */
  write(chunk: string): void {
    if (this.closed) throw new Error('XmlScanner: write after close');
    if (chunk.length === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.waitFor !== '') {
      // Re-parsing a long tag for every small piece would be quadratic.
      if (!chunk.includes(this.waitFor)) {
        this.carry += chunk;
        return;
      }
      this.waitFor = '';
    }
    const buf = this.carry === '' ? chunk : this.carry + chunk;
    this.carry = '';
    this.scan(buf, false);
  }

  /** End of document: throws XmlSyntaxError if anything is unclosed or no root element was seen. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.carry !== '') {
      const buf = this.carry;
      this.carry = '';
      this.waitFor = '';
      this.scan(buf, true);
    }
    if (this.mode !== IN_TEXT) throw malformed('unexpected end of input inside a comment, CDATA section or processing instruction');
    if (!this.sawRoot) throw malformed('document must contain a root element');
    const innermost = this.open[this.open.length - 1];
    if (innermost !== undefined) throw malformed(`unclosed tag: ${innermost.qualified}`);
  }

  /** Consumes `buf`, leaving in `carry` whatever the next piece may still change. `final`: no next piece. */
  private scan(buf: string, final: boolean): void {
    const len = buf.length;
    let pos = 0;
    while (pos < len) {
      const mode = this.mode;
      if (mode === IN_TEXT) {
        let lt = pos;
        if (buf.charCodeAt(pos) !== LT) {
          // Text runs are walked rather than searched with indexOf: their
          // characters need checking anyway, and most runs are short.
          this.declarationPossible = false;
          if (this.open.length > 0) {
            lt = this.text(buf, pos, final);
          } else {
            while (lt < len && isSpace(buf.charCodeAt(lt))) lt++;
            if (lt < len && buf.charCodeAt(lt) !== LT) throw malformed('text outside the root element');
          }
          if (lt >= len || buf.charCodeAt(lt) !== LT) {
            this.carry = buf.slice(lt);
            return;
          }
        }
        let next: number;
        switch (buf.charCodeAt(lt + 1)) {
          case SLASH:
            next = this.closeTag(buf, lt);
            break;
          case BANG:
            next = this.bang(buf, lt);
            break;
          case QUESTION:
            next = this.processingInstruction(buf, lt);
            break;
          default:
            next = lt + 1 < len ? this.openTag(buf, lt) : -1;
        }
        if (next < 0) {
          if (final) throw malformed('unexpected end of input inside a tag');
          this.carry = buf.slice(lt);
          return;
        }
        this.declarationPossible = false;
        pos = next;
      } else if (mode === IN_COMMENT) {
        const dashes = buf.indexOf('--', pos);
        if (dashes >= 0 && dashes + 2 < len) {
          checkCharacters(buf, pos, dashes, false);
          if (buf.charCodeAt(dashes + 2) !== GT) throw malformed('"--" is not allowed inside a comment');
          this.mode = IN_TEXT;
          pos = dashes + 3;
          continue;
        }
        if (final) throw malformed('unterminated comment');
        // Keep a dash or two that may begin the closing `-->`.
        const keep = dashes >= 0 ? dashes : buf.charCodeAt(len - 1) === MINUS ? len - 1 : len;
        this.carry = buf.slice(checkCharacters(buf, pos, keep, true));
        return;
      } else if (mode === IN_PI) {
        const end = buf.indexOf('?>', pos);
        if (end >= 0) {
          checkCharacters(buf, pos, end, false);
          this.mode = IN_TEXT;
          pos = end + 2;
          continue;
        }
        if (final) throw malformed('unterminated processing instruction');
        const keep = buf.charCodeAt(len - 1) === QUESTION ? len - 1 : len;
        this.carry = buf.slice(checkCharacters(buf, pos, keep, true));
        return;
      } else {
        const end = buf.indexOf(']]>', pos);
        if (end >= 0) {
          this.cdata(buf, pos, end, false);
          this.mode = IN_TEXT;
          pos = end + 3;
          continue;
        }
        if (final) throw malformed('unterminated CDATA section');
        // Emit what is certain; keep brackets that may begin `]]>`.
        let keep = len;
        if (buf.charCodeAt(keep - 1) === CLOSE_BRACKET) keep--;
        if (keep > pos && buf.charCodeAt(keep - 1) === CLOSE_BRACKET) keep--;
        this.carry = buf.slice(this.cdata(buf, pos, keep, true));
        return;
      }
    }
  }

  /**
   * Reports the text from `pos` up to the next `<` inside the root: checks
   * its characters, decodes references and line ends. Returns the index of
   * that `<`, or where it stopped at the end of the buffer: unless `final`,
   * whatever the next piece could still change — an unfinished reference, a
   * CR that may begin CRLF, brackets that may begin `]]>`, half a surrogate
   * pair — is held back for it.
   */
  private text(buf: string, pos: number, final: boolean): number {
    const len = buf.length;
    let i = pos;
    for (; i < len; i++) {
      const c = buf.charCodeAt(i);
      if (c < 0x80) {
        const kind = TEXT_CLASS[c];
        if (kind === PLAIN) continue;
        if (c === LT) break;
        if (kind === DECODE) return this.decodedText(buf, pos, i, final);
        if (kind === MARKUP) {
          if (i - 2 >= pos && buf.charCodeAt(i - 1) === CLOSE_BRACKET && buf.charCodeAt(i - 2) === CLOSE_BRACKET) {
            throw malformed('the string "]]>" is not allowed in character data');
          }
        } else {
          throw disallowed(c);
        }
      } else if (c >= 0xd800) {
        const next = pastHighCharacter(buf, i, len, !final);
        if (next < 0) break;
        i = next - 1;
      }
    }
    if (i === len && !final) i = beforeClosingBrackets(buf, pos, i);
    if (i > pos) this.events.text(buf.slice(pos, i));
    return i;
  }

  /**
   * text() from the first `&` or CR at `from` on: the same checks, but the
   * text is rebuilt code unit by code unit (Vietnamese text is often mostly
   * character references, and one string from an array of codes is cheaper
   * than many small concatenations).
   */
  private decodedText(buf: string, pos: number, from: number, final: boolean): number {
    const len = buf.length;
    const units: number[] = [];
    let out = buf.slice(pos, from);
    let i = from;
    for (; i < len; i++) {
      let c = buf.charCodeAt(i);
      if (c < 0x80) {
        const kind = TEXT_CLASS[c];
        if (kind !== PLAIN) {
          if (c === LT) break;
          if (c === AMP) {
            const end = referenceEnd(buf, i, final);
            if (end < 0) break; // unfinished at the end of the buffer
            c = referenceValue;
            i = end;
            if (c >= 0x10000) {
              units.push(0xd800 + ((c - 0x10000) >> 10));
              c = 0xdc00 + ((c - 0x10000) & 0x3ff);
            }
          } else if (c === CR) {
            if (i + 1 === len && !final) break;
            if (buf.charCodeAt(i + 1) === LF) i++;
            c = LF;
          } else if (kind === MARKUP) {
            if (i - 2 >= pos && buf.charCodeAt(i - 1) === CLOSE_BRACKET && buf.charCodeAt(i - 2) === CLOSE_BRACKET) {
              throw malformed('the string "]]>" is not allowed in character data');
            }
          } else {
            throw disallowed(c);
          }
        }
      } else if (c >= 0xd800) {
        const next = pastHighCharacter(buf, i, len, !final);
        if (next < 0) break;
        if (next === i + 2) units.push(c);
        i = next - 1;
        c = buf.charCodeAt(i);
      }
      units.push(c);
      if (units.length >= MAX_UNITS) {
        out += String.fromCharCode(...units);
        units.length = 0;
      }
    }
    let text = out + String.fromCharCode(...units);
    if (i === len && !final) {
      // Brackets held back were raw characters, each the last code unit of the text.
      const stop = beforeClosingBrackets(buf, pos, i);
      if (stop < i) text = text.slice(0, text.length - (i - stop));
      i = stop;
    }
    if (text !== '') this.events.text(text);
    return i;
  }

  /** Reports CDATA content: no references, but characters are checked and line ends normalised. Returns where it stopped, as text() does. */
  private cdata(buf: string, start: number, end: number, streaming: boolean): number {
    let out = '';
    let last = start;
    let i = start;
    for (; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (c < SPACE) {
        if (c === CR) {
          if (i + 1 === end && streaming) break;
          out += buf.slice(last, i) + '\n';
          if (i + 1 < end && buf.charCodeAt(i + 1) === LF) i++;
          last = i + 1;
        } else if (c !== TAB && c !== LF) {
          throw disallowed(c);
        }
      } else if (c >= 0xd800) {
        const next = pastHighCharacter(buf, i, end, streaming);
        if (next < 0) break;
        i = next - 1;
      }
    }
    const text = out + buf.slice(last, i);
    if (text !== '') this.events.text(text);
    return i;
  }

  private incomplete(waitFor: string): number {
    this.waitFor = waitFor;
    return -1;
  }

  private openTag(buf: string, lt: number): number {
    const len = buf.length;
    const nameStart = lt + 1;
    // The name, hashed on the way. The loops for ASCII names are written out
    // here rather than called, as this is the hottest path of all; anything
    // else goes through the general scanName.
    let i = nameStart;
    let c = buf.charCodeAt(i);
    let head = 0;
    let tail = 0;
    if (c < 0x80 && NAME_START_ASCII[c] === 1) {
      const headEnd = nameStart + HASH_HEAD;
      do {
        head = (Math.imul(head, HASH_BASE) + c) | 0;
        c = buf.charCodeAt(++i);
      } while (i < headEnd && c < 0x80 && NAME_ASCII[c] === 1);
      while (c < 0x80 && NAME_ASCII[c] === 1) {
        tail = (Math.imul(tail, HASH_BASE) + c) | 0;
        c = buf.charCodeAt(++i);
      }
    }
    let name: ElementName;
    if (c < 0x80 && i > nameStart) {
      const slot = cacheSlot(head, tail);
      const cached = elementNames[slot];
      name =
        cached !== undefined && cached.head === head && cached.tail === tail && sameAscii(cached.qualified, buf, nameStart, i)
          ? cached
          : newElementName(buf, nameStart, i, head, tail, slot);
    } else {
      i = nameStartEnd(buf, nameStart);
      if (i < 0) throw malformed('invalid character at the start of a tag name');
      i = scanName(buf, i);
      if (i >= len) return this.incomplete('>');
      name = newElementName(buf, nameStart, i, 0, 0, -1);
    }
    const depth = this.open.length;
    if (depth === 0 && this.sawRoot) throw malformed('documents may contain only one root element');
    // Checked as each element opens, so a flood of opening tags fails at once.
    if (depth >= this.maxDepth) throw malformed(`elements nested deeper than ${this.maxDepth}`);

    const attributes = new AttributeBag();
    let seen = 0;
    let selfClosing = false;
    while (true) {
      c = buf.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (i + 1 >= len) return this.incomplete('>');
        if (buf.charCodeAt(i + 1) !== GT) throw malformed('"/" in a tag not followed by ">"');
        selfClosing = true;
        i += 2;
        break;
      }
      // After the name and after each value, space must come before another attribute.
      if (!isSpace(c)) throw malformed('disallowed character in a tag');
      do c = buf.charCodeAt(++i);
      while (isSpace(c));
      if (i >= len) return this.incomplete('>');
      if (c === GT || c === SLASH) continue;

      const keyStart = i;
      head = 0;
      tail = 0;
      if (c < 0x80 && NAME_START_ASCII[c] === 1) {
        const headEnd = keyStart + HASH_HEAD;
        do {
          head = (Math.imul(head, HASH_BASE) + c) | 0;
          c = buf.charCodeAt(++i);
        } while (i < headEnd && c < 0x80 && NAME_ASCII[c] === 1);
        while (c < 0x80 && NAME_ASCII[c] === 1) {
          tail = (Math.imul(tail, HASH_BASE) + c) | 0;
          c = buf.charCodeAt(++i);
        }
      }
      let key: string;
      // A bit per cache slot (mod 32) seen in this tag: a duplicate name
      // always finds its bit set, so only then is the bag itself consulted.
      let bit: number;
      if (c < 0x80 && i > keyStart) {
        const slot = cacheSlot(head, tail);
        const cached = attributeNames[slot] as string;
        key =
          attributeHeads[slot] === head && attributeTails[slot] === tail && sameAscii(cached, buf, keyStart, i)
            ? cached
            : newAttributeName(buf, keyStart, i, head, tail, slot);
        bit = 1 << slot;
      } else {
        i = nameStartEnd(buf, keyStart);
        if (i < 0) throw malformed('invalid character at the start of an attribute name');
        i = scanName(buf, i);
        key = newAttributeName(buf, keyStart, i, 0, 0, -1);
        c = buf.charCodeAt(i);
        bit = 1 << 31;
      }
      while (isSpace(c)) c = buf.charCodeAt(++i);
      if (i >= len) return this.incomplete('>');
      if (c !== EQUALS) throw malformed('attribute without value');
      do c = buf.charCodeAt(++i);
      while (isSpace(c));
      if (i >= len) return this.incomplete('>');
      if (c !== DQUOTE && c !== SQUOTE) throw malformed('unquoted attribute value');

      // One pass finds the closing quote and notes whether the value needs a closer look.
      const quote = c;
      const valueStart = i + 1;
      let plain = true;
      for (i = valueStart; i < len; i++) {
        const v = buf.charCodeAt(i);
        if (v === quote) break;
        if (v < 0x80) {
          const kind = VALUE_CLASS[v];
          if (kind !== PLAIN) {
            if (kind === FORBIDDEN) throw disallowed(v);
            plain = false;
          }
        } else if (v >= 0xd800) {
          plain = false;
        }
      }
      if (i >= len) return this.incomplete(quote === DQUOTE ? '"' : "'");
      const value = plain ? buf.slice(valueStart, i) : attributeValue(buf, valueStart, i);
      if ((seen & bit) !== 0 && attributes[key] !== undefined) throw malformed(`duplicate attribute: ${key}`);
      attributes[key] = value;
      seen |= bit;
      if (++i >= len) return this.incomplete('>');
    }

    this.sawRoot = true;
    if (!selfClosing) this.open.push(name);
    this.events.open(name.local, attributes);
    if (selfClosing) this.events.close(name.local);
    return i;
  }

  private closeTag(buf: string, lt: number): number {
    // Nearly always the name is the innermost element's: compare it directly
    // and make sure the name ends there.
    const innermost = this.open[this.open.length - 1];
    if (innermost !== undefined) {
      const expected = innermost.qualified;
      const nameStart = lt + 2;
      const nameEnd = nameStart + expected.length;
      let i = nameStart;
      while (i < nameEnd && buf.charCodeAt(i) === expected.charCodeAt(i - nameStart)) i++;
      if (i === nameEnd) {
        let c = buf.charCodeAt(i);
        if (c === GT) {
          this.open.pop();
          this.events.close(innermost.local);
          return i + 1;
        }
        if (i < buf.length && !isNameChar(c)) {
          while (isSpace(c)) c = buf.charCodeAt(++i);
          if (c === GT) {
            this.open.pop();
            this.events.close(innermost.local);
            return i + 1;
          }
        }
      }
    }
    return this.closeTagSlowly(buf, lt);
  }

  /** A closing tag that is cut off by the end of the buffer or wrong. */
  private closeTagSlowly(buf: string, lt: number): number {
    const len = buf.length;
    const nameStart = lt + 2;
    const nameEnd = scanName(buf, nameStart);
    let i = nameEnd;
    while (i < len && isSpace(buf.charCodeAt(i))) i++;
    if (i >= len) return this.incomplete('>');
    if (buf.charCodeAt(i) !== GT) throw malformed('disallowed character in a closing tag');
    if (nameEnd === nameStart) throw malformed('empty closing tag');
    const innermost = this.open[this.open.length - 1];
    if (innermost === undefined) throw malformed(`unmatched closing tag: ${buf.slice(nameStart, nameEnd)}`);
    if (!sameText(innermost.qualified, buf, nameStart, nameEnd)) {
      throw malformed(`closing tag ${buf.slice(nameStart, nameEnd)} does not match ${innermost.qualified}`);
    }
    this.open.pop();
    this.events.close(innermost.local);
    return i + 1;
  }

  private bang(buf: string, lt: number): number {
    if (buf.startsWith('--', lt + 2)) {
      this.mode = IN_COMMENT;
      return lt + 4;
    }
    if (buf.startsWith('[CDATA[', lt + 2)) {
      if (this.open.length === 0) throw malformed('CDATA outside the root element');
      this.mode = IN_CDATA;
      return lt + 9;
    }
    if (buf.startsWith('DOCTYPE', lt + 2) || buf.startsWith('ENTITY', lt + 2)) {
      throw new XmlSyntaxError('doctype', 'DOCTYPE and ENTITY declarations are not allowed');
    }
    if (buf.length - lt - 2 < 7) {
      const seen = buf.slice(lt + 2);
      if (BANG_KEYWORDS.some((keyword) => keyword.startsWith(seen))) return this.incomplete('');
    }
    throw malformed('unsupported markup declaration after "<!"');
  }

  private processingInstruction(buf: string, lt: number): number {
    const len = buf.length;
    const targetStart = lt + 2;
    if (targetStart >= len) return this.incomplete('');
    const rest = nameStartEnd(buf, targetStart);
    if (rest < 0) throw malformed('processing instruction without a valid target');
    const targetEnd = scanName(buf, rest);
    if (targetEnd >= len) return this.incomplete('');
    const after = buf.charCodeAt(targetEnd);
    if (after !== QUESTION && !isSpace(after)) throw malformed('disallowed character in a processing instruction target');
    if (targetEnd - targetStart === 3 && buf.slice(targetStart, targetEnd).toLowerCase() === 'xml') {
      // Only a lower-case `xml` at the very start is a declaration; other spellings are reserved.
      if (!this.declarationPossible || !buf.startsWith('xml', targetStart)) {
        throw malformed('the XML declaration must be at the start of the document');
      }
      const end = buf.indexOf('?>', targetEnd);
      if (end < 0) return this.incomplete('>');
      if (!XML_DECLARATION.test(buf.slice(targetEnd, end))) throw malformed('malformed XML declaration');
      return end + 2;
    }
    this.mode = IN_PI;
    return targetEnd;
  }
}

/**
 * An attribute value that holds a reference, a line end, a tab, `<` or a
 * non-BMP character. saxes normalises literal whitespace here as XML's
 * attribute-value normalisation says: a tab, LF, CR or CRLF each become one
 * space, while character references (`&#10;`) keep their character.
 */
function attributeValue(buf: string, start: number, end: number): string {
  let out = '';
  let last = start;
  for (let i = start; i < end; i++) {
    const c = buf.charCodeAt(i);
    if (c === AMP) {
      const semi = buf.indexOf(';', i + 1);
      if (semi < 0 || semi >= end) throw malformed('unterminated entity reference in an attribute value');
      out += buf.slice(last, i) + decodeReference(buf, i + 1, semi);
      i = semi;
      last = semi + 1;
    } else if (c === LT) {
      throw malformed('"<" is not allowed in an attribute value');
    } else if (c === TAB || c === LF || c === CR) {
      out += buf.slice(last, i) + ' ';
      if (c === CR && i + 1 < end && buf.charCodeAt(i + 1) === LF) i++;
      last = i + 1;
    } else if (c < SPACE) {
      throw disallowed(c);
    } else if (c >= 0xd800) {
      i = pastHighCharacter(buf, i, end, false) - 1;
    }
  }
  return out + buf.slice(last, end);
}

/** For messages: a reference in error may run on to a far-off `;`. */
function excerpt(buf: string, start: number, end: number): string {
  return end - start > 24 ? `${buf.slice(start, start + 24)}…` : buf.slice(start, end);
}

/** Decoded text is flushed from code units to a string this often: spread arguments live on the stack. */
const MAX_UNITS = 4096;

/**
 * Where raw text ending at `end` (the end of the buffer) should stop so that
 * up to two `]` that may begin a `]]>` wait for the next piece.
 */
function beforeClosingBrackets(buf: string, pos: number, end: number): number {
  let i = end;
  if (i > pos && buf.charCodeAt(i - 1) === CLOSE_BRACKET) i--;
  if (i > pos && i === end - 1 && buf.charCodeAt(i - 1) === CLOSE_BRACKET) i--;
  return i;
}

// The code point referenceEnd last read.
let referenceValue = 0;

/**
 * Reads the reference whose `&` is at `amp`: returns the index of its `;`
 * and leaves its code point in referenceValue, or returns -1 when the buffer
 * ends inside what may still become a reference (unless `final`). Numbers
 * are read inline rather than found with indexOf: text with many references
 * spends most of its time here.
 */
function referenceEnd(buf: string, amp: number, final: boolean): number {
  let i = amp + 1;
  let c = buf.charCodeAt(i);
  if (c === HASH) {
    c = buf.charCodeAt(++i);
    const hex = c === 0x78; // only lower-case `x`, as saxes
    if (hex) c = buf.charCodeAt(++i);
    const digits = i;
    let cp = 0;
    if (hex) {
      while (true) {
        if (c >= 0x30 && c <= 0x39) cp = cp * 16 + c - 0x30;
        else if ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) cp = cp * 16 + (c | 0x20) - 0x57;
        else break;
        // Saturate rather than lose precision: anything past U+10FFFF is rejected below.
        if (cp > 0x10ffff) cp = 0x110000;
        c = buf.charCodeAt(++i);
      }
    } else {
      while (c >= 0x30 && c <= 0x39) {
        cp = cp * 10 + c - 0x30;
        if (cp > 0x10ffff) cp = 0x110000;
        c = buf.charCodeAt(++i);
      }
    }
    if (c === SEMICOLON && i > digits) {
      if (!isXmlChar(cp)) throw malformed(`character reference &${excerpt(buf, amp + 1, i)}; is not an XML character`);
      referenceValue = cp;
      return i;
    }
  } else {
    const end = buf.indexOf(';', i);
    if (end >= 0 && end - i <= 4) {
      referenceValue = referenceCodePoint(buf, i, end);
      return end;
    }
  }
  if (i >= buf.length && !final && PARTIAL_REFERENCE.test(buf.slice(amp))) return -1;
  if (!final && buf.indexOf(';', amp) < 0 && PARTIAL_REFERENCE.test(buf.slice(amp))) return -1;
  throw malformed(`malformed or unterminated reference &${excerpt(buf, amp + 1, Math.min(buf.length, amp + 26))}`);
}


/** The replacement for `&…;` given the bounds of what is between `&` and `;`. */
function decodeReference(buf: string, start: number, end: number): string {
  return String.fromCodePoint(referenceCodePoint(buf, start, end));
}

/** The code point `&…;` stands for: the five predefined entities and character references. */
function referenceCodePoint(buf: string, start: number, end: number): number {
  if (buf.charCodeAt(start) === HASH) {
    let i = start + 1;
    const hex = buf.charCodeAt(i) === 0x78; // only lower-case `x`, as saxes
    if (hex) i++;
    if (i === end) throw malformed('empty character reference');
    let cp = 0;
    for (; i < end; i++) {
      const c = buf.charCodeAt(i);
      let digit: number;
      if (c >= 0x30 && c <= 0x39) digit = c - 0x30;
      else if (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) digit = (c | 0x20) - 0x57;
      else throw malformed(`malformed character reference &${excerpt(buf, start, end)};`);
      // Saturate rather than lose precision: anything past U+10FFFF is rejected below.
      cp = Math.min(cp * (hex ? 16 : 10) + digit, 0x110000);
    }
    if (!isXmlChar(cp)) throw malformed(`character reference &${excerpt(buf, start, end)}; is not an XML character`);
    return cp;
  }
  switch (end - start) {
    case 2:
      if (buf.charCodeAt(start + 1) === 0x74) {
        const first = buf.charCodeAt(start);
        if (first === 0x6c) return LT;
        if (first === 0x67) return GT;
      }
      break;
    case 3:
      if (buf.startsWith('amp', start)) return AMP;
      break;
    case 4:
      if (buf.startsWith('quot', start)) return DQUOTE;
      if (buf.startsWith('apos', start)) return SQUOTE;
      break;
  }
  throw malformed(`undefined entity &${excerpt(buf, start, end)};`);
}
