import { Command } from 'commander';
import { formatOption, formOption, langOption, type CommonOptions } from './options.js';
import { addLimitOptions, startWorkersFor, type LimitOptions } from './run-files.js';

/** The command's options; its action starts the worker threads, then loads the code that runs it (see merge-command.ts). */
export function checkCommand(setExitCode: (code: number) => void): Command {
  const command = new Command('check')
    .description('check files one at a time before accepting them, every problem located to its cell / kiểm tra từng tệp')
    .argument('<files...>', 'workbooks to check / các tệp cần kiểm tra')
    .option('--strict', 'treat warnings as errors / coi cảnh báo là lỗi')
    .addOption(formOption())
    .addOption(formatOption())
    .addOption(langOption())
    .action(async (files: string[], options: CommonOptions & LimitOptions) => {
      const started = startWorkersFor(options, files.length);
      try {
        const { runCheck } = await import('./check-run.js');
        setExitCode(await runCheck(files, options, [...started]));
      } finally {
        await Promise.all(started.map((worker) => worker.terminate()));
      }
    });
  return addLimitOptions(command);
}
