/**
 * Property tests over mutated submissions (see mutate.ts): every mutant ends
 * with exactly one verdict and its diagnostics, no exception escapes, none
 * takes long, and a folder of good files beside mutants gives the good files'
 * totals plus whatever the mutants that still read legitimately add.
 *
 * The seed is printed at the start; replay a failure with
 *   FUZZ_SEED=<seed> npx vitest run test/bad/fuzz.test.ts
 * (FUZZ_RUNS=<n> scales the number of runs; fast-check also prints the
 * shrunk plan and its path on failure).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../src/consolidate/summary.js';
import type { FormSpec } from '../../src/form/schema.js';
import { checkFileBytes } from '../../src/pipeline/check-file.js';
import type { FileResult } from '../../src/pipeline/file-result.js';
import { builtinForm } from '../helpers/form.js';
import { applyPlan, planArbitrary, type Plan, type Source, type SourceKind } from './mutate.js';

// CI replays one fixed seed, so a landing never depends on luck; a developer's run explores a new one each time.
const CI_SEED = 20241203;
const SEED =
  process.env['FUZZ_SEED'] !== undefined
    ? Number(process.env['FUZZ_SEED'])
    : process.env['CI']
      ? CI_SEED
      : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
/**
 * FUZZ_RUNS sets the single-file runs (the folder runs follow at 1 in 13).
 * The defaults, about 10,000 mutants, take 25–40 s on a 2-core machine.
 */
const SINGLE_RUNS = Math.max(1, Math.round(process.env['FUZZ_RUNS'] !== undefined ? Number(process.env['FUZZ_RUNS']) : 8000));
const FOLDER_RUNS = Math.max(1, Math.round(SINGLE_RUNS / 13));
/** Loose: a mutant is read in milliseconds; this only catches a hang or a blow-up. */
const PER_FILE_BOUND_MS = 10_000;

console.log(`fuzz seed ${SEED}: ${SINGLE_RUNS} single-file runs, ${FOLDER_RUNS} folder runs (replay: FUZZ_SEED=${SEED} npx vitest run test/bad/fuzz.test.ts)`);

/** Good submissions, one per reader and writer, each from a different unit. */
const SOURCES: readonly { path: string; kind: SourceKind }[] = [
  { path: 'submissions/Phong GDDT quan Le Chan.xlsx', kind: 'zip' }, // Gnumeric, both tables, 8 rows each
  { path: 'submissions/Truong Dai hoc Hai Phong.xlsx', kind: 'zip' },
  { path: 'real/two-sheets-CBCCVC-HSSV.xlsx', kind: 'zip' }, // two sheets, one table each
  { path: 'bad/control-good.xlsx', kind: 'zip' }, // openpyxl, inline strings
  { path: 'real/format-ods.ods', kind: 'zip' }, // LibreOffice .ods through SheetJS
  { path: 'real/format-xls.xls', kind: 'cfb' }, // LibreOffice .xls through SheetJS
  { path: 'real/csv-utf8-bom.csv', kind: 'text' },
];

const fixtureBytes = (path: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url))));

const sources: Source[] = [
  ...SOURCES.map(({ path, kind }) => ({ file: path.slice(path.lastIndexOf('/') + 1), kind, bytes: fixtureBytes(path) })),
  // An .xlsb through SheetJS: one more unit's submission, written by SheetJS.
  { file: 'So Y te.xlsb', kind: 'zip', bytes: new Uint8Array(XLSX.write(XLSX.read(fixtureBytes('submissions/So Y te.xlsx'), { type: 'array' }), { type: 'array', bookType: 'xlsb' }) as ArrayBuffer) },
];

const STATUSES = new Set(['accepted', 'warning', 'rejected', 'skipped']);
const SEVERITIES = new Set(['error', 'warning', 'info']);

type Totals = Record<string, Record<string, number>>;

function totalsOf(results: FileResult[], form: FormSpec): Totals {
  return Object.fromEntries(consolidate(results, form).tables.map((t) => [t.tableId, { ...t.totals }]));
}

function addTotals(into: Totals, more: Totals): Totals {
  for (const [table, totals] of Object.entries(more)) {
    const target = (into[table] ??= {});
    for (const [key, value] of Object.entries(totals)) target[key] = (target[key] ?? 0) + value;
  }
  return into;
}

