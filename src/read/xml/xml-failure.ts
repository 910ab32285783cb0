import { ReadFailure } from '../xlsx/errors.js';
import { XmlSyntaxError } from './scan-xml.js';

/** Syntax errors become the file's diagnostic; anything else (a limit passed, a handler's own refusal) goes on as it is. */
export function xmlFailure(error: unknown, entry: string): unknown {
  if (!(error instanceof XmlSyntaxError)) return error;
  return error.kind === 'doctype' ? new ReadFailure('file-xml-doctype', { entry }) : new ReadFailure('file-corrupt-xml', { entry, detail: error.message });
}
