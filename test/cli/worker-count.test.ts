import { describe, expect, it } from 'vitest';
import { workerCount } from '../../src/cli/check-pool.js';

describe('workerCount', () => {
  it('starts a worker for every 1,500 files, never more than the cores, and none for no files', () => {
    expect(workerCount(0, 2)).toBe(0);
    expect(workerCount(1, 2)).toBe(1);
    expect(workerCount(1_000, 2)).toBe(1);
    expect(workerCount(1_500, 2)).toBe(1);
    expect(workerCount(1_501, 2)).toBe(2);
    expect(workerCount(10_000, 2)).toBe(2);
    expect(workerCount(10_000, 8)).toBe(7);
    expect(workerCount(10_000, 1)).toBe(1);
  });
});
