// `npm run bench`: how fast and how lean `consolidate` is on realistic folders,
// against an exceljs full read, the fflate + saxes floor and the pandas +
// openpyxl peer, plus a soak test with bad files. A script, not a test: CI
// does not run it, and missed performance targets are printed, not failed.
//
//   node scripts/bench.js [--sizes 100,1000,10000] [--runs N] [--peer-all] [--no-soak] [--profile] [--seed 2024]
//
// Exit status: 0 when every tool gave the right answer (targets may be
// missed), 1 when a tool failed, timed out or gave a wrong answer, or the soak
// failed its checks, 2 on a usage error or a missing prerequisite.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureSubmissions, probePython } from './bench/generate.js';
import { measure, median, requireGnuTime } from './bench/measure.js';
import { formatProfile } from './bench/profile-summary.js';
import { evaluateTargets, formatSoak, formatSummaryLine, formatTable, formatTargets, sizeRatios } from './bench/report.js';
import { runSoak } from './bench/soak.js';
import { readStdout, timeoutMs, TOOLS } from './bench/tools.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = path.join(ROOT, '.bench-cache');
const log = (line) => process.stderr.write(`${line}\n`);

const USAGE = `usage: node scripts/bench.js [--sizes 100,1000,10000] [--runs N] [--peer-all] [--no-soak] [--profile] [--seed N]
  --sizes     submission counts to measure (default 100,1000,10000)
  --runs      runs per tool and size; seconds are the median, peak RSS the largest (default 3 up to 1,000 files, 1 above)
  --peer-all  also run pandas+openpyxl above 1,000 files (takes minutes)
  --no-soak   skip the 500 good + 500 bad soak test
  --profile   also run consolidate once under --cpu-prof on the 1,000 folder (untimed) and print where it spends time
  --seed      generator seed (default 2024)`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '100,1000,10000' },
      runs: { type: 'string' },
      'peer-all': { type: 'boolean', default: false },
      'no-soak': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      seed: { type: 'string', default: '2024' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const sizes = values.sizes.split(',').map((s) => Number(s.replace(/[_\s]/g, '')));
  const runs = values.runs === undefined ? null : Number(values.runs);
  const seed = Number(values.seed);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1) || (runs !== null && (!Number.isInteger(runs) || runs < 1)) || !Number.isInteger(seed)) {
    throw new UsageError('--sizes takes positive whole numbers separated by commas; --runs and --seed whole numbers');
  }
  return { sizes, runs, seed, peerAll: values['peer-all'], soak: !values['no-soak'], profile: values.profile, help: values.help };
}

class UsageError extends Error {}

/** Everything the run needs, checked before minutes of generation, each with what to do about it. */
function preflight() {
  requireGnuTime();
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new UsageError('dist/ is missing: run `npm run build` (npm run bench does it first)');
  const require = createRequire(import.meta.url);
  for (const name of ['exceljs', 'fflate', 'saxes']) {
    try {
      require.resolve(name);
    } catch {
      throw new UsageError(`node module ${name} is missing: run \`npm install\``);
    }
  }
  const python = probePython();
  return { python };
}

/**
 * A short hash of the built code. Others rebuild dist/ while a long run goes
 * on; a run that measured two builds must say so rather than compare them.
 */
function distFingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) hash.update(path.relative(ROOT, full)).update(readFileSync(full));
    }
  };
  walk(path.join(ROOT, 'dist'));
  return hash.digest('hex').slice(0, 12);
}

function gitHead() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' });
  return head.status === 0 ? `${head.stdout.trim()}${dirty.stdout?.trim() ? ' + uncommitted src changes' : ''}` : null;
}

