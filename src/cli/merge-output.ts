import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { consolidate, type Summary } from '../consolidate/summary.js';
import type { FileResult } from '../pipeline/file-result.js';
import type { FoundFile } from '../read/discover.js';
import { OutputExistsError, writeFileAtomic, type WriteOutcome } from '../write/atomic-write.js';
import { writeSummaryWorkbookInChunks } from '../write/summary-workbook.js';
import { consoleChalk } from './console-chalk.js';
import { offThreadCompression } from './deflate-off-thread.js';
import { EXIT_USAGE, getExitCode } from './exit-code.js';
import type { MergeOptions, MergePlan } from './merge-run.js';
import { nativeCompression } from './native-zlib.js';
import { jsonReportChunks } from './report-json.js';
import { formatTextReport } from './report-text.js';
import { UI_TEXT } from './ui-text.js';
import { writeFeedback } from './write-feedback.js';
import { writeChunks } from './write-out.js';

/**
 * From this many files on, the summary is deflated on a thread of its own
 * while its rows are written; below it, the thread costs more to start than
 * it saves.
 */
const DEFLATE_OFF_THREAD_FILES = 300;

export interface CheckedRun {
  plan: MergePlan;
  found: FoundFile[];
  results: FileResult[];
  /** Tidies memory between phases in large runs (see collect-garbage.ts). */
  betweenPhases: () => void;
  /** …and within the JSON report, after this many files. */
  tidyEveryFiles: number;
}

/**
 * Everything after the files are checked: consolidating, the summary
 * workbook, feedback files and the report. A module of its own, loaded while
 * the workers check, so that loading it is not on the way to the first file.
 */
export async function finishMerge({ plan, found, results, betweenPhases, tidyEveryFiles }: CheckedRun, options: MergeOptions): Promise<number> {
  const text = UI_TEXT[options.lang];
  const { form, roster, output } = plan;
  // Started now, so the thread is up by the time consolidating is done.
  const compression = found.length >= DEFLATE_OFF_THREAD_FILES ? offThreadCompression() : null;
  let summary: Summary;
  let bytes: Uint8Array[];
  try {
    betweenPhases();
    summary = consolidate(results, form, { strict: options.strict ?? false, roster, deadline: options.deadline ?? null });
    betweenPhases();
    bytes = await writeSummaryWorkbookInChunks(summary, form, {
      issuer: options.issuer,
      place: options.place,
      documentDate: options.date ? new Date(`${options.date}T00:00:00Z`) : (sourceDateEpoch() ?? today()),
      date: sourceDateEpoch() ?? latestModification(found),
      compression: compression ?? nativeCompression,
    });
  } finally {
    await compression?.stop();
  }
  betweenPhases();
  let written: WriteOutcome;
  try {
    await mkdir(path.dirname(output), { recursive: true });
    written = await writeFileAtomic(output, bytes, { overwrite: options.force ?? false });
  } catch (error) {
    const message = error instanceof OutputExistsError ? text.outputExists(output) : text.writeFailed(output, (error as Error).message);
    process.stderr.write(`${message}\n`);
    return EXIT_USAGE;
  }
  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  if ('lockedTarget' in written) process.stderr.write(`${text.targetLocked(shown(written.lockedTarget), shown(written.written))}\n`);
  const feedback = options.feedback ? await writeFeedback(options.feedback, summary.files, found, form, { overwrite: options.force ?? false }) : [];
  if (options.format === 'json') {
    await writeChunks(process.stdout, tidyEvery(tidyEveryFiles, jsonReportChunks(form, summary.files, summary, shown(written.written), options.lang), betweenPhases));
  } else {
    const chalk = consoleChalk(process.stdout);
    process.stdout.write(`${formatTextReport(form, summary.files, summary, { language: options.lang, chalk, showInfo: false })}\n`);
    process.stdout.write(`${chalk.bold(text.wrote(shown(written.written)))}\n`);
    if (options.feedback) process.stdout.write(`${text.wroteFeedback(feedback.length, options.feedback)}\n`);
  }
  return getExitCode(summary.files);
}

/** The pieces as they come, with `tidy` called after every `count` of them. */
function* tidyEvery<T>(count: number, pieces: Iterable<T>, tidy: () => void): Generator<T> {
  let n = 0;
  for (const piece of pieces) {
    yield piece;
    if (++n % count === 0) tidy();
  }
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) fixes every date a run writes. */
function sourceDateEpoch(): Date | null {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) && epoch >= 0 ? new Date(epoch * 1000) : null;
}

/** The workbook's own timestamps come from its inputs, so the same inputs give the same bytes. */
function latestModification(files: FoundFile[]): Date {
  return new Date(Math.max(0, ...files.map((f) => Math.floor(f.modifiedAt.getTime() / 1000) * 1000)));
}

/** Today where the clerk is, as a UTC midnight for the date line. */
function today(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}
