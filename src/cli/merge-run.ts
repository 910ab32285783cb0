import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FormSpec } from '../form/schema.js';
import { discoverFiles } from '../read/discover.js';
import { exists, nextFreeName } from '../write/atomic-write.js';
import { collectGarbage } from './collect-garbage.js';
import { EXIT_USAGE } from './exit-code.js';
import { loadForm } from './load-form.js';
import type { loadRoster } from './load-roster.js';
import type { CommonOptions } from './options.js';
import { checkFiles, readLimitsFrom, type LimitOptions } from './run-files.js';
import { UI_TEXT } from './ui-text.js';
import { isInside } from './write-feedback.js';

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

export interface MergePlan {
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

/** From this many files on, memory is tidied between phases (see collect-garbage.ts). */
const LARGE_RUN_FILES = 2_000;
/** …and within a phase, after this many files. */
const TIDY_EVERY_FILES = 2_500;

/** `started`: workers started before this module and the form were loaded (see merge-command.ts). */
export async function runMerge(folder: string, options: MergeOptions, started: Worker[] = []): Promise<number> {
  const plan = await planMerge(folder, options);
  if (typeof plan === 'string') {
    process.stderr.write(`${plan}\n`);
    return EXIT_USAGE;
  }
  const { form, limits } = plan;
  const strict = options.strict ?? false;
  const found = await discoverFiles(folder);
  const betweenPhases = found.length >= LARGE_RUN_FILES ? collectGarbage : () => undefined;
  // What comes after checking loads while the workers check.
  const after = import('./merge-output.js');
  const results = await checkFiles(found, form, { strict, ...limits, progress: options.format === 'text', every: [TIDY_EVERY_FILES, betweenPhases], started });
  const { finishMerge } = await after;
  return finishMerge({ plan, found, results, betweenPhases, tidyEveryFiles: TIDY_EVERY_FILES }, options);
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
