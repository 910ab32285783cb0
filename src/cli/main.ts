import { Command, CommanderError } from 'commander';
import { FormSpecError } from '../form/errors.js';
import { checkCommand } from './check-command.js';
import { EXIT_USAGE } from './exit-code.js';
import { UI_TEXT } from './ui-text.js';
import { mergeCommand } from './merge-command.js';
import { templateCommand } from './template-command.js';

const SUBCOMMANDS = new Set(['merge', 'check', 'template', 'help']);

/** `consolidate ./folder` means `consolidate merge ./folder`. */
export function withDefaultCommand(args: string[]): string[] {
  const first = args.find((a) => !a.startsWith('-'));
  const wantsTopLevelHelp = args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === '--version' || args[0] === '-V';
  if (wantsTopLevelHelp || (first !== undefined && SUBCOMMANDS.has(first))) return args;
  return ['merge', ...args];
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const program = new Command('consolidate')
    .description('Kiểm tra và tổng hợp các bảng thống kê các đơn vị gửi về / check and merge the statistics workbooks units send')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .addCommand(mergeCommand(setExitCode))
    .addCommand(checkCommand(setExitCode))
    .addCommand(templateCommand(setExitCode))
    .addHelpText(
      'after',
      '\nExamples / Ví dụ:\n  consolidate ./bai-nop                      (= consolidate merge ./bai-nop)\n  consolidate ./bai-nop --roster ds.csv --deadline 2024-04-24\n  consolidate check "THPT Tran Phu.xlsx"\n  consolidate template -o bieu-mau.xlsx --unit "Trường THPT Trần Phú"\n\nExit status: 0 all accepted, 1 some file rejected, 2 usage or fatal error.',
    );
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(withDefaultCommand(argv.slice(2)), { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (error instanceof FormSpecError) {
      process.stderr.write(`form spec: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const unopened = unopenedFile(error);
    if (unopened) {
      // A --form, --roster or other named file that is missing or unreadable: one line, in both languages, not a stack trace.
      process.stderr.write(`${UI_TEXT.vi.notFound(unopened)} / ${UI_TEXT.en.notFound(unopened)}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_USAGE;
  }
}

function unopenedFile(error: unknown): string | null {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  return (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') && typeof path === 'string' ? path : null;
}
