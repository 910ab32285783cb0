import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFormSpec } from '../../src/form/parse.js';
import type { FormSpec } from '../../src/form/schema.js';

export const BUILTIN_FORM_PATH = fileURLToPath(new URL('../../templates/cong-dan-hoc-tap-2024.json', import.meta.url));

export function builtinForm(): FormSpec {
  return parseFormSpec(readFileSync(BUILTIN_FORM_PATH, 'utf8'));
}
