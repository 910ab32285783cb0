// Runs one command as its own process under GNU `/usr/bin/time -v` and
// returns wall time, CPU time and peak RSS. A separate process per tool, so
// each one pays its own start-up and its memory is its own; `time` reports the
// largest RSS of the process it ran (worker threads live inside it, so ours
// is measured whole).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';

export const GNU_TIME = '/usr/bin/time';

/** Fails early, with the fix, rather than letting every measurement fail later. */
export function requireGnuTime() {
  if (!existsSync(GNU_TIME)) {
    throw new Error(`${GNU_TIME} is missing; it measures peak memory. Install it: apt-get install -y time`);
  }
}

/**
 * @param {{ command: string, args: string[], cwd: string, stdoutFile: string, timeoutMs: number, env?: object }} run
 * @returns {Promise<{ seconds: number, cpuSeconds: number|null, maxRssMb: number|null, exitCode: number|null, timedOut: boolean, signal: string|null, stderr: string }>}
 */
export function measure({ command, args, cwd, stdoutFile, timeoutMs, env }) {
  const timeFile = path.join(tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const stdout = openSync(stdoutFile, 'w');
  const started = performance.now();
  // detached: its own process group, so a timeout can stop `time` and the tool under it together.
  const child = spawn(GNU_TIME, ['-v', '-o', timeFile, command, ...args], {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', stdout, 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (data) => {
    stderr = (stderr + data.toString()).slice(-4000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      closeSync(stdout);
      reject(new Error(`cannot start ${GNU_TIME}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      closeSync(stdout);
      const seconds = (performance.now() - started) / 1000;
      const usage = readTimeReport(timeFile);
      rmSync(timeFile, { force: true });
      resolve({
        seconds,
        cpuSeconds: usage.cpuSeconds,
        maxRssMb: usage.maxRssMb,
        // `time` exits with the tool's status; a tool killed by a signal is reported in the file.
        exitCode: usage.exitCode ?? code,
        timedOut,
        signal: usage.signal ?? signal,
        stderr,
      });
    });
  });
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Parses the `time -v` report: user + system seconds, maximum resident set size, exit status. */
export function readTimeReport(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const number = (label) => {
    const match = text.match(new RegExp(`${label}:\\s*([0-9.]+)`));
    return match ? Number(match[1]) : null;
  };
  const user = number('User time \\(seconds\\)');
  const system = number('System time \\(seconds\\)');
  const rssKb = number('Maximum resident set size \\(kbytes\\)');
  const signal = text.match(/Command terminated by signal (\d+)/);
  return {
    cpuSeconds: user === null || system === null ? null : user + system,
    maxRssMb: rssKb === null ? null : rssKb / 1024,
    exitCode: number('Exit status'),
    signal: signal ? `signal ${signal[1]}` : null,
  };
}

/** Median of numbers (mean of the middle two for an even count). */
export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
