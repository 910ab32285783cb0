import { FormSpecError } from './errors.js';
import { formSpecSchema, type FormSpec } from './schema.js';

export { FormSpecError };

/** JSON text → a validated form spec, or a FormSpecError naming every problem with its path. */
export function parseFormSpec(json: string): FormSpec {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new FormSpecError(`not JSON: ${(error as Error).message}`);
  }
  const parsed = formSpecSchema.safeParse(data);
  if (!parsed.success) {
    throw new FormSpecError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
