import type { FileResult } from '../pipeline/file-result.js';

export const EXIT_OK = 0;
export const EXIT_SOME_REJECTED = 1;
export const EXIT_USAGE = 2;

/** 0 when every file read was accepted; 1 when work was done but a file was rejected. */
export function getExitCode(results: readonly FileResult[]): number {
  return results.some((r) => r.status === 'rejected') ? EXIT_SOME_REJECTED : EXIT_OK;
}
