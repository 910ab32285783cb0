// `npm run render [summary.xlsx] [out-dir]`: the summary as LibreOffice prints it, to PDF and PNG pages,
// so a person can look at what the tool makes. Needs LibreOffice (soffice) and poppler (pdftoppm).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const summary = path.resolve(process.argv[2] ?? 'demo-output/tong-hop.xlsx');
const outDir = path.resolve(process.argv[3] ?? path.join(path.dirname(summary), 'render'));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000 });
  if (result.error?.code === 'ENOENT') {
    console.error(`${command} is not installed (Debian: apt-get install libreoffice-calc poppler-utils).`);
    process.exit(2);
  }
  if (result.status !== 0) {
    console.error(`${command} failed (exit ${result.status}).`);
    process.exit(2);
  }
}

if (!existsSync(summary)) {
  console.error(`${summary} does not exist; run \`npm run demo\` first.`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
// A private profile: a LibreOffice already open on the desktop must not swallow the conversion.
const profile = `file://${path.join(outDir, '.lo-profile')}`;
run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, summary]);
const pdf = path.join(outDir, `${path.basename(summary, path.extname(summary))}.pdf`);
run('pdftoppm', ['-png', '-r', '80', pdf, path.join(outDir, 'trang')]);
for (const file of readdirSync(outDir).filter((f) => f.endsWith('.pdf') || f.endsWith('.png')).sort()) console.log(path.join(outDir, file));
