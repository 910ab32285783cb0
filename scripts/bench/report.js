// Ratios, targets and the printed table of `npm run bench`. Plain data in,
// text out, so the JSON written to .bench-cache/last-run.json and the table on
// stdout always say the same thing.

/** The issue's targets. `value(sizes)` returns the measured figure, or a string saying why there is none. */
export const TARGETS = [
  {
    id: 'ours-over-floor-1k',
    label: 'ours / floor at 1,000',
    short: 'ours/floor',
    goal: '≤ 2x',
    value: (sizes) => ratio(sizes, 1000, 'ours', 'floor'),
    met: (v) => v <= 2,
    unit: 'x',
  },
  {
    id: 'peer-over-ours-1k',
    label: 'peer / ours at 1,000',
    short: 'peer/ours',
    goal: '≥ 10x',
    value: (sizes) => ratio(sizes, 1000, 'peer', 'ours'),
    met: (v) => v >= 10,
    unit: 'x',
  },
  {
    id: 'ours-10k-over-1k',
    label: 'ours 10,000 / 1,000 time',
    short: '10k/1k',
    goal: '≤ 11x',
    value: (sizes) => {
      const big = seconds(sizes, 10000, 'ours');
      const small = seconds(sizes, 1000, 'ours');
      return typeof big === 'number' && typeof small === 'number' ? big / small : first(big, small);
    },
    met: (v) => v <= 11,
    unit: 'x',
  },
  {
    id: 'ours-rss-10k',
    label: 'ours peak RSS at 10,000',
    short: 'peak RSS at 10k',
    goal: '< 300 MB',
    value: (sizes) => {
      const tool = find(sizes, 10000, 'ours');
      return tool === undefined ? 'n/a (10,000 not run)' : usable(tool) ? tool.maxRssMb : `n/a (${tool.status})`;
    },
    met: (v) => v < 300,
    unit: ' MB',
  },
];

export function evaluateTargets(sizes) {
  return TARGETS.map((t) => {
    const value = t.value(sizes);
    return typeof value === 'number'
      ? { id: t.id, label: t.label, short: t.short, goal: t.goal, value, met: t.met(value), unit: t.unit }
      : { id: t.id, label: t.label, short: t.short, goal: t.goal, value: null, met: null, why: value, unit: t.unit };
  });
}

/** Per-size ratios: wall time as the clerk waits, CPU time as the work done (ours uses every core, the baselines one). */
export function sizeRatios(size) {
  const pick = (id) => size.tools.find((t) => t.id === id && usable(t));
  const pair = (a, b) => {
    const x = pick(a);
    const y = pick(b);
    if (!x || !y) return null;
    return { wall: x.seconds / y.seconds, cpu: x.cpuSeconds && y.cpuSeconds ? x.cpuSeconds / y.cpuSeconds : null };
  };
  return { oursOverFloor: pair('ours', 'floor'), peerOverOurs: pair('peer', 'ours'), exceljsOverOurs: pair('exceljs', 'ours') };
}

function find(sizes, n, id) {
  return sizes.find((s) => s.n === n)?.tools.find((t) => t.id === id);
}

function usable(tool) {
  return tool.status === 'ok' && typeof tool.seconds === 'number';
}

function seconds(sizes, n, id) {
  if (!sizes.some((s) => s.n === n)) return `n/a (${n.toLocaleString('en')} not run)`;
  const tool = find(sizes, n, id);
  if (!tool) return `n/a (${id} not run at ${n.toLocaleString('en')})`;
  return usable(tool) ? tool.seconds : `n/a (${id} at ${n.toLocaleString('en')}: ${tool.status})`;
}

function ratio(sizes, n, a, b) {
  const x = seconds(sizes, n, a);
  const y = seconds(sizes, n, b);
  return typeof x === 'number' && typeof y === 'number' ? x / y : first(x, y);
}

function first(...values) {
  return values.find((v) => typeof v === 'string');
}

// ---------------------------------------------------------------------------
// Text

const pad = (text, width) => String(text).padEnd(width);
const lpad = (text, width) => String(text).padStart(width);
const fixed = (value, digits) => (typeof value === 'number' ? value.toFixed(digits) : '–');
const mb = (value) => (typeof value === 'number' ? `${Math.round(value)} MB` : '–');
const times = (value) => (typeof value === 'number' ? `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}x` : 'n/a');

