// Submissions for `npm run bench`, generated once per size and cached under
// .bench-cache/N/ with a stamp beside it (.bench-cache/N.stamp.json, outside
// the folder so no tool sees it as a submission).
//
// The writer must not be our own: Python openpyxl when the Debian python has
// it, else exceljs (the library our summaries are written with), and then the
// run says so, because reading exceljs files proves less.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const GENERATOR = path.join(BENCH_DIR, 'make_submissions.py');
const EXCELJS_WRITER = path.join(BENCH_DIR, 'write-exceljs.mjs');

/** Which python to use and what it can do; `/usr/bin/python3` first, since pyenv shims often lack the Debian packages. */
export function probePython() {
  const candidates = ['/usr/bin/python3', 'python3'];
  for (const python of candidates) {
    const version = run(python, ['-c', 'import sys; print(sys.version.split()[0])']);
    if (version === null) continue;
    return {
      python,
      version,
      openpyxl: run(python, ['-c', 'import openpyxl; print(openpyxl.__version__)']),
      pandas: run(python, ['-c', 'import pandas; print(pandas.__version__)']),
    };
  }
  return { python: null, version: null, openpyxl: null, pandas: null };
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * The folder of N submissions, reusing the cache when its stamp matches (same
 * N, seed, writer and generator source) and it holds N files.
 * @returns {{ dir: string, stamp: object, generated: boolean, seconds: number }}
 */
export function ensureSubmissions(cacheDir, n, { seed, python, log }) {
  const dir = path.join(cacheDir, String(n));
  const stampFile = path.join(cacheDir, `${n}.stamp.json`);
  const key = stampKey(n, seed, python);
  const cached = readStamp(stampFile);
  if (cached && sameKey(cached.key, key) && countXlsx(dir) === n) return { dir, stamp: cached, generated: false, seconds: 0 };

  rmSync(dir, { recursive: true, force: true });
  rmSync(stampFile, { force: true });
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();
  log(`generating ${n.toLocaleString('en')} submissions with ${key.writer} …`);
  const summary = python.openpyxl ? writeWithOpenpyxl(python.python, staging, n, seed) : writeWithExceljs(python.python, cacheDir, staging, n, seed);
  // Only a complete folder gets the real name and a stamp: an interrupted run regenerates.
  renameSync(staging, dir);
  const stamp = { key, summary, generatedAt: new Date().toISOString() };
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  const seconds = (Date.now() - started) / 1000;
  log(`  done in ${seconds.toFixed(1)} s`);
  return { dir, stamp, generated: true, seconds };
}

function stampKey(n, seed, python) {
  const sources = [GENERATOR, ...(python.openpyxl ? [] : [EXCELJS_WRITER])];
  const hash = createHash('sha256');
  for (const file of sources) hash.update(readFileSync(file));
  return {
    n,
    seed,
    writer: python.openpyxl ? `Python openpyxl ${python.openpyxl}` : 'exceljs (openpyxl not installed)',
    source: hash.digest('hex').slice(0, 16),
  };
}

function sameKey(a, b) {
  return a && a.n === b.n && a.seed === b.seed && a.writer === b.writer && a.source === b.source;
}

function readStamp(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function countXlsx(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.xlsx')).length : 0;
}

function lastJsonLine(text, what) {
  const line = text.trim().split('\n').pop();
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${what} printed no summary; its output ended with: ${text.slice(-500)}`);
  }
}

function writeWithOpenpyxl(python, outDir, n, seed) {
  const jobs = String(availableParallelism());
  const result = spawnSync(python, [GENERATOR, outDir, String(n), '--seed', String(seed), '--jobs', jobs], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000 + n * 500,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.error) throw new Error(`make_submissions.py did not finish: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`make_submissions.py failed with status ${result.status}`);
  return lastJsonLine(result.stdout, 'make_submissions.py');
}

/** openpyxl missing: python (standard library only) still plans the files, exceljs writes them. */
function writeWithExceljs(python, cacheDir, outDir, n, seed) {
  if (!python) throw new Error('no python3 found: the submissions are planned by scripts/bench/make_submissions.py. Install python3 (and python3-openpyxl).');
  const plansFile = path.join(cacheDir, `${n}.plans.jsonl`);
  const plans = spawnSync(python, [GENERATOR, '--plans', String(n), '--seed', String(seed)], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    timeout: 120_000 + n * 100,
  });
  if (plans.status !== 0) throw new Error(`make_submissions.py --plans failed: ${plans.stderr?.slice(-500) ?? plans.error?.message}`);
  writeFileSync(plansFile, plans.stdout);
  const result = spawnSync(process.execPath, [EXCELJS_WRITER, plansFile, outDir], {
    encoding: 'utf8',
    timeout: 120_000 + n * 500,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  rmSync(plansFile, { force: true });
  if (result.status !== 0) throw new Error(`write-exceljs.mjs failed with status ${result.status ?? result.error?.message}`);
  return lastJsonLine(result.stdout, 'write-exceljs.mjs');
}
