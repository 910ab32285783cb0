import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { consolidate } from '../consolidate/summary.js';
import { discoverFiles } from '../read/discover.js';
import { nextFreeName, OutputExistsError, writeFileAtomic } from '../write/atomic-write.js';
import { EXIT_USAGE, getExitCode } from './exit-code.js';
import { loadForm } from './load-form.js';
import { loadRoster, RosterError } from './load-roster.js';
import { consoleChalk, formatOption, formOption, langOption, type CommonOptions } from './options.js';
import { buildJsonReport } from './report-json.js';
import { formatTextReport } from './report-text.js';
import { addLimitOptions, checkFiles, readLimitsFrom, type LimitOptions } from './run-files.js';
import { isInside, writeFeedback } from './write-feedback.js';
import { UI_TEXT } from './ui-text.js';

interface MergeOptions extends CommonOptions, LimitOptions {
  output?: string;
  force?: boolean;
  issuer?: string;
  roster?: string;
  deadline?: string;
  feedback?: string;
}

export const DEFAULT_OUTPUT = 'tong-hop.xlsx';

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
    .option('--feedback <dir>', "write each rejected or warned file back with notes on its problem cells / ghi tệp góp ý cho đơn vị")
    .addOption(formOption())
    .addOption(formatOption())
    .addOption(langOption())
    .action(async (folder: string, options: MergeOptions) => setExitCode(await runMerge(folder, options)));
  return addLimitOptions(command);
}

export async function runMerge(folder: string, options: MergeOptions): Promise<number> {
  const text = UI_TEXT[options.lang];
  const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
  if (!isFolder) {
    process.stderr.write(`${text.notFound(folder)}\n`);
    return EXIT_USAGE;
  }
  if (options.deadline !== undefined && !isIsoDate(options.deadline)) {
    process.stderr.write(`${text.badDeadline(options.deadline)}\n`);
    return EXIT_USAGE;
  }
  if (options.feedback && isInside(options.feedback, folder)) {
    process.stderr.write(`${text.feedbackInsideInput(options.feedback)}\n`);
    return EXIT_USAGE;
  }
  const limits = readLimitsFrom(options);
  if ('bad' in limits) {
    process.stderr.write(`${limits.bad}: ${text.badNumber}\n`);
    return EXIT_USAGE;
  }
  const form = await loadForm(options.form);
  let roster: Awaited<ReturnType<typeof loadRoster>> | null = null;
  if (options.roster) {
    try {
      roster = await loadRoster(options.roster);
    } catch (error) {
      if (!(error instanceof RosterError)) throw error;
      for (const problem of error.problems) process.stderr.write(`${text.rosterProblem(error.file, problem)}\n`);
      return EXIT_USAGE;
    }
  }
  const output = options.output ? path.resolve(options.output) : await nextFreeName(process.cwd(), DEFAULT_OUTPUT);
  if (options.output && !options.force && (await stat(output).then(() => true, () => false))) {
    process.stderr.write(`${text.outputExists(options.output)}\n`);
    return EXIT_USAGE;
  }
  const found = await discoverFiles(folder, new Set([output]));
  const results = await checkFiles(found, form, { strict: options.strict ?? false, ...limits, progress: options.format === 'text' });
  const summary = consolidate(results, form, { strict: options.strict ?? false, roster, deadline: options.deadline ?? null });
  // exceljs costs half a second to load: only the commands that write workbooks load it.
  const { writeSummaryWorkbook } = await import('../write/summary-workbook.js');
  const bytes = await writeSummaryWorkbook(summary, form, { issuer: options.issuer, date: fixedDate() });
  try {
    await mkdir(path.dirname(output), { recursive: true });
    await writeFileAtomic(output, bytes, { overwrite: options.force ?? false });
  } catch (error) {
    if (error instanceof OutputExistsError) {
      process.stderr.write(`${text.outputExists(output)}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const shownOutput = path.relative(process.cwd(), output) || output;
  const feedback = options.feedback ? await writeFeedback(options.feedback, summary.files, found, form, { overwrite: options.force ?? false }) : [];
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(buildJsonReport(form, summary.files, summary, shownOutput, options.lang), null, 2)}\n`);
  } else {
    const chalk = consoleChalk(process.stdout);
    process.stdout.write(`${formatTextReport(form, summary.files, summary, { language: options.lang, chalk, showInfo: false })}\n`);
    process.stdout.write(`${chalk.bold(text.wrote(shownOutput))}\n`);
    if (options.feedback) process.stdout.write(`${text.wroteFeedback(feedback.length, options.feedback)}\n`);
  }
  return getExitCode(summary.files);
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Document dates come from SOURCE_DATE_EPOCH when set, so runs can be reproduced. */
function fixedDate(): Date {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return Number.isFinite(epoch) && epoch > 0 ? new Date(epoch * 1000) : new Date();
}
