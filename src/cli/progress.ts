/** Files done, rate and time left, redrawn in place on a terminal's standard error. */
export interface ProgressBar {
  update(done: number): void;
  finish(): void;
}

const MIN_FILES = 40;
const REDRAW_MS = 100;
const WIDTH = 30;

export function progressBar(stream: NodeJS.WriteStream, total: number): ProgressBar | null {
  if (!stream.isTTY || total < MIN_FILES) return null;
  const started = Date.now();
  let lastDraw = 0;
  let shown = false;
  const draw = (done: number) => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const filled = Math.round((done / total) * WIDTH);
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}  ${rate.toFixed(0)} tệp/s  còn ~${left}s `);
    shown = true;
  };
  return {
    update(done) {
      const now = Date.now();
      if (done === total || now - lastDraw >= REDRAW_MS) {
        lastDraw = now;
        draw(done);
      }
    },
    finish() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
