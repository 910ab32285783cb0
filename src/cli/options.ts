import { Chalk, type ChalkInstance } from 'chalk';
import { Option } from 'commander';
import type { Language } from '../diagnostics/render.js';

export const formatOption = () => new Option('--format <format>', 'report format / định dạng báo cáo').choices(['text', 'json']).default('text');
export const langOption = () => new Option('--lang <lang>', 'language of messages / ngôn ngữ').choices(['vi', 'en']).default('vi');
export const formOption = () => new Option('--form <spec>', 'form spec JSON instead of the built-in form / tệp mô tả biểu mẫu');

export interface CommonOptions {
  format: 'text' | 'json';
  lang: Language;
  form?: string;
  strict?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function consoleChalk(stream: NodeJS.WriteStream): ChalkInstance {
  const colour = stream.isTTY === true && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  return new Chalk({ level: colour ? 1 : 0 });
}
