import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseFormSpec } from '../form/parse.js';
import type { FormSpec } from '../form/schema.js';

export const BUILTIN_FORM = fileURLToPath(new URL('../../templates/cong-dan-hoc-tap-2024.json', import.meta.url));

export async function loadForm(file: string | undefined): Promise<FormSpec> {
  return parseFormSpec(await readFile(file ?? BUILTIN_FORM, 'utf8'));
}
