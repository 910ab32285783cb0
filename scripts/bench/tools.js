// The four things `npm run bench` measures, side by side on the same folder,
// each as its own process, each with a check that it really did the work:
// a fast wrong answer must not look like a fast answer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
    id: 'ours',
    label: 'consolidate',
    command: ({ n, dir, outDir }) => ({
      command: process.execPath,
      args: [path.join(ROOT, 'bin', 'consolidate.js'), dir, '-o', path.join(outDir, `ours-${n}.xlsx`), '--force', '--format', 'json'],
    }),
    okExit: (code) => code === 0 || code === 1, // 1: some file rejected — expected in the soak, not an error of the run
    check: checkOurs,
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

/** Our JSON report: every file accepted, grand totals equal to what was generated. */
function checkOurs(stdout, { n, expected }) {
  const report = JSON.parse(stdout);
  const statuses = countStatuses(report.files);
  return verdict([
    [report.files.length === n, `${report.files.length} files reported, ${n} expected`],
    [(statuses.accepted ?? 0) === n, `statuses ${JSON.stringify(statuses)}`],
    [sameTotals(report.totals, expected.totals), `totals ${JSON.stringify(report.totals)} ≠ generated ${JSON.stringify(expected.totals)}`],
  ]);
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
  const perFile = { peer: 300, exceljs: 150, ours: 100 }[tool.id] ?? 50;
  return 120_000 + n * perFile;
}

export function readStdout(file) {
  return readFileSync(file, 'utf8');
}
