import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealForm, unsealForm } from '../../src/cli/sealed-form.js';
import { BUILTIN_FORM_PATH, builtinForm } from '../helpers/form.js';
import { ROOT, runCli } from '../helpers/cli.js';

const text = readFileSync(BUILTIN_FORM_PATH, 'utf8');

describe('a form spec sealed at build time', () => {
  it('is used for exactly the text it was sealed from', () => {
    const seal = JSON.stringify(sealForm(text, builtinForm()));
    expect(unsealForm(seal, text)).toEqual(builtinForm());
  });

  it('is not used for any other text, however small the change', () => {
    const seal = JSON.stringify(sealForm(text, builtinForm()));
    expect(unsealForm(seal, `${text} `)).toBeNull();
    expect(unsealForm(seal, text.replace('ĐƠN VỊ', 'ĐƠN VI'))).toBeNull();
  });

  it('is ignored when the seal is damaged or not a seal', () => {
    for (const seal of ['', '{', 'null', '[]', '{"sourceSha256":"x"}', JSON.stringify({ sourceSha256: 1, spec: {} })]) {
      expect(unsealForm(seal, text)).toBeNull();
    }
  });

  it('built by `npm run build` holds what the schema makes of the built-in form today', () => {
    const sealed = readFileSync(path.join(ROOT, 'dist/form/builtin-form.sealed.json'), 'utf8');
    expect(unsealForm(sealed, text)).toEqual(builtinForm());
  });

  it('does not let an edited copy of the built-in form skip the schema', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'consolidate-seal-'));
    // Same JSON as the built-in form but one column's type broken: only the schema can tell.
    const spec = JSON.parse(text);
    spec.tables[0].columns[2].type = 'banana';
    writeFileSync(path.join(work, 'form.json'), JSON.stringify(spec));
    const run = runCli(['template', '-o', 'mau.xlsx', '--form', 'form.json'], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^form spec: tables\.0\.columns\.2\.type/);
  });
});
