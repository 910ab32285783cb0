import { createHash } from 'node:crypto';
import type { FormSpec } from '../form/schema.js';

/**
 * A form spec checked against the schema once, when the tool is built, kept
 * with the hash of the text it was checked from. Loading zod and the schema
 * and running them takes about 90 ms, on every command, before the first
 * file can be handed out; a text with the same hash is the same text, so
 * the checked spec can be used as it is. Any other text is checked in full.
 */
export interface SealedForm {
  sourceSha256: string;
  spec: FormSpec;
}

export function sealForm(sourceText: string, spec: FormSpec): SealedForm {
  return { sourceSha256: sha256(sourceText), spec };
}

/** The sealed spec when `sealedText` was sealed from exactly `sourceText`; null when not (or when it is not a seal at all). */
export function unsealForm(sealedText: string, sourceText: string): FormSpec | null {
  let sealed: Partial<SealedForm>;
  try {
    sealed = JSON.parse(sealedText) as Partial<SealedForm>;
  } catch {
    return null;
  }
  if (typeof sealed !== 'object' || sealed === null || typeof sealed.spec !== 'object' || sealed.spec === null) return null;
  return sealed.sourceSha256 === sha256(sourceText) ? sealed.spec : null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
