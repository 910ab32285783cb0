import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { consolidate } from '../consolidate/summary.js';
import type { FormSpec } from '../form/schema.js';
import { discoverFiles, type FoundFile } from '../read/discover.js';
import type { Worker } from 'node:worker_threads';
import { collectGarbage } from './collect-garbage.js';
import { nativeCompression } from './native-zlib.js';
import { offThreadCompression } from './deflate-off-thread.js';
import { exists, nextFreeName, OutputExistsError, writeFileAtomic, type WriteOutcome } from '../write/atomic-write.js';
import { EXIT_USAGE, getExitCode } from './exit-code.js';
import { loadForm } from './load-form.js';
import type { loadRoster } from './load-roster.js';
import { consoleChalk } from './console-chalk.js';
import type { CommonOptions } from './options.js';
import { jsonReportChunks } from './report-json.js';
import { writeChunks } from './write-out.js';
import { formatTextReport } from './report-text.js';
import { checkFiles, readLimitsFrom, type LimitOptions } from './run-files.js';
import { isInside, writeFeedback } from './write-feedback.js';
import { UI_TEXT } from './ui-text.js';

export interface MergeOptions extends CommonOptions, LimitOptions {
  output?: string;
  force?: boolean;
  issuer?: string;
  roster?: string;
  deadline?: string;
  feedback?: string;
  place?: string;
  date?: string;
}

import { DEFAULT_OUTPUT } from './merge-command.js';

interface MergePlan {
  form: FormSpec;
  roster: Awaited<ReturnType<typeof loadRoster>> | null;
  limits: Exclude<ReturnType<typeof readLimitsFrom>, { bad: string }>;
  output: string;
}

/** Everything that can be wrong with the command line, found before any file is read. Returns the message, or the plan. */
async function planMerge(folder: string, options: MergeOptions): Promise<MergePlan | string> {
  const text = UI_TEXT[options.lang];
  if (!(await stat(folder).then((s) => s.isDirectory(), () => false))) return text.notFound(folder);
  for (const [flag, value] of [['--deadline', options.deadline], ['--date', options.date]] as const) {
    if (value !== undefined && !isIsoDate(value)) return text.badDate(flag, value);
  }
  if (options.feedback && isInside(options.feedback, folder)) return text.feedbackInsideInput(options.feedback);
  const limits = readLimitsFrom(options);
  if ('bad' in limits) return `${limits.bad}: ${text.badNumber}`;
  const output = options.output ? path.resolve(options.output) : await nextFreeName(process.cwd(), DEFAULT_OUTPUT);
  // A summary inside the submissions folder would be read as a submission next time, or overwrite one now.
  if (isInside(output, folder)) return text.outputInsideInput(path.relative(process.cwd(), output) || output);
  if (options.output && !options.force && (await exists(output))) return text.outputExists(options.output);
  const form = await loadForm(options.form);
  let roster: MergePlan['roster'] = null;
  if (options.roster) {
    // The roster's schema (zod) is loaded only by the runs that have a roster.
    const { loadRoster, RosterError } = await import('./load-roster.js');
    try {
      roster = await loadRoster(options.roster);
    } catch (error) {
      if (!(error instanceof RosterError)) throw error;
      return error.problems.map((problem) => text.rosterProblem(error.file, problem)).join('\n');
    }
  }
  return { form, roster, limits, output };
}

/**
 * From this many files on, the summary is deflated on a thread of its own
 * while its rows are written; below it, the thread costs more to start than
 * it saves.
 */
const DEFLATE_OFF_THREAD_FILES = 300;

/** From this many files on, memory is tidied between phases (see collect-garbage.ts). */
const LARGE_RUN_FILES = 2_000;
/** …and within a phase, after this many files. */
const TIDY_EVERY_FILES = 2_500;

/** The pieces as they come, with `tidy` called after every `count` of them. */
function* tidyEvery<T>(count: number, pieces: Iterable<T>, tidy: () => void): Generator<T> {
  let n = 0;
  for (const piece of pieces) {
    yield piece;
    if (++n % count === 0) tidy();
  }
}

/** `started`: workers started before this module and the form were loaded (see merge-command.ts). */
export async function runMerge(folder: string, options: MergeOptions, started: Worker[] = []): Promise<number> {
  const text = UI_TEXT[options.lang];
  const plan = await planMerge(folder, options);
  if (typeof plan === 'string') {
    process.stderr.write(`${plan}\n`);
    return EXIT_USAGE;
  }
  const { form, roster, limits, output } = plan;
  const strict = options.strict ?? false;
  const found = await discoverFiles(folder);
  const betweenPhases = found.length >= LARGE_RUN_FILES ? collectGarbage : () => undefined;
  // The writer loads while the workers check.
  const writer = import('../write/summary-workbook.js');
  const results = await checkFiles(found, form, { strict, ...limits, progress: options.format === 'text', every: [TIDY_EVERY_FILES, betweenPhases], started });
  // Started now, so the thread is up by the time consolidating is done.
  const compression = found.length >= DEFLATE_OFF_THREAD_FILES ? offThreadCompression() : null;
  let summary: ReturnType<typeof consolidate>;
  let bytes: Uint8Array[];
  try {
    betweenPhases();
    summary = consolidate(results, form, { strict, roster, deadline: options.deadline ?? null });
    betweenPhases();
    const { writeSummaryWorkbookInChunks } = await writer;
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
    await writeChunks(process.stdout, tidyEvery(TIDY_EVERY_FILES, jsonReportChunks(form, summary.files, summary, shown(written.written), options.lang), betweenPhases));
  } else {
    const chalk = consoleChalk(process.stdout);
    process.stdout.write(`${formatTextReport(form, summary.files, summary, { language: options.lang, chalk, showInfo: false })}\n`);
    process.stdout.write(`${chalk.bold(text.wrote(shown(written.written)))}\n`);
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
