// The floor for `npm run bench`: the least work any reader built on our two
// parsing libraries can do, so "ours / floor" shows what our checking,
// merging and safety cost on top of bare parsing.
//
//   node scripts/bench/floor.mjs DIR
//
// Per file: read the bytes, fflate `unzipSync` of only the worksheet and
// shared-string parts, saxes over each, counting <c> elements. No limits, no
// grid, no validation, no output. One thread. Prints one JSON line:
// {"files", "failed", "cells"}.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { TextDecoder } from 'node:util';
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

const wanted = (name) => name === 'xl/sharedStrings.xml' || (name.startsWith('xl/worksheets/') && name.endsWith('.xml'));

function countCells(xml) {
  let cells = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'c') cells++;
  });
  parser.write(xml).close();
  return cells;
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node scripts/bench/floor.mjs DIR\n');
  process.exit(2);
}
const decoder = new TextDecoder();
let files = 0;
let failed = 0;
let cells = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.xlsx')).sort()) {
  files++;
  try {
    const parts = unzipSync(readFileSync(path.join(dir, name)), { filter: (file) => wanted(file.name) });
    for (const data of Object.values(parts)) cells += countCells(decoder.decode(data));
  } catch {
    failed++;
  }
}
process.stdout.write(`${JSON.stringify({ files, failed, cells })}\n`);
