// `npm run demo`: consolidates the sample submissions shipped in fixtures/.
// Some samples are rejected on purpose, so exit status 1 is the expected outcome here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = ['bin/consolidate.js', 'fixtures/submissions', '-o', 'demo-output/tong-hop.xlsx', '--force', ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exitCode = run.status === 0 || run.status === 1 ? 0 : (run.status ?? 2);
