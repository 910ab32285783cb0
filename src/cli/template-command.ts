import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FormSpec } from '../form/schema.js';
import { safeFileName } from '../write/safe-file-name.js';
import { loadRoster, RosterError } from './load-roster.js';
import { Command } from 'commander';
import { OutputExistsError, writeFileAtomic } from '../write/atomic-write.js';
import { EXIT_OK, EXIT_USAGE } from './exit-code.js';
import { loadForm } from './load-form.js';
import { formOption, langOption } from './options.js';
import { UI_TEXT } from './ui-text.js';
import type { Language } from '../diagnostics/render.js';

interface TemplateCommandOptions {
  output?: string;
  unit?: string;
  roster?: string;
  outDir?: string;
  rows: string;
  force?: boolean;
  form?: string;
  lang: Language;
}

export const DEFAULT_TEMPLATE = 'bieu-mau.xlsx';

export function templateCommand(setExitCode: (code: number) => void): Command {
  return new Command('template')
    .description('write the form ready to fill, blank or for one unit / tạo biểu mẫu để điền')
    .option('-o, --output <file>', `file to write (default: ${DEFAULT_TEMPLATE})`)
    .option('--unit <name>', 'unit name to fill in / tên đơn vị điền sẵn')
    .option('--roster <file>', 'one pre-filled template per unit of this roster (with --out-dir) / mỗi đơn vị một biểu mẫu')
    .option('--out-dir <dir>', 'folder for the per-unit templates / thư mục ghi các biểu mẫu')
    .option('--rows <n>', 'empty rows per table / số dòng trống mỗi bảng', '10')
    .option('--force', 'replace the output file if it exists / ghi đè tệp đã có')
    .addOption(formOption())
    .addOption(langOption())
    .action(async (options: TemplateCommandOptions) => setExitCode(await runTemplate(options)));
}

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
