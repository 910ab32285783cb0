import { setFlagsFromString } from 'node:v8';

/**
 * A run is over in a second or two, and V8's optimizing compiler spent more
 * CPU than it saved: on 1,000 files its background compiles added up to
 * more time than checking the files did, and this machine's two cores do not
 * both run at full speed at once. Inlining less and optimizing only functions
 * that stay hot cut the CPU of a 1,000-file run by about a sixth and its
 * wall time by about an eighth, and did not slow 10,000 files (see README,
 * "Speed and memory"). Flags are process-wide, so the worker threads get them
 * too; they must be set before the hot code is first optimized, which is
 * why bin/consolidate.js imports this module before anything else.
 *
 * Only on the V8 versions where these flags are known to exist: an unknown
 * flag makes V8 print an error on every run.
 */
const V8_MAJOR = Number(process.versions.v8.split('.')[0]);

if (V8_MAJOR >= 10 && V8_MAJOR <= 13) {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
  setFlagsFromString('--interrupt-budget=200000');
}
