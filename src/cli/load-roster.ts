import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseRoster, type Roster, type RosterProblem } from '../consolidate/roster.js';
import { parseRosterSpec, type RosterSpec } from '../consolidate/roster-spec.js';
import { readWorkbook } from '../read/read-workbook.js';

const ROSTER_SPEC = fileURLToPath(new URL('../../templates/roster-columns.json', import.meta.url));

export class RosterError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: RosterProblem[] | { code: 'roster-unreadable'; detail: string }[],
  ) {
    super(`bad roster ${file}`);
  }
}

/** Reads and checks a roster before any work, so a bad roster stops the run with a clear message. */
export async function loadRoster(file: string): Promise<{ roster: Roster; spec: RosterSpec }> {
  const spec = parseRosterSpec(await readFile(ROSTER_SPEC, 'utf8'));
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new RosterError(file, [{ code: 'roster-unreadable', detail: (error as Error).message }]);
  }
  const outcome = await readWorkbook(bytes);
  if (!outcome.ok) throw new RosterError(file, [{ code: 'roster-unreadable', detail: outcome.failure.code }]);
  const parsed = parseRoster(outcome.grid, spec);
  if (!parsed.roster) throw new RosterError(file, parsed.problems);
  return { roster: parsed.roster, spec };
}
