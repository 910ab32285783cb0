import { z } from 'zod';

export const rosterSpecSchema = z.object({
  $comment: z.string().optional(),
  columns: z.object({
    name: z.array(z.string()).min(1),
    code: z.array(z.string()),
    group: z.array(z.string()),
    hasStudents: z.array(z.string()),
    contact: z.array(z.string()),
  }),
  ignored: z.array(z.string()),
  yes: z.array(z.string()),
  no: z.array(z.string()),
  /** Pairs of phrases that name the same thing in unit names: "trung học phổ thông" = "thpt". */
  equivalences: z.array(z.tuple([z.string(), z.string()])),
  /** Words that add nothing to tell units apart ("trường"). */
  dropWords: z.array(z.string()),
});

export type RosterSpec = z.infer<typeof rosterSpecSchema>;

export function parseRosterSpec(json: string): RosterSpec {
  return rosterSpecSchema.parse(JSON.parse(json));
}
