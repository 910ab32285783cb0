import { z } from 'zod';

export const columnTypeSchema = z.enum(['ordinal', 'text', 'count']);

export const columnSpecSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'column keys are camelCase identifiers'),
  header: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  type: columnTypeSchema,
  required: z.boolean().default(true),
});

export const tableSpecSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  heading: z.string().min(1),
  required: z.boolean(),
  columns: z.array(columnSpecSchema).min(2),
});

const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('non-negative-integer'), columns: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('not-greater'), column: z.string(), limit: z.string() }),
  z.object({ kind: z.literal('difference'), column: z.string(), minuend: z.string(), subtrahend: z.string() }),
  z.object({ kind: z.literal('required-when-positive'), column: z.string(), when: z.string() }),
  z.object({ kind: z.literal('totals-match'), columns: z.array(z.string()).min(1) }),
]);

export const formSpecSchema = z
  .object({
    $comment: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    version: z.number().int().positive(),
    name: z.string().min(1),
    titleBlock: z.object({
      issuer: z.string(),
      number: z.string(),
      subject: z.string(),
      nationalTitle: z.string(),
      motto: z.string(),
      /** Where documents are signed, for "Hải Phòng, ngày … tháng … năm …". */
      place: z.string(),
      /** The place-and-date line left blank to fill by hand, as on the form. */
      placeDate: z.string(),
      title: z.string(),
      subtitle: z.string(),
    }),
    /** How a document writes its date: "ngày 20 tháng 4 năm 2024". */
    dateWords: z.object({ day: z.string(), month: z.string(), year: z.string() }),
    tables: z.array(tableSpecSchema).min(1),
    /** Abbreviations units type in headers ("CB, CC, VC, NLĐ"), expanded word by word before headers are compared. */
    abbreviations: z.record(z.string(), z.string()).default({}),
    rules: z.array(ruleSchema),
    rowLabels: z.object({
      totals: z.array(z.string()),
      totalsPrefixes: z.array(z.string()),
      subtotalPrefixes: z.array(z.string()),
      footer: z.array(z.string()),
    }),
    /** Reasons grouped by keywords, for the reasons sheet: a reason may fall in several categories. */
    reasonCategories: z
      .array(z.object({ id: z.string().min(1), label: z.string().min(1), keywords: z.array(z.string().min(1)).min(1) }))
      .default([]),
    summary: z.object({
      unitColumn: z.string(),
      rate: z.object({ header: z.string(), numerator: z.string(), denominator: z.string() }),
      reasonColumn: z.string(),
      countOfReason: z.string(),
      totalsLabel: z.string(),
      /** Starts a group's subtotal row: "Cộng Khối THPT". Must be one of rowLabels.subtotalPrefixes so summaries read back. */
      subtotalLabel: z.string(),
    }),
  })
  .superRefine((spec, ctx) => {
    const tableIds = new Set<string>();
    for (const [t, table] of spec.tables.entries()) {
      if (tableIds.has(table.id)) ctx.addIssue({ code: 'custom', path: ['tables', t, 'id'], message: `duplicate table id "${table.id}"` });
      tableIds.add(table.id);
      const keys = new Set(table.columns.map((c) => c.key));
      if (keys.size !== table.columns.length) ctx.addIssue({ code: 'custom', path: ['tables', t, 'columns'], message: 'duplicate column keys' });
      const units = table.columns.filter((c) => c.key === spec.summary.unitColumn);
      if (units.length !== 1) ctx.addIssue({ code: 'custom', path: ['tables', t], message: `needs exactly one "${spec.summary.unitColumn}" column` });
      for (const name of ruleColumnNames(spec.rules)) {
        if (!keys.has(name)) ctx.addIssue({ code: 'custom', path: ['rules'], message: `rule names column "${name}" that table "${table.id}" lacks` });
      }
    }
  });

function ruleColumnNames(rules: z.infer<typeof ruleSchema>[]): string[] {
  return rules.flatMap((rule) => {
    switch (rule.kind) {
      case 'non-negative-integer':
      case 'totals-match':
        return rule.columns;
      case 'not-greater':
        return [rule.column, rule.limit];
      case 'difference':
        return [rule.column, rule.minuend, rule.subtrahend];
      case 'required-when-positive':
        return [rule.column, rule.when];
    }
  });
}

export type FormSpec = z.infer<typeof formSpecSchema>;
export type TableSpec = z.infer<typeof tableSpecSchema>;
export type ColumnSpec = z.infer<typeof columnSpecSchema>;
export type Rule = z.infer<typeof ruleSchema>;
