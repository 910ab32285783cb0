import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Completeness } from '../consolidate/completeness.js';
import type { Summary } from '../consolidate/summary.js';
import type { Severity } from '../diagnostics/codes.js';
import { messageContext, renderLocation, renderMessage, type Language } from '../diagnostics/render.js';
import type { FormSpec } from '../form/schema.js';
import type { FileResult, FileStatus } from '../pipeline/file-result.js';
import { LABELS } from '../write/labels.js';
import { UI_TEXT } from './ui-text.js';

/**
 * Up to this many files, the file table lists every one; above it, only
 * those with something to say (warned, rejected, skipped): a province's
 * thousand accepted files would scroll the problems off the screen, and
 * took longer to draw than to check.
 */
export const LIST_EVERY_FILE_UP_TO = 50;

export interface TextReportOptions {
  language: Language;
  chalk: ChalkInstance;
  /** Show informational notes in full (check) or only count them (merge). */
  showInfo: boolean;
}

/**
 * Unit names, file names and reasons come from strangers' files: control
 * characters (ESC above all) must not reach the clerk's terminal as commands.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\ufffd');
}

/** Results → the console report. Pure: returns text, prints nothing. */
export function formatTextReport(form: FormSpec, results: FileResult[], summary: Summary | null, options: TextReportOptions): string {
  const text = UI_TEXT[options.language];
  const { chalk } = options;
  const statusColour: Record<FileStatus, (s: string) => string> = {
    accepted: chalk.green,
    warning: chalk.yellow,
    rejected: chalk.red,
    skipped: chalk.gray,
  };
  const out: string[] = [chalk.bold(text.checking(results.length))];
  const files = new Table({
    head: [text.columns.ordinal, text.columns.file, text.columns.unit, text.columns.status, text.columns.errors, text.columns.warnings],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [5, 34, 34, 20, 6, 9],
  });
  const listEvery = results.length <= LIST_EVERY_FILE_UP_TO;
  let notListed = 0;
  results.forEach((r, i) => {
    if (!listEvery && r.status === 'accepted' && r.counts.warning === 0) notListed++;
    else files.push([i + 1, printable(r.file), printable(r.unit ?? ''), statusColour[r.status](text.status[r.status]), r.counts.error || '', r.counts.warning || '']);
  });
  if (files.length > 0) out.push(files.toString());
  if (notListed > 0) out.push(text.acceptedNotListed(notListed, summary ? LABELS.sheets.submissions : null));

  if (summary) out.push('', chalk.bold(text.totalsHeading(results.filter((r) => r.status === 'accepted' || r.status === 'warning').length)), formatTotals(form, summary, options));

  if (summary?.completeness) out.push('', formatCompleteness(summary.completeness, options));
  if (summary) {
    const top = summary.reasonAnalysis.categories.filter((c) => c.count > 0).slice(0, 5);
    const locale = options.language === 'vi' ? 'vi-VN' : 'en-US';
    if (top.length) out.push('', chalk.bold(text.topReasons), ...top.map((c) => `  ${c.count.toLocaleString(locale).padStart(7)}  ${c.label}`));
  }

  const context = messageContext(form);
  const shown: Severity[] = options.showInfo ? ['error', 'warning', 'info'] : ['error', 'warning'];
  const problems = results.filter((r) => r.diagnostics.some((d) => shown.includes(d.severity)));
  out.push('');
  if (problems.length === 0) out.push(chalk.green(text.noProblems));
  else out.push(chalk.bold(text.problemsHeading));
  const severityColour: Record<Severity, (s: string) => string> = { error: chalk.red, warning: chalk.yellow, info: chalk.cyan };
  for (const result of problems) {
    out.push(chalk.bold(`• ${printable(result.file)}`) + (result.unit ? chalk.gray(` (${printable(result.unit)})`) : ''));
    for (const d of result.diagnostics.filter((x) => shown.includes(x.severity))) {
      const where = renderLocation(d);
      out.push(`    ${severityColour[d.severity](text.severity[d.severity].padEnd(9))} ${where ? `${printable(where)}: ` : ''}${printable(renderMessage(d, options.language, context))} ${chalk.gray(`[${d.code}]`)}`);
    }
  }
  const hiddenInfo = options.showInfo ? 0 : results.reduce((n, r) => n + r.counts.info, 0);
  if (hiddenInfo > 0) out.push(chalk.gray(text.infoHidden(hiddenInfo)));
  const count = (s: FileStatus) => results.filter((r) => r.status === s).length;
  out.push('', text.verdict(count('accepted'), count('warning'), count('rejected'), count('skipped')));
  return out.join('\n');
}

function formatTotals(form: FormSpec, summary: Summary, options: TextReportOptions): string {
  const text = UI_TEXT[options.language];
  const locale = options.language === 'vi' ? 'vi-VN' : 'en-US';
  const first = form.tables[0]!;
  const countColumns = first.columns.filter((c) => c.type === 'count');
  const table = new Table({
    head: [text.totalsColumns.table, ...countColumns.map((c) => sharedHeader(form, c.key)), text.totalsColumns.rate],
    style: { head: [], border: [] },
    wordWrap: true,
  });
  for (const spec of form.tables) {
    const totals = summary.tables.find((t) => t.tableId === spec.id);
    if (!totals) continue;
    const counts = spec.columns.filter((c) => c.type === 'count').map((c) => (totals.totals[c.key] ?? 0).toLocaleString(locale));
    const rate = totals.rate === null ? '—' : `${(totals.rate * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
    table.push([spec.label, ...counts, rate]);
  }
  return table.toString();
}

/** One header for a column every table has: the words its headers share ("Tổng số …" → "Tổng số"). */
function sharedHeader(form: FormSpec, key: string): string {
  const headers = form.tables.flatMap((t) => t.columns.filter((c) => c.key === key).map((c) => c.header.replace(/\s*\(.*\)\s*$/s, '').split(/\s+/)));
  const first = headers[0] ?? [key];
  let length = first.length;
  for (const words of headers) {
    let same = 0;
    while (same < Math.min(length, words.length) && words[same] === first[same]) same++;
    length = same;
  }
  return length > 0 ? first.slice(0, length).join(' ') : key;
}

function formatCompleteness(c: Completeness, options: TextReportOptions): string {
  const text = UI_TEXT[options.language];
  const { chalk } = options;
  const locale = options.language === 'vi' ? 'vi-VN' : 'en-US';
  const rate = `${(c.reportingRate * 100).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
  const lines = [
    chalk.bold(text.completenessHeading),
    text.completeness({ expected: c.expected, submitted: c.submitted, accepted: c.accepted, rejected: c.rejected, missing: c.missing.length, rate }),
  ];
  const list = (heading: string, names: string[], colour: (s: string) => string) => {
    if (names.length) lines.push(colour(heading), ...names.map((n) => `  - ${printable(n)}`));
  };
  list(text.missingUnits, c.missing, chalk.red);
  list(text.rejectedUnits, c.rejectedUnits, chalk.red);
  if (c.deadline) {
    const late = c.units.filter((u) => u.onTime === false).map((u) => `${u.unit.name} (${u.date}, ${text.dateFrom[u.dateSource!]})`);
    list(text.lateUnits(c.deadline), late, chalk.yellow);
  }
  list(text.notInRoster, c.notInRoster, chalk.yellow);
  list(
    text.supersededUnits,
    c.units.filter((u) => u.superseded.length).map((u) => `${u.unit.name}: ${u.superseded.join(', ')} → ${u.file}`),
    chalk.gray,
  );
  return lines.join('\n');
}
