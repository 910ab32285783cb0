import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FormSpec } from '../form/schema.js';
import { unsealForm } from './sealed-form.js';

export const BUILTIN_FORM = fileURLToPath(new URL('../../templates/cong-dan-hoc-tap-2024.json', import.meta.url));

/** The built-in form as checked at build time (scripts/seal-form.js); absent when running from the sources. */
export const SEALED_BUILTIN_FORM = fileURLToPath(new URL('../form/builtin-form.sealed.json', import.meta.url));

/**
 * The form spec in `file` (the built-in one when none is named), checked
 * against the schema — or, when its text is exactly the text sealed at build
 * time, that check's result, without loading the schema at all.
 */
export async function loadForm(file: string | undefined): Promise<FormSpec> {
  const text = await readFile(file ?? BUILTIN_FORM, 'utf8');
  const sealed = await readFile(SEALED_BUILTIN_FORM, 'utf8').then((seal) => unsealForm(seal, text), () => null);
  if (sealed) return sealed;
  const { parseFormSpec } = await import('../form/parse.js');
  return parseFormSpec(text);
}
