import { Chalk, type ChalkInstance } from 'chalk';

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function consoleChalk(stream: NodeJS.WriteStream): ChalkInstance {
  const colour = stream.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  return new Chalk({ level: colour ? 1 : 0 });
}