export function formatTable(sizes) {
  const lines = [`${pad('N', 8)}${pad('tool', 27)}${lpad('seconds', 9)}${lpad('ms/file', 9)}${lpad('CPU s', 9)}${lpad('peak RSS', 10)}${lpad('load', 6)}  check`];
  for (const size of sizes) {
    for (const tool of size.tools) {
      const n = size.n.toLocaleString('en');
      if (tool.status === 'skipped') {
        lines.push(`${pad(n, 8)}${pad(tool.label, 27)}  ${tool.note}`);
        continue;
      }
      lines.push(
        `${pad(n, 8)}${pad(tool.label, 27)}${lpad(fixed(tool.seconds, 2), 9)}${lpad(fixed(tool.msPerFile, 2), 9)}` +
          `${lpad(fixed(tool.cpuSeconds, 2), 9)}${lpad(mb(tool.maxRssMb), 10)}${lpad(fixed(tool.load, 1), 6)}  ${tool.status === 'ok' ? 'ok' : `FAILED: ${tool.note}`}`,
      );
    }
    const r = size.ratios;
    const cpu = (pair) => (pair?.cpu ? ` (CPU ${times(pair.cpu)})` : '');
    lines.push(
      `${pad('', 8)}ratios: ours/floor ${times(r.oursOverFloor?.wall)}${cpu(r.oursOverFloor)}, ` +
        `peer/ours ${times(r.peerOverOurs?.wall)}${cpu(r.peerOverOurs)}, exceljs/ours ${times(r.exceljsOverOurs?.wall)}${cpu(r.exceljsOverOurs)}`,
    );
    lines.push('');
  }
  return lines.join('\n');
}

export function formatTargets(targets) {
  const lines = ['targets (wall-clock seconds, as the clerk waits):'];
  for (const t of targets) {
    const value = t.value === null ? 'n/a' : t.unit === 'x' ? times(t.value) : mb(t.value);
    const verdict = t.met === null ? t.why.replace(/^n\/a \((.*)\)$/, '$1') : t.met ? 'met' : 'MISSED';
    lines.push(`  ${pad(t.label, 28)}${pad(value, 12)} ${pad(`target ${t.goal}`, 17)}${verdict}`.trimEnd());
  }
  return lines.join('\n');
}

/** One line in the issue's words: "ratios: ours/floor 2.1x (target ≤ 2x), …". */
export function formatSummaryLine(targets) {
  const part = (t) => `${t.short} ${t.value === null ? 'n/a' : t.unit === 'x' ? times(t.value) : mb(t.value)} (target ${t.goal})`;
  return `ratios: ${targets.map(part).join(', ')}`;
}

export function formatSoak(soak) {
  if (!soak) return '';
  if (soak.skipped) return `soak: ${soak.skipped}`;
  if (soak.error) return `soak: FAILED — ${soak.error}`;
  const totals = (t) => `staff ${t?.staff?.total ?? 0}/${t?.staff?.registered ?? 0}, students ${t?.students?.total ?? 0}/${t?.students?.registered ?? 0}`;
  const statuses = (s) => Object.entries(s).map(([k, v]) => `${v} ${k}`).join(', ');
  const lines = [
    `soak: 500 good + 500 bad files in one folder (ours, exit ${soak.mixed.exitCode})`,
    `  good only  ${fixed(soak.good.seconds, 2)} s  ${mb(soak.good.maxRssMb)}  ${statuses(soak.good.statuses)}; totals ${totals(soak.good.totals)}`,
    `  mixed      ${fixed(soak.mixed.seconds, 2)} s  ${mb(soak.mixed.maxRssMb)}  ${statuses(soak.mixed.statuses)}; totals ${totals(soak.mixed.totals)}`,
    `  totals equal to the good-only run: ${soak.totalsEqual ? 'yes' : 'NO'}; bad files accepted: ${soak.badAccepted.length ? soak.badAccepted.join(', ') : 'none'}`,
    `  peak RSS of the mixed run ${mb(soak.mixed.maxRssMb)}, bound ${soak.boundMb} MB: ${soak.withinBound ? 'within' : 'EXCEEDED'}`,
    '  bad files by kind → first error code:',
    ...Object.entries(soak.badByKindAndCode).map(
      ([kind, codes]) => `    ${pad(kind, 22)}${Object.entries(codes).map(([code, count]) => `${code} ×${count}`).join(', ')}`,
    ),
  ];
  return lines.join('\n');
}
