// The soak test of `npm run bench`: 500 good and 500 bad files in one folder.
// Ours runs on the good files alone and on the mixed folder; the grand totals
// must be equal (bad files are rejected, never counted, never stop the run)
// and the mixed run's peak memory must stay under a stated bound.
//
// The good files are the first 500 of the 1,000-file set; the bad ones are
// made from the other 500, so no bad file shares a unit with a good one.
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeBadFiles } from './bad-files.js';
import { countXlsx, ensureSubmissions } from './generate.js';
import { measure } from './measure.js';
import { countStatuses, sameTotals, TOOLS } from './tools.js';

export const SOAK_GOOD = 500;
export const SOAK_BAD = 500;
/** Peak RSS allowed for the mixed run: a few bombs and hundreds of broken files must not cost more than this. */
export const SOAK_BOUND_MB = 400;

const BAD_FILES_SOURCE = fileURLToPath(new URL('./bad-files.js', import.meta.url));

export async function runSoak({ root, cacheDir, seed, python, log }) {
  const base = ensureSubmissions(cacheDir, SOAK_GOOD + SOAK_BAD, { seed, python, log });
  const { goodDir, mixedDir, badKinds } = ensureSoakFolders(cacheDir, base, seed, log);
  const outDir = path.join(cacheDir, 'out');
  const good = await runOurs(root, goodDir, path.join(outDir, 'soak-good'));
  const mixed = await runOurs(root, mixedDir, path.join(outDir, 'soak-mixed'));
  return summarise(good, mixed, badKinds);
}

/** .bench-cache/soak/{good,mixed}: hard links to the cached good files (copies where links fail), plus the bad files. */
function ensureSoakFolders(cacheDir, base, seed, log) {
  const soakDir = path.join(cacheDir, 'soak');
  const stampFile = path.join(cacheDir, 'soak.stamp.json');
  const goodDir = path.join(soakDir, 'good');
  const mixedDir = path.join(soakDir, 'mixed');
  const key = {
    base: base.stamp.key,
    seed,
    source: createHash('sha256').update(readFileSync(BAD_FILES_SOURCE)).digest('hex').slice(0, 16),
  };
  const stamp = readJson(stampFile);
  if (stamp && JSON.stringify(stamp.key) === JSON.stringify(key) && countXlsx(goodDir) === SOAK_GOOD && countXlsx(mixedDir) === SOAK_GOOD + SOAK_BAD) {
    return { goodDir, mixedDir, badKinds: stamp.badKinds };
  }
  log(`building the soak folder (${SOAK_GOOD} good + ${SOAK_BAD} bad files, three of them ~400 MB zip bombs) …`);
  rmSync(soakDir, { recursive: true, force: true });
  const staging = `${soakDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(staging, 'good'), { recursive: true });
  mkdirSync(path.join(staging, 'mixed'), { recursive: true });
  const files = readdirSync(base.dir).filter((name) => name.endsWith('.xlsx')).sort();
  for (const name of files.slice(0, SOAK_GOOD)) {
    linkOrCopy(path.join(base.dir, name), path.join(staging, 'good', name));
    linkOrCopy(path.join(base.dir, name), path.join(staging, 'mixed', name));
  }
  const bases = files.slice(SOAK_GOOD, SOAK_GOOD + SOAK_BAD).map((name) => path.join(base.dir, name));
  const badKinds = makeBadFiles(bases, path.join(staging, 'mixed'), seed);
  renameSync(staging, soakDir);
  writeFileSync(stampFile, `${JSON.stringify({ key, badKinds }, null, 2)}\n`);
  return { goodDir, mixedDir, badKinds };
}

function linkOrCopy(from, to) {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

async function runOurs(root, dir, outBase) {
  mkdirSync(path.dirname(outBase), { recursive: true });
  const ours = TOOLS.find((t) => t.id === 'ours-json');
  const { command, args } = ours.command({ n: path.basename(outBase), dir, outDir: path.dirname(outBase) });
  const stdoutFile = `${outBase}.json`;
  const run = await measure({ command, args, cwd: root, stdoutFile, timeoutMs: 600_000 });
  let report = null;
  try {
    report = JSON.parse(readFileSync(stdoutFile, 'utf8'));
  } catch {
    // Reported below as "no report".
  }
  return { run, report };
}

function summarise(good, mixed, badKinds) {
  const failure = [good, mixed].find(({ run, report }) => !report || run.timedOut || !(run.exitCode === 0 || run.exitCode === 1));
  if (failure) {
    const { run } = failure;
    return { ok: false, error: `consolidate failed: exit ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}${run.signal ? ` ${run.signal}` : ''}; ${run.stderr.slice(-300)}` };
  }
  const kindOf = new Map(badKinds.map((b) => [b.name, b.kind]));
  const badResults = mixed.report.files.filter((f) => kindOf.has(f.file));
  const badAccepted = badResults.filter((f) => f.status === 'accepted' || f.status === 'warning').map((f) => `${f.file} (${kindOf.get(f.file)})`);
  const totalsEqual = sameTotals(good.report.totals, mixed.report.totals);
  const withinBound = mixed.run.maxRssMb !== null && mixed.run.maxRssMb < SOAK_BOUND_MB;
  return {
    ok: totalsEqual && withinBound && badAccepted.length === 0,
    boundMb: SOAK_BOUND_MB,
    totalsEqual,
    withinBound,
    good: { seconds: good.run.seconds, maxRssMb: good.run.maxRssMb, exitCode: good.run.exitCode, statuses: countStatuses(good.report.files), totals: good.report.totals },
    mixed: { seconds: mixed.run.seconds, maxRssMb: mixed.run.maxRssMb, exitCode: mixed.run.exitCode, statuses: countStatuses(mixed.report.files), totals: mixed.report.totals },
    badAccepted,
    badByKindAndCode: codesByKind(badResults, kindOf),
  };
}

/** For each kind of bad file, which diagnostic code rejected it: shows each kind is caught for the right reason. */
function codesByKind(badResults, kindOf) {
  const table = {};
  for (const file of badResults) {
    const kind = kindOf.get(file.file);
    const code = file.diagnostics.find((d) => d.severity === 'error')?.code ?? file.status;
    table[kind] ??= {};
    table[kind][code] = (table[kind][code] ?? 0) + 1;
  }
  return table;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
