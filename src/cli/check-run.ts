import type { Worker } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FoundFile } from '../read/discover.js';
import { skipReason } from '../read/discover.js';
import { EXIT_USAGE, getExitCode } from './exit-code.js';
import { loadForm } from './load-form.js';
import { consoleChalk } from './console-chalk.js';
import type { CommonOptions } from './options.js';
import { jsonReportChunks } from './report-json.js';
import { writeChunks } from './write-out.js';
import { formatTextReport } from './report-text.js';
import { checkFiles, readLimitsFrom, type LimitOptions } from './run-files.js';
import { UI_TEXT } from './ui-text.js';

/** `started`: workers started before this module and the form were loaded (see check-command.ts). */
export async function runCheck(files: string[], options: CommonOptions & LimitOptions, started: Worker[] = []): Promise<number> {
  const text = UI_TEXT[options.lang];
  const found: FoundFile[] = [];
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      process.stderr.write(`${text.notFound(file)}\n`);
      return EXIT_USAGE;
    }
    found.push({ path: path.resolve(file), display: file, skip: skipReason(path.basename(file)), modifiedAt: info.mtime, size: info.size });
  }
  const limits = readLimitsFrom(options);
  if ('bad' in limits) {
    process.stderr.write(`${limits.bad}: ${text.badNumber}\n`);
    return EXIT_USAGE;
  }
  const form = await loadForm(options.form);
  const results = await checkFiles(found, form, { strict: options.strict ?? false, ...limits, progress: options.format === 'text', started });
  if (options.format === 'json') {
    await writeChunks(process.stdout, jsonReportChunks(form, results, null, null, options.lang));
  } else {
    const chalk = consoleChalk(process.stdout);
    process.stdout.write(`${formatTextReport(form, results, null, { language: options.lang, chalk, showInfo: true })}\n`);
  }
  return getExitCode(results);
}
