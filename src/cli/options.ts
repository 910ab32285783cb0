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
