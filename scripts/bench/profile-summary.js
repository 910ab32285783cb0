// Where does a run spend its time? Summarises V8 .cpuprofile files (one per
// thread, as `node --cpu-prof` writes them for the main thread and each
// worker) into self time per function and per package or source file.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bin/consolidate.js DIR -o out.xlsx --force
//   node scripts/bench/profile-summary.js /tmp/prof [--top 25]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Self milliseconds per node id, from the exact sample time deltas rather than hit counts. */
function selfTimes(profile) {
  const byId = new Map();
  profile.samples.forEach((id, i) => {
    byId.set(id, (byId.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return byId;
}

/** "exceljs", "saxes", "dist/read/xlsx/read-xlsx.js", "(garbage collector)", "node:internal/…". */
function where(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const pkg = clean.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const dist = clean.match(/\/(dist\/.*)$/);
  if (dist) return dist[1];
  return clean.startsWith('node:') ? 'node:internal' : path.basename(clean);
}

export function summarise(files) {
  const functions = new Map();
  const places = new Map();
  const threads = [];
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const self = selfTimes(profile);
    let threadMs = 0;
    for (const node of profile.nodes) {
      const ms = self.get(node.id) ?? 0;
      if (!ms) continue;
      threadMs += ms;
      const { functionName, url, lineNumber } = node.callFrame;
      const place = where(url, functionName);
      const key = `${functionName || '(anonymous)'}  ${place}:${lineNumber + 1}`;
      functions.set(key, (functions.get(key) ?? 0) + ms);
      places.set(place, (places.get(place) ?? 0) + ms);
    }
    threads.push({ file: path.basename(file), ms: threadMs, idleMs: idleMs(profile, self) });
  }
  return { threads, functions: sorted(functions), places: sorted(places) };
}

function idleMs(profile, self) {
  return profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((sum, n) => sum + (self.get(n.id) ?? 0), 0);
}

function sorted(map) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]);
}

/** The text report of every .cpuprofile in `dir`. */
export function formatProfile(dir, top = 25) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  const { threads, functions, places } = summarise(files);
  const busy = threads.reduce((s, t) => s + t.ms - t.idleMs, 0);
  const pct = (ms) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  const out = [`${threads.length} thread profile(s), ${Math.round(busy)} ms busy (idle excluded):`];
  for (const t of threads) out.push(`  ${t.file}: ${Math.round(t.ms - t.idleMs)} ms busy, ${Math.round(t.idleMs)} ms idle`);
  out.push('', 'self time by package / file:');
  for (const [place, ms] of places.filter(([p]) => p !== '(idle)').slice(0, 15)) out.push(`  ${pct(ms)} ${String(Math.round(ms)).padStart(7)} ms  ${place}`);
  out.push('', `top ${top} functions by self time:`);
  for (const [key, ms] of functions.filter(([k]) => !k.startsWith('(idle)')).slice(0, top)) {
    out.push(`  ${pct(ms)} ${String(Math.round(ms)).padStart(7)} ms  ${key}`);
  }
  return out.join('\n');
}

function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  if (!positionals[0]) {
    process.stderr.write('usage: node scripts/bench/profile-summary.js PROFILE_DIR [--top N]\n');
    return 2;
  }
  process.stdout.write(`${formatProfile(positionals[0], Number(values.top))}\n`);
  return 0;
}

// Also imported by scripts/bench.js (--profile): run only when started directly.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
