import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FormSpec } from '../form/schema.js';
import type { FileResult } from '../pipeline/file-result.js';
import type { FoundFile } from '../read/discover.js';
import { nextFreeName, writeFileAtomic } from '../write/atomic-write.js';

/** One feedback workbook per rejected or warned file, in `dir`; an existing file is replaced only with `overwrite`. Returns the paths written. */
export async function writeFeedback(dir: string, results: FileResult[], found: FoundFile[], form: FormSpec, options: { overwrite: boolean }): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const { writeFeedbackWorkbook } = await import('../write/feedback-workbook.js');
  const pathOf = new Map(found.map((f) => [f.display, f.path]));
  const written: string[] = [];
  for (const result of results) {
    if (result.status !== 'rejected' && result.status !== 'warning') continue;
    const source = pathOf.get(result.file);
    if (!source) continue;
    const original = new Uint8Array(await readFile(source));
    const { bytes } = await writeFeedbackWorkbook(result, original, form);
    const stem = path.basename(result.file).replace(/\.[^.]+$/, '');
    const name = `${stem} - gop y.xlsx`;
    const target = options.overwrite ? path.join(dir, name) : await nextFreeName(dir, name);
    await writeFileAtomic(target, bytes, options);
    written.push(target);
  }
  return written;
}

/** Feedback written inside the submissions folder would be read as submissions next time. */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
