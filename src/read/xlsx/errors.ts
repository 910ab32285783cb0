/**
 * Why a workbook could not be read. The codes are the `file-…` diagnostic
 * codes of src/diagnostics/codes.ts, and the params carry at least what those
 * messages need, so the caller can turn a ReadFailure into a Diagnostic
 * without translating anything. Reasons in `detail` are short English phrases
 * for logs; the messages quote them verbatim.
 */

export type ReadFailureCode =
  | 'file-empty'
  | 'file-too-large'
  | 'file-corrupt-zip'
  | 'file-zip-too-many-entries'
  | 'file-zip-bomb'
  | 'file-zip-bad-entry-name'
  | 'file-too-many-cells'
  | 'file-xml-doctype'
  | 'file-corrupt-xml'
  | 'file-not-workbook'
  | 'file-unsupported-compression'
  | 'file-encrypted'
  | 'file-unreadable';

/** The params each code carries (a superset of what its message needs). */
export type ReadFailureParams = {
  'file-empty': Record<string, never>;
  'file-too-large': { actual: number; limit: number };
  'file-corrupt-zip': { detail: string };
  'file-zip-too-many-entries': { actual: number; limit: number };
  /**
   * `limit` is always a byte count: for the ratio check it is the compressed
   * size times the allowed ratio. `kind` says which limit tripped.
   */
  'file-zip-bomb': { entry: string; limit: number; actual: number; kind: 'entry' | 'total' | 'ratio' };
  'file-zip-bad-entry-name': { entry: string; detail: string };
  'file-too-many-cells': { limit: number; sheet: string };
  'file-xml-doctype': { entry: string };
  'file-corrupt-xml': { entry: string; detail: string };
  'file-not-workbook': { detail: string };
  'file-unsupported-compression': { entry: string; method: number };
  'file-encrypted': Record<string, never>;
  'file-unreadable': { detail: string };
};

/** A code with its own params, discriminated: what a Diagnostic is built from. */
export type TypedReadFailure = { [C in ReadFailureCode]: { code: C; params: ReadFailureParams[C] } }[ReadFailureCode];

export class ReadFailure<C extends ReadFailureCode = ReadFailureCode> extends Error {
  override readonly name = 'ReadFailure';
  readonly code: C;
  readonly params: Record<string, string | number>;

  /** `message` replaces the default one (code and params) for logs, e.g. to keep a library's own words. */
  constructor(code: C, params: ReadFailureParams[C], message?: string) {
    super(message ?? `${code}: ${describeParams(params)}`);
    this.code = code;
    this.params = params;
  }

  /** The code and params as a discriminated union, so `params` narrows with `code`. */
  toTyped(): TypedReadFailure {
    return { code: this.code, params: this.params } as TypedReadFailure;
  }
}

export function isReadFailure(error: unknown): error is ReadFailure {
  return error instanceof ReadFailure;
}

function describeParams(params: Record<string, string | number>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}
