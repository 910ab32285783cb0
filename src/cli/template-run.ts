import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FormSpec } from '../form/schema.js';
import { safeFileName } from '../write/safe-file-name.js';
import { loadRoster, RosterError } from './load-roster.js';
import { OutputExistsError, writeFileAtomic } from '../write/atomic-write.js';
import { EXIT_OK, EXIT_USAGE } from './exit-code.js';
import { loadForm } from './load-form.js';
import { UI_TEXT } from './ui-text.js';
import type { Language } from '../diagnostics/render.js';

export interface TemplateCommandOptions {
  output?: string;
  unit?: string;
  roster?: string;
  outDir?: string;
  rows: string;
  force?: boolean;
  form?: string;
  lang: Language;
}

import { DEFAULT_TEMPLATE } from './template-command.js';

export async function runTemplate(options: TemplateCommandOptions): Promise<number> {
  const text = UI_TEXT[options.lang];
  const rows = Number(options.rows);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1000) {
    process.stderr.write(`--rows: 1…1000\n`);
    return EXIT_USAGE;
  }
  const form = await loadForm(options.form);
  if (options.roster || options.outDir) {
    if (!options.roster || !options.outDir || options.output || options.unit) {
      process.stderr.write(`${text.templateRosterUsage}\n`);
      return EXIT_USAGE;
    }
    return templatesForRoster(form, options.roster, options.outDir, rows, options);
  }
  const output = path.resolve(options.output ?? DEFAULT_TEMPLATE);
  const { writeTemplateWorkbook } = await import('../write/template-workbook.js');
  const bytes = await writeTemplateWorkbook(form, { unit: options.unit, rowsPerTable: rows, date: new Date() });
  let written: string;
  try {
    written = (await writeFileAtomic(output, bytes, { overwrite: options.force ?? false })).written;
  } catch (error) {
    if (error instanceof OutputExistsError) {
      process.stderr.write(`${text.outputExists(options.output ?? DEFAULT_TEMPLATE)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  process.stdout.write(`${path.relative(process.cwd(), written) || written}\n`);
  return EXIT_OK;
}

async function templatesForRoster(form: FormSpec, rosterFile: string, outDir: string, rows: number, options: TemplateCommandOptions): Promise<number> {
  const text = UI_TEXT[options.lang];
  let roster;
  try {
    roster = (await loadRoster(rosterFile)).roster;
  } catch (error) {
    if (!(error instanceof RosterError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${text.rosterProblem(error.file, problem)}\n`);
    return EXIT_USAGE;
  }
  await mkdir(outDir, { recursive: true });
  const { writeTemplateWorkbook } = await import('../write/template-workbook.js');
  const date = new Date();
  for (const unit of roster.units) {
    const target = path.join(outDir, safeFileName(unit.name, '.xlsx'));
    const bytes = await writeTemplateWorkbook(form, { unit: unit.name, rowsPerTable: rows, date });
    try {
      await writeFileAtomic(target, bytes, { overwrite: options.force ?? false });
    } catch (error) {
      if (!(error instanceof OutputExistsError)) throw error;
      process.stderr.write(`${text.outputExists(target)}\n`);
      return EXIT_USAGE;
    }
    process.stdout.write(`${path.relative(process.cwd(), target) || target}\n`);
  }
  return EXIT_OK;
}
