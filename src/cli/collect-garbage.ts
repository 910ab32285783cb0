/**
 * A full garbage collection between the phases of a large run. Each phase
 * (checking, consolidating, writing, reporting) leaves behind what the next
 * does not need; V8 collects it only when the heap has grown well past what
 * is alive, so without a nudge the peak is the sum of the phases' garbage.
 * A full collection costs tens of milliseconds at national scale, so small
 * runs skip it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
