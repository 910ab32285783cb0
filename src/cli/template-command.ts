import { Command } from 'commander';
import { formOption, langOption } from './options.js';
import type { TemplateCommandOptions } from './template-run.js';

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
    .action(async (options: TemplateCommandOptions) => {
      const { runTemplate } = await import('./template-run.js');
      setExitCode(await runTemplate(options));
    });
}
