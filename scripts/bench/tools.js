// The four things `npm run bench` measures, side by side on the same folder,
// each as its own process, each with a check that it really did the work:
// a fast wrong answer must not look like a fast answer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH_DIR = path.join(ROOT, 'scripts', 'bench');

/** Above this size the peer runs only with --peer-all: it takes minutes. */
export const PEER_DEFAULT_MAX_N = 1000;

/**
 * Tool definitions. `command(ctx)` gives the process to run; `check(stdout,
 * ctx)` reads what it printed and compares with the generator's totals.
 * ctx: { n, dir, outDir, expected, python, options }
 */
export const TOOLS = [
  {
    // As a clerk runs it: the console report (in English, for the check to read) and the summary workbook.
    id: 'ours',
    label: 'consolidate',
    command: ({ n, dir, outDir }) => ({
      command: process.execPath,
      args: [path.join(ROOT, 'bin', 'consolidate.js'), dir, '-o', summaryPath(outDir, 'ours', n), '--force', '--lang', 'en'],
    }),
    okExit: (code) => code === 0 || code === 1, // 1: some file rejected — expected in the soak, not an error of the run
    check: checkOursText,
  },
  {
    // The same run with the JSON report on stdout as well (6.9 MB at 1,000 files): what a script around the tool pays.
    id: 'ours-json',
    label: 'consolidate --format json',
    command: ({ n, dir, outDir }) => ({
      command: process.execPath,
      args: [path.join(ROOT, 'bin', 'consolidate.js'), dir, '-o', summaryPath(outDir, 'ours-json', n), '--force', '--format', 'json'],
    }),
    okExit: (code) => code === 0 || code === 1,
    check: checkOursJson,
  },
  {
    id: 'exceljs',
    label: 'exceljs read',
    command: ({ dir }) => ({ command: process.execPath, args: [path.join(BENCH_DIR, 'exceljs-read.mjs'), dir] }),
    check: (stdout, { n, expected }) => {
      const out = lastJson(stdout);
      return verdict([
        [out.files === n && out.failed === 0, `${out.failed} of ${out.files} files failed`],
        [out.staffTotal === expected.totals.staff.total, `staff total ${out.staffTotal} ≠ ${expected.totals.staff.total}`],
      ]);
    },
  },
  {
    id: 'floor',
    label: 'floor (fflate+saxes)',
    command: ({ dir }) => ({ command: process.execPath, args: [path.join(BENCH_DIR, 'floor.mjs'), dir] }),
    check: (stdout, { n }) => {
      const out = lastJson(stdout);
      return verdict([
        [out.files === n && out.failed === 0, `${out.failed} of ${out.files} files failed`],
        [out.cells > n * 20, `only ${out.cells} cells`],
      ]);
    },
  },
  {
    id: 'peer',
    label: 'pandas+openpyxl',
    skip: ({ n, python, options }) => {
      if (!python.pandas || !python.openpyxl) return `not run: ${python.python ?? 'python3'} has no ${python.pandas ? 'openpyxl' : 'pandas'} (apt-get install -y python3-pandas python3-openpyxl)`;
      if (n > PEER_DEFAULT_MAX_N && !options.peerAll) return `skipped at ${n.toLocaleString('en')}: it takes minutes; run with --peer-all to include it`;
      return null;
    },
    command: ({ n, dir, outDir, python }) => ({
      command: python.python,
      args: [path.join(BENCH_DIR, 'peer_pandas.py'), dir, path.join(outDir, `peer-${n}.xlsx`)],
    }),
    check: (stdout, { n, expected }) => {
      const out = lastJson(stdout);
      return verdict([
        [out.files === n && out.failed === 0, `${out.failed} of ${out.files} files failed`],
        [out.staffTotal === expected.totals.staff.total, `staff total ${out.staffTotal} ≠ ${expected.totals.staff.total}`],
        [out.studentsTotal === expected.totals.students.total, `students total ${out.studentsTotal} ≠ ${expected.totals.students.total}`],
      ]);
    },
  },
];

function summaryPath(outDir, id, n) {
  return path.join(outDir, `${id}-${n}.xlsx`);
}

/** Our JSON report: every file accepted, grand totals equal to what was generated. */
function checkOursJson(stdout, { n, expected }) {
  const report = JSON.parse(stdout);
  const statuses = countStatuses(report.files);
  return verdict([
    [report.files.length === n, `${report.files.length} files reported, ${n} expected`],
    [(statuses.accepted ?? 0) === n, `statuses ${JSON.stringify(statuses)}`],
    [sameTotals(report.totals, expected.totals), `totals ${JSON.stringify(report.totals)} ≠ generated ${JSON.stringify(expected.totals)}`],
  ]);
}

/**
 * The console report's verdict line says every file was accepted, and the
 * summary workbook it wrote, read back as a submission (which it is), has
 * rows that add up to what was generated.
 */
async function checkOursText(stdout, { n, expected, outDir }) {
  const verdictLine = /Accepted (\d+), accepted with warnings (\d+), rejected (\d+), skipped (\d+)\./.exec(stdout);
  const totals = await summaryTotals(summaryPath(outDir, 'ours', n));
  return verdict([
    [verdictLine !== null, 'no verdict line in the console report'],
    [verdictLine !== null && Number(verdictLine[1]) === n, `verdict: ${verdictLine?.[0]}`],
    [sameTotals(totals, expected.totals), `summary rows add up to ${JSON.stringify(totals)} ≠ generated ${JSON.stringify(expected.totals)}`],
  ]);
}

async function summaryTotals(file) {
  const { checkFileBytes } = await import(pathToFileURL(path.join(ROOT, 'dist', 'pipeline', 'check-file.js')).href);
  const { loadForm } = await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'load-form.js')).href);
  const result = await checkFileBytes(path.basename(file), new Uint8Array(readFileSync(file)), await loadForm(undefined));
  const totals = {};
  for (const [table, extracted] of Object.entries(result.tables)) {
    if (!extracted) continue;
    totals[table] = { total: 0, registered: 0, unregistered: 0 };
    for (const row of extracted.rows) for (const key of ['total', 'registered', 'unregistered']) totals[table][key] += Number(row.values[key] ?? 0);
  }
  return totals;
}

export function countStatuses(files) {
  const counts = {};
  for (const file of files) counts[file.status] = (counts[file.status] ?? 0) + 1;
  return counts;
}

export function sameTotals(a, b) {
  const tables = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const table of tables) {
    for (const key of ['total', 'registered', 'unregistered']) {
      if ((a?.[table]?.[key] ?? 0) !== (b?.[table]?.[key] ?? 0)) return false;
    }
  }
  return true;
}

function lastJson(stdout) {
  return JSON.parse(stdout.trim().split('\n').pop());
}

function verdict(conditions) {
  const failed = conditions.filter(([ok]) => !ok).map(([, why]) => why);
  return failed.length ? { ok: false, note: failed.join('; ') } : { ok: true, note: 'ok' };
}

/** A generous limit per run, so a hung tool ends the measurement instead of the benchmark hanging. */
export function timeoutMs(tool, n) {
  const perFile = { peer: 300, exceljs: 150, ours: 100, 'ours-json': 100 }[tool.id] ?? 50;
  return 120_000 + n * perFile;
}

export function readStdout(file) {
  return readFileSync(file, 'utf8');
}
