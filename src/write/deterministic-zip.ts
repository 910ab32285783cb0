import { unzipSync, zipSync, type Zippable } from 'fflate';

const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1, 12));

/**
 * exceljs stamps every zip entry with the time of writing, so two runs on the
 * same inputs differ. Re-packing with one fixed timestamp, in the same entry
 * order, makes the same inputs give the same bytes.
 */
export function repackWithFixedTime(bytes: Uint8Array, requested: Date): Uint8Array {
  // Zip timestamps are DOS dates, which begin in 1980.
  const time = requested.getTime() < ZIP_EPOCH.getTime() ? ZIP_EPOCH : requested;
  const entries = unzipSync(bytes);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(entries)) zippable[name] = [data, { mtime: time }];
  return zipSync(zippable, { level: 6, mtime: time });
}
