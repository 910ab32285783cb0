import type { Code, ParamsByCode } from '../codes.js';

/** What a message may ask about the form, so messages name tables and columns as the form does. */
export interface MessageContext {
  tableLabel(tableId: string): string;
  columnLabel(tableId: string, columnKey: string): string;
}

export type MessageCatalogue = { [C in Code]: (p: ParamsByCode[C], ctx: MessageContext) => string };

export function formatCount(n: number, locale: 'vi' | 'en'): string {
  return n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-US');
}
