// saxes against XmlScanner on the XML parts of the 1,000-workbook corpus:
// every xl/worksheets/*.xml, xl/sharedStrings.xml, xl/styles.xml and
// xl/workbook.xml, each fed as one string to a parser whose handlers only
// count events.
//
//   npx tsc -p tsconfig.build.json && node scripts/bench/scan-xml-vs-saxes.mjs [DIR]
//
// DIR defaults to .bench-cache/1000. Each timed round runs in a fresh child
// process (read the corpus, one warm-up pass, one timed pass), so neither
// parser inherits the other's garbage or engine state; the two take turns,
// so load from elsewhere on the machine hits both alike. Prints the best of
// three rounds for each.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { XmlScanner } from '../../dist/read/xml/scan-xml.js';

const PART = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml|styles\.xml|workbook\.xml)$/;

function readCorpus(dir) {
  const decoder = new TextDecoder();
  const parts = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.xlsx')) continue;
    const entries = unzipSync(readFileSync(path.join(dir, file)), { filter: (entry) => PART.test(entry.name) });
    for (const data of Object.values(entries)) parts.push(decoder.decode(data));
  }
  return parts;
}

function runSaxes(parts) {
  let events = 0;
  for (const xml of parts) {
    const parser = new SaxesParser({ xmlns: false, position: false });
    parser.on('opentag', () => events++);
    parser.on('closetag', () => events++);
    parser.on('text', () => events++);
    parser.on('cdata', () => events++);
    parser.write(xml).close();
  }
  return events;
}

function runScanner(parts) {
  let events = 0;
  const handler = {
    open: () => events++,
    close: () => events++,
    text: () => events++,
  };
  for (const xml of parts) {
    const scanner = new XmlScanner(handler);
    scanner.write(xml);
    scanner.close();
  }
  return events;
}

const RUNNERS = { saxes: runSaxes, scanner: runScanner };

if (process.argv[2] === '--round') {
  // Child: one warm-up pass, then one timed pass; prints {ms, events, parts, chars}.
  const [, , , name, dir] = process.argv;
  const parts = readCorpus(dir);
  const run = RUNNERS[name];
  run(parts);
  const start = performance.now();
  const events = run(parts);
  const ms = performance.now() - start;
  const chars = parts.reduce((sum, part) => sum + part.length, 0);
  process.stdout.write(JSON.stringify({ ms, events, parts: parts.length, chars }));
} else {
  const dir = process.argv[2] ?? '.bench-cache/1000';
  const self = fileURLToPath(import.meta.url);
  const rounds = { saxes: [], scanner: [] };
  let last;
  for (let round = 0; round < 3; round++) {
    for (const name of Object.keys(RUNNERS)) {
      last = JSON.parse(execFileSync(process.execPath, [self, '--round', name, dir], { encoding: 'utf8' }));
      rounds[name].push(last);
    }
  }
  process.stdout.write(`${last.parts} parts, ${(last.chars / 1e6).toFixed(1)} M characters\n`);
  const best = {};
  for (const [name, results] of Object.entries(rounds)) {
    best[name] = Math.min(...results.map((result) => result.ms));
    const times = results.map((result) => result.ms.toFixed(0)).join(', ');
    process.stdout.write(`${name.padEnd(8)} best of 3: ${best[name].toFixed(1)} ms  (rounds: ${times}; ${results[0].events} events)\n`);
  }
  process.stdout.write(`scanner is ${(best.saxes / best.scanner).toFixed(1)}x faster than saxes\n`);
}
