import type { FormSpec } from '../form/schema.js';
import type { Diagnostic } from './diagnostic.js';
import { en } from './messages/en.js';
import { vi } from './messages/vi.js';
import type { MessageCatalogue, MessageContext } from './messages/context.js';

export type Language = 'vi' | 'en';

const CATALOGUES: Record<Language, MessageCatalogue> = { vi, en };

export function messageContext(form: FormSpec | undefined): MessageContext {
  return {
    tableLabel: (id) => form?.tables.find((t) => t.id === id)?.label ?? id,
    columnLabel: (tableId, key) => {
      const column = form?.tables.find((t) => t.id === tableId)?.columns.find((c) => c.key === key);
      return column ? shortHeader(column.header) : key;
    },
  };
}

/** "Tổng số … (tính đến …)" reads better in a sentence without its parenthesis. */
function shortHeader(header: string): string {
  return header.replace(/\s*\(.*\)\s*$/s, '').trim();
}

export function renderMessage(d: Diagnostic, language: Language, context: MessageContext): string {
  const render = CATALOGUES[language][d.code] as (p: Diagnostic['params'], c: MessageContext) => string;
  return render(d.params, context);
}

export function renderLocation(d: Diagnostic): string {
  const { sheet, cell } = d.location;
  if (sheet && cell) return `${sheet}!${cell}`;
  return sheet ?? cell ?? '';
}
