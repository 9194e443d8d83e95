/** Which remote resources a plan reads: those of its integration (the only ones it ever changes). */
import { idKey } from '../ids.js';
import type { RemoteState } from '../secoda/types.js';

/**
 * The categories, events and properties of `remote` that belong to `integration` (by id, written
 * with or without dashes, any case), and those that name no integration at all.
 */
export function scope(remote: RemoteState, integration: string): RemoteState {
  const key = idKey(integration);
  // sameId(value, integration), with the plan's side normalised once.
  const ours = (value: string | null) => value === null || value === integration || idKey(value) === key;
  return {
    categories: remote.categories.filter((c) => ours(c.integration)),
    events: remote.events.filter((e) => ours(e.integration)),
    properties: remote.properties.filter((p) => ours(p.integration)),
  };
}
