/** "THPT Tran Phu" from "bai-nop/THPT Tran Phu.xlsx": the last hint to a file's unit. */
export function fileStem(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}
