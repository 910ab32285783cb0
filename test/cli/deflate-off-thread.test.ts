import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { offThreadCompression } from '../../src/cli/deflate-off-thread.js';
import { nativeCompression } from '../../src/cli/native-zlib.js';
import type { Compression } from '../../src/write/xlsx/compression.js';
import { WorkbookBuilder } from '../../src/write/xlsx/workbook-builder.js';
import { ROOT } from '../helpers/cli.js';

const META = { creator: 'consolidate', created: new Date(Date.UTC(2024, 3, 20)), modified: new Date(Date.UTC(2024, 3, 20)) };
const BUILT_WORKER = new URL(`file://${ROOT}/dist/cli/deflate-worker.js`);

function fill(compression: Compression, rows: number): WorkbookBuilder {
  const workbook = new WorkbookBuilder({ compression });
  const sheet = workbook.addSheet('Tổng hợp');
  for (let r = 1; r <= rows; r++) {
    sheet.setCell(r, 1, `Trường THPT số ${r}`);
    sheet.setCell(r, 2, r * 3);
  }
  // A sheet with no rows: a part whose stream gets no data before its end.
  workbook.addSheet('Trống');
  return workbook;
}

const joined = (chunks: Uint8Array[]) => Buffer.concat(chunks);

describe('deflating on another thread', () => {
  it('writes the same bytes as deflating here, over many chunks (more than may wait at once)', async () => {
    const compression = offThreadCompression(BUILT_WORKER);
    try {
      // About 40 chunks of 256 KiB: the writer must wait for the thread several times.
      const offThread = joined(await fill(compression, 300_000).finishInChunksSettled(META));
      const here = joined(fill(nativeCompression, 300_000).finishInChunks(META));
      expect(offThread.equals(here)).toBe(true);
      expect(unzipSync(offThread)['xl/worksheets/sheet1.xml']!.length).toBeGreaterThan(40 * (1 << 18));
    } finally {
      await compression.stop();
    }
  }, 60_000);

  it('refuses to put the package together before the thread has handed its chunks over', async () => {
    const compression = offThreadCompression(BUILT_WORKER);
    try {
      expect(() => fill(compression, 10).finishInChunks(META)).toThrow(/not deflated yet/);
    } finally {
      await compression.stop();
    }
  });

  it('says so when the thread is gone, instead of waiting for it', async () => {
    const compression = offThreadCompression(BUILT_WORKER);
    const workbook = fill(compression, 10);
    await compression.stop();
    await expect(workbook.finishInChunksSettled(META)).rejects.toThrow(/deflate thread/);
  });
});