function mutantName(plan: Plan, index: number): string {
  const source = sources[plan.source % sources.length]!.file;
  return `mutant-${index}-${source}`;
}

/** Checks one mutant; throws (failing the property) on anything but a well-formed verdict. */
async function checkMutant(file: string, bytes: Uint8Array, form: FormSpec): Promise<FileResult> {
  const started = performance.now();
  const result = await checkFileBytes(file, bytes, form);
  const elapsed = performance.now() - started;
  if (elapsed > PER_FILE_BOUND_MS) throw new Error(`${file} (${bytes.length} bytes) took ${Math.round(elapsed)} ms`);
  if (!STATUSES.has(result.status)) throw new Error(`${file}: status ${String(result.status)}`);
  if (!Array.isArray(result.diagnostics)) throw new Error(`${file}: diagnostics is not an array`);
  for (const d of result.diagnostics) {
    if (typeof d.code !== 'string' || !SEVERITIES.has(d.severity)) throw new Error(`${file}: malformed diagnostic ${JSON.stringify(d)}`);
  }
  const hasError = result.diagnostics.some((d) => d.severity === 'error');
  if (hasError !== (result.status === 'rejected')) throw new Error(`${file}: status ${result.status} with errors=${hasError}`);
  if (result.status === 'accepted' || result.status === 'warning') {
    for (const table of Object.values(totalsOf([result], form))) {
      for (const [key, value] of Object.entries(table)) {
        if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${file}: total ${key} = ${value}`);
      }
    }
  }
  return result;
}

describe('fuzz: mutated submissions', () => {
  let form: FormSpec;
  let good: FileResult[];
  let goodTotals: Totals;

  beforeAll(async () => {
    form = builtinForm();
    good = await Promise.all(sources.map((source) => checkFileBytes(source.file, source.bytes, form)));
    goodTotals = totalsOf(good, form);
  });

  it('starts from good files, each accepted, each from its own unit', () => {
    expect(good.map((r) => [r.file, r.status])).toEqual(sources.map((s) => [s.file, 'accepted']));
    expect(new Set(good.map((r) => r.unit)).size).toBe(good.length);
  });

  it('gives every mutant exactly one well-formed verdict, quickly, without throwing', async () => {
    let index = 0;
    const seen: Record<string, number> = {};
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(planArbitrary(sources.length), async (plan) => {
        const bytes = applyPlan(sources, plan);
        const result = await checkMutant(mutantName(plan, index++), bytes, form);
        seen[result.status] = (seen[result.status] ?? 0) + 1;
      }),
      { seed: SEED, numRuns: SINGLE_RUNS, verbose: 1 },
    );
    console.log(`fuzz single-file: ${index} mutants in ${Math.round(performance.now() - started)} ms, verdicts ${JSON.stringify(seen)}`);
  }, 600_000);

  it('keeps the good files\' totals in a folder full of mutants', async () => {
    let index = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(planArbitrary(sources.length), { minLength: 1, maxLength: 6 }), async (plans) => {
        const mutants: FileResult[] = [];
        for (const plan of plans) {
          const result = await checkMutant(mutantName(plan, index++), applyPlan(sources, plan), form);
          // A mutant that still reads comes from its source's unit, and would
          // rightly supersede (or be superseded by) the good file as a
          // resubmission. Here mutants stand for strangers' files: each its own unit.
          mutants.push({ ...result, unit: result.unit === null ? null : `${result.unit} [${result.file}]` });
        }
        const folder = totalsOf([...good, ...mutants], form);
        const expected = structuredClone(goodTotals);
        for (const mutant of mutants) if (mutant.status === 'accepted' || mutant.status === 'warning') addTotals(expected, totalsOf([mutant], form));
        expect(folder).toEqual(expected);
        // And every good file still counts, unchanged.
        const summary = consolidate([...good, ...mutants], form);
        for (const result of good) expect(summary.files.find((f) => f.file === result.file)).toMatchObject({ status: 'accepted', supersededBy: null });
      }),
      { seed: SEED + 1, numRuns: FOLDER_RUNS, verbose: 1 },
    );
    console.log(`fuzz folder: ${FOLDER_RUNS} folders, ${index} mutants in ${Math.round(performance.now() - started)} ms`);
  }, 600_000);
});