function environment(python) {
  return {
    git: gitHead(),
    dist: distFingerprint(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? null,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    python: python.python ? `${python.python} ${python.version}` : null,
    openpyxl: python.openpyxl,
    pandas: python.pandas,
  };
}

/**
 * Every tool on one folder, `runs` times each; seconds are medians, peak RSS
 * the largest seen. The runs go in rounds (each tool once, then each again):
 * this machine's speed drifts by a quarter over minutes, and a tool whose
 * runs all fell in a slow spell would be compared unfairly.
 */
async function measureSize(n, submissions, ctxBase, runs) {
  const outDir = path.join(CACHE, 'out');
  mkdirSync(outDir, { recursive: true });
  const ctx = { ...ctxBase, n, dir: submissions.dir, outDir, expected: submissions.stamp.summary };
  const skips = TOOLS.map((tool) => tool.skip?.(ctx) ?? null);
  TOOLS.forEach((tool, i) => {
    if (skips[i]) log(`  ${tool.label}: ${skips[i]}`);
  });
  const attempts = TOOLS.map(() => []);
  for (let run = 1; run <= runs; run++) {
    for (const [i, tool] of TOOLS.entries()) {
      if (!skips[i]) attempts[i].push(await measureOnce(tool, ctx, run, runs));
    }
  }
  const results = TOOLS.map((tool, i) =>
    skips[i] ? { id: tool.id, label: tool.label, status: 'skipped', note: skips[i] } : summariseAttempts(tool, n, attempts[i]),
  );
  return { n, dir: path.relative(ROOT, submissions.dir), generatedNow: submissions.generated, tools: results };
}

/** Small folders take seconds: three rounds give a median that a slow spell does not decide. */
function runsFor(n, asked) {
  return asked ?? (n <= 1_000 ? 3 : 1);
}

async function measureOnce(tool, ctx, run, runs) {
  const { command, args } = tool.command(ctx);
  // Other work on the machine skews wall time (CPU time much less): recorded, shown, not corrected.
  const load = loadavg()[0];
  const dist = tool.id.startsWith('ours') ? distFingerprint() : null;
  const stdoutFile = path.join(ctx.outDir, `${tool.id}-${ctx.n}.out`);
  const result = await measure({ command, args, cwd: ROOT, stdoutFile, timeoutMs: timeoutMs(tool, ctx.n) });
  const okExit = tool.okExit ?? ((code) => code === 0);
  let check;
  if (result.timedOut) check = { ok: false, note: `timed out after ${Math.round(timeoutMs(tool, ctx.n) / 1000)} s` };
  else if (!okExit(result.exitCode)) check = { ok: false, note: `exit ${result.exitCode}${result.signal ? ` (${result.signal})` : ''}: ${result.stderr.trim().slice(-300)}` };
  else {
    try {
      check = await tool.check(readStdout(stdoutFile), ctx);
    } catch (error) {
      check = { ok: false, note: `unreadable output: ${error.message}` };
    }
  }
  log(`  ${tool.label}${runs > 1 ? ` run ${run}/${runs}` : ''}: ${result.seconds.toFixed(2)} s, ${Math.round(result.maxRssMb ?? 0)} MB${check.ok ? '' : ` — ${check.note}`}`);
  return { ...result, load, dist, check };
}

function summariseAttempts(tool, n, attempts) {
  const failed = attempts.find((a) => !a.check.ok);
  const seconds = median(attempts.map((a) => a.seconds));
  return {
    id: tool.id,
    label: tool.label,
    status: failed ? 'failed' : 'ok',
    note: failed ? failed.check.note : 'ok',
    seconds,
    msPerFile: (seconds * 1000) / n,
    cpuSeconds: median(attempts.map((a) => a.cpuSeconds)),
    maxRssMb: Math.max(...attempts.map((a) => a.maxRssMb ?? 0)),
    load: Math.max(...attempts.map((a) => a.load)),
    dist: [...new Set(attempts.map((a) => a.dist).filter(Boolean))].join(',') || null,
    runs: attempts.map((a) => ({ seconds: a.seconds, cpuSeconds: a.cpuSeconds, maxRssMb: a.maxRssMb, exitCode: a.exitCode, load: a.load })),
  };
}

/**
 * One untimed run of ours under V8's sampling profiler (main thread and each
 * worker write a profile), summarised by self time: the first place to look
 * when a target is missed.
 */
function profileOurs(seed, python) {
  const n = 1000;
  const submissions = ensureSubmissions(CACHE, n, { seed, python, log });
  const dir = path.join(CACHE, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`profiling consolidate on ${n.toLocaleString('en')} files …`);
  const args = ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join(ROOT, 'bin', 'consolidate.js'), submissions.dir, '-o', path.join(dir, 'out.xlsx'), '--force'];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 + n * 100 });
  if (run.error || !(run.status === 0 || run.status === 1)) return `profile: consolidate failed (${run.error?.message ?? `exit ${run.status}`})`;
  return `profile of consolidate on ${n.toLocaleString('en')} files (${path.relative(ROOT, dir)}/*.cpuprofile; open in Chrome DevTools for call trees):\n${formatProfile(dir, 20)}`;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { python } = preflight();
  const env = environment(python);
  mkdirSync(CACHE, { recursive: true });
  log(`node ${env.node}, ${env.cpus} CPUs, python ${env.python ?? 'none'}, openpyxl ${env.openpyxl ?? 'none'}, pandas ${env.pandas ?? 'none'}`);
  if (!python.openpyxl) log('NOTE: openpyxl is not installed: submissions are written by exceljs, the library our own summaries are written with.');

  const sizes = [];
  let writer = null;
  for (const n of options.sizes) {
    log(`N = ${n.toLocaleString('en')}`);
    const submissions = ensureSubmissions(CACHE, n, { seed: options.seed, python, log });
    writer = submissions.stamp.key.writer;
    const size = await measureSize(n, submissions, { python, options }, runsFor(n, options.runs));
    size.ratios = sizeRatios(size);
    size.generationSeconds = submissions.seconds || null;
    sizes.push(size);
  }

  let soak = null;
  if (options.soak) {
    log('soak');
    soak = await runSoak({ root: ROOT, cacheDir: CACHE, seed: options.seed, python, log });
  } else soak = { skipped: 'not run (--no-soak)' };

  const profile = options.profile ? profileOurs(options.seed, python) : null;
  const builds = [...new Set([env.dist, ...sizes.flatMap((s) => s.tools.map((t) => t.dist)).filter(Boolean).flatMap((d) => d.split(',')), distFingerprint()])];
  const targets = evaluateTargets(sizes);
  const header = [
    `consolidate benchmark — node ${env.node}, ${env.cpus} CPUs (${env.cpuModel ?? 'unknown CPU'}), ${env.memoryGb} GB`,
    `code: git ${env.git ?? 'unknown'}, dist/ ${env.dist}; submissions written by ${writer ?? 'n/a'}; seed ${options.seed}; ${options.runs ?? '3 (1 above 1,000 files)'} run(s) per tool, median seconds, largest peak RSS; warm file cache`,
    ...(builds.length > 1
      ? [`WARNING: dist/ was rebuilt during this run (builds ${builds.join(', ')}): rows of consolidate measured different code — ${sizes.map((s) => `${s.n}: ${s.tools.find((t) => t.id === 'ours')?.dist ?? '–'}`).join(', ')}; the soak and profile ran last`]
      : []),
    `consolidate checks files in worker threads (one per 1,500 files, up to ${env.cpus}) and writes the summary workbook; its console report is timed as a clerk sees it, and "--format json" adds the JSON report; exceljs, floor and peer run one thread: "CPU s" (user+sys) compares the work done`,
    `"load" is the 1-minute load average as each tool started; the runs before it keep it up to about ${env.cpus}: well above that, other work shared the machine and wall seconds are inflated`,
    '',
  ];
  const text = [...header, formatTable(sizes), formatSummaryLine(targets), '', formatTargets(targets), '', formatSoak(soak), '', ...(profile ? [profile, ''] : [])].join('\n');
  process.stdout.write(text);

  const record = { finishedAt: new Date().toISOString(), environment: env, builds, options, writer, sizes, targets, soak, profile };
  writeFileSync(path.join(CACHE, 'last-run.json'), `${JSON.stringify(record, null, 2)}\n`);
  log(`written: ${path.relative(process.cwd(), path.join(CACHE, 'last-run.json'))}`);

  const toolFailed = sizes.some((s) => s.tools.some((t) => t.status === 'failed'));
  const soakFailed = soak && !soak.skipped && !soak.ok;
  return toolFailed || soakFailed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log(`bench: ${error.message}`);
    if (!(error instanceof UsageError) && !error.message.includes('missing')) log(error.stack);
    process.exitCode = 2;
  },
);
