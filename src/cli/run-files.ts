import { readFile } from 'node:fs/promises';
import { diagnostic } from '../diagnostics/diagnostic.js';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import type { FormSpec } from '../form/schema.js';
import { checkFileBytes } from '../pipeline/check-file.js';
import type { FileResult } from '../pipeline/file-result.js';
import type { FoundFile } from '../read/discover.js';

/** Reads and checks each file in turn; a file that cannot even be read becomes a rejected result. */
export async function checkFoundFiles(files: FoundFile[], form: FormSpec, strict: boolean): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const found of files) {
    if (found.skip) {
      results.push(skipped(found, form));
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(found.path);
    } catch (error) {
      const d = diagnostic('file-unreadable', { file: found.display }, { detail: (error as Error).message });
      results.push({ ...emptyResult(found.display, form), status: 'rejected', diagnostics: [d], counts: countBySeverity([d]) });
      continue;
    }
    results.push(await checkFileBytes(found.display, bytes, form, { strict, modifiedAt: found.modifiedAt }));
  }
  return results;
}

function skipped(found: FoundFile, form: FormSpec): FileResult {
  const d = diagnostic(found.skip === 'lock' ? 'file-skipped-lock' : 'file-skipped-hidden', { file: found.display }, {});
  return { ...emptyResult(found.display, form), diagnostics: [d], counts: countBySeverity([d]) };
}

function emptyResult(file: string, form: FormSpec): FileResult {
  return {
    file,
    status: 'skipped',
    format: null,
    unit: null,
    unitHints: [],
    rosterUnit: null,
    supersededBy: null,
    documentDate: null,
    modifiedAt: null,
    tables: Object.fromEntries(form.tables.map((t) => [t.id, null])),
    diagnostics: [],
    counts: { error: 0, warning: 0, info: 0 },
  };
}
