/**
 * Bounds on what reading one file may cost. A submission is a small form; a
 * file that needs more than this is either not a form or hostile, and one bad
 * file must never stop a run (or a browser tab).
 */
export interface ReadLimits {
  /** Size of the file as received. */
  maxFileBytes: number;
  /** Entries listed in the zip central directory. */
  maxZipEntries: number;
  /** Inflated bytes summed over every part we inflate, measured, never declared. */
  maxInflatedBytes: number;
  /** Inflated bytes of any one part. */
  maxEntryInflatedBytes: number;
  /** Inflated/compressed ratio of a part, checked once it has inflated more than 1 MiB. */
  maxInflateRatio: number;
  /**
   * Cells holding a value or formula, over all sheets (each empty row above the
   * last used one counts as one). Cells covered by merges have a budget of the
   * same size of their own.
   */
  maxCells: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 50 * MiB,
  maxZipEntries: 5_000,
  maxInflatedBytes: 300 * MiB,
  maxEntryInflatedBytes: 200 * MiB,
  maxInflateRatio: 250,
  maxCells: 5_000_000,
});

/** The ratio check only starts past this many inflated bytes: tiny parts of repetitive XML compress extremely well. */
export const RATIO_CHECK_THRESHOLD_BYTES = 1 * MiB;

export function resolveLimits(overrides?: Partial<ReadLimits>): ReadLimits {
  const limits: ReadLimits = { ...DEFAULT_LIMITS };
  if (!overrides) return limits;
  for (const key of Object.keys(limits) as (keyof ReadLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && !Number.isNaN(value)) limits[key] = value;
  }
  return limits;
}
