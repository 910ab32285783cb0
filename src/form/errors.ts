/** A form spec that is not JSON or breaks the schema; the message names every problem with its path. */
export class FormSpecError extends Error {}
