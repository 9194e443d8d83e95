/**
 * `plan`'s drift, named from Secoda's audit log: who changed each drifted resource, and when
 * (issue 23). Asked only when the plan holds drift, so a no-op plan makes no audit request; a
 * read, so it does not count against the write limit.
 */
import { attributeDrift, driftResourceIds } from '../plan/drift-attribution.js';
import type { Plan } from '../plan/types.js';
import { readLatestChanges } from '../secoda/audit-log.js';
import type { SecodaClient } from '../secoda/client.js';
import { SecodaError } from '../secoda/errors.js';
import type { Io } from './io.js';

/**
 * `plan` with `changed_in_secoda` on each drift operation the audit log knows about. A key
 * without the permission (403) or an empty log adds nothing; a log that cannot be read adds
 * nothing either, with a warning on stderr: the plan never fails for want of a name.
 */
export async function nameDrift(plan: Plan, client: SecodaClient, io: Io): Promise<Plan> {
  const ids = driftResourceIds(plan);
  if (ids.length === 0) return plan;
  try {
    const reading = await readLatestChanges(client.transport, ids);
    return reading.access === 'denied' ? plan : attributeDrift(plan, reading.latest);
  } catch (error) {
    if (!(error instanceof SecodaError) || io.signal?.aborted === true) throw error;
    io.stderr.write(`warning: the plan does not say who changed Secoda: its audit log could not be read (${error.userMessage})\n`);
    return plan;
  }
}
