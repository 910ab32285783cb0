#!/usr/bin/env node
// First, so the compiler flags it sets are in force before any code gets hot.
import '../dist/cli/tune-jit.js';
import { main } from '../dist/cli/main.js';

// A reader that stops early (`consolidate check … | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv);
