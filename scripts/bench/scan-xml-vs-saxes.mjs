// saxes against XmlScanner on the XML parts of the 1,000-workbook corpus:
// every xl/worksheets/*.xml, xl/sharedStrings.xml, xl/styles.xml and
// xl/workbook.xml, each fed as one string to a parser whose handlers only
// count events.
//
//   npx tsc -p tsconfig.build.json && node scripts/bench/scan-xml-vs-saxes.mjs [DIR]
//
// DIR defaults to .bench-cache/1000. After two warm-up passes each, the two
// parsers take turns for three timed passes, so load from elsewhere on the
// machine hits both alike; prints the best of the three for each.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { TextDecoder } from 'node:util';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { XmlScanner } from '../../dist/read/xml/scan-xml.js';

const dir = process.argv[2] ?? '.bench-cache/1000';
const PART = /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml|styles\.xml|workbook\.xml)$/;

const decoder = new TextDecoder();
const parts = [];
for (const file of readdirSync(dir).sort()) {
  if (!file.endsWith('.xlsx')) continue;
  const entries = unzipSync(readFileSync(path.join(dir, file)), { filter: (entry) => PART.test(entry.name) });
  for (const data of Object.values(entries)) parts.push(decoder.decode(data));
}
const chars = parts.reduce((sum, part) => sum + part.length, 0);

function runSaxes() {
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

function runScanner() {
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

const runners = [
  ['saxes', runSaxes],
  ['scanner', runScanner],
];
const times = runners.map(() => []);
const events = runners.map(([, run]) => (run(), run()));
for (let round = 0; round < 3; round++) {
  runners.forEach(([, run], k) => {
    const start = performance.now();
    events[k] = run();
    times[k].push(performance.now() - start);
  });
}

process.stdout.write(`${parts.length} parts, ${(chars / 1e6).toFixed(1)} M characters\n`);
const best = runners.map(([name], k) => {
  const ms = Math.min(...times[k]);
  const rounds = times[k].map((t) => t.toFixed(0)).join(', ');
  process.stdout.write(`${name.padEnd(8)} best of 3: ${ms.toFixed(1)} ms  (rounds: ${rounds}; ${events[k]} events)\n`);
  return ms;
});
process.stdout.write(`scanner is ${(best[0] / best[1]).toFixed(1)}x faster than saxes\n`);
