// Part of `npm run build`: checks the built-in form spec against the schema
// once and writes the result beside the compiled code, keyed by the hash of
// its text, so commands need not load zod to use it (src/cli/sealed-form.ts).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { BUILTIN_FORM, SEALED_BUILTIN_FORM } from '../dist/cli/load-form.js';
import { sealForm } from '../dist/cli/sealed-form.js';
import { parseFormSpec } from '../dist/form/parse.js';

const text = readFileSync(BUILTIN_FORM, 'utf8');
const sealed = sealForm(text, parseFormSpec(text));
const staging = `${SEALED_BUILTIN_FORM}.${process.pid}.tmp`;
writeFileSync(staging, `${JSON.stringify(sealed)}\n`);
renameSync(staging, SEALED_BUILTIN_FORM);
