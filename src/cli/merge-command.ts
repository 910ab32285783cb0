import { Command } from 'commander';
import { formatOption, formOption, langOption } from './options.js';
import { addLimitOptions, startWorkersFor } from './run-files.js';
import type { MergeOptions } from './merge-run.js';

export const DEFAULT_OUTPUT = 'tong-hop.xlsx';

/**
 * The command's options, and an action that starts the worker threads
 * before loading the code that runs it: workers load their modules while
 * this thread loads its own, the form and its schema.
 */
export function mergeCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('merge')
    .description('check every file in a folder and merge the accepted ones into one summary workbook / kiểm tra và tổng hợp một thư mục')
    .argument('<folder>', 'folder of submissions / thư mục bài nộp')
    .option('-o, --output <file>', `summary workbook to write (default: ${DEFAULT_OUTPUT}, or the next free name)`)
    .option('--force', 'replace the output file if it exists / ghi đè tệp đã có')
    .option('--strict', 'treat warnings as errors / coi cảnh báo là lỗi')
    .option('--issuer <name>', 'issuing body printed on the summary / tên cơ quan tổng hợp')
    .option('--roster <file>', 'expected units, CSV or XLSX / danh sách đơn vị phải nộp')
    .option('--deadline <YYYY-MM-DD>', 'deadline, to tell on-time from late returns / hạn nộp')
    .option('--place <name>', 'place printed before the date / địa danh ghi trước ngày tháng')
    .option('--date <YYYY-MM-DD>', 'date printed on the summary (default: today) / ngày ghi trên bảng tổng hợp')
    .option('--feedback <dir>', "write each rejected or warned file back with notes on its problem cells / ghi tệp góp ý cho đơn vị")
    .addOption(formOption())
    .addOption(formatOption())
    .addOption(langOption())
    .action(async (folder: string, options: MergeOptions) => {
      const started = startWorkersFor(options);
      try {
        const { runMerge } = await import('./merge-run.js');
        setExitCode(await runMerge(folder, options, [...started]));
      } finally {
        // Whatever happened (a usage error, a bad form spec), no worker may keep the process alive.
        await Promise.all(started.map((worker) => worker.terminate()));
      }
    });
  return addLimitOptions(command);
}
