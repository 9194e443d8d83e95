/**
 * Who made the edits that `accept` takes, from Secoda's audit log (`GET /activity_log/audit_logs/`,
 * issue 23), for the pull request's body (issue 24, item 6). A read outside the write limit; a key
 * without the permission (403), an empty log, or a log that cannot be read adds nothing (a warning
 * for the last): the pull request never fails for want of a name.
 */
import type { AcceptedChange, AcceptResult } from '../accept/types.js';
import { idKey } from '../ids.js';
import { readLatestChanges, type LatestChange } from '../secoda/audit-log.js';
import type { SecodaClient } from '../secoda/client.js';
import { SecodaError } from '../secoda/errors.js';
import type { RemoteState } from '../secoda/types.js';
import type { Io } from './io.js';

/** "ana@acme.com on 2026-12-01" for each accepted change the audit log knows about; undefined when the log says nothing. */
export type ChangedBy = (change: AcceptedChange) => string | undefined;

/** Asks the audit log about the resources of `result.accepted` (shared definitions, which many resources give, are not asked about). */
export async function acceptChangedBy(
  result: AcceptResult,
  remote: RemoteState,
  client: SecodaClient,
  io: Io,
): Promise<ChangedBy | undefined> {
  const idOf = resourceIds(remote);
  const ids = new Set<string>();
  for (const change of result.accepted) {
    const id = idOf(change);
    if (id !== undefined) ids.add(id);
  }
  if (ids.size === 0) return undefined;
  let latest: ReadonlyMap<string, LatestChange>;
  try {
    const reading = await readLatestChanges(client.transport, [...ids]);
    if (reading.access === 'denied') return undefined;
    latest = reading.latest;
  } catch (error) {
    if (!(error instanceof SecodaError) || io.signal?.aborted === true) throw error;
    io.stderr.write(`warning: the pull request does not say who changed Secoda: its audit log could not be read (${error.userMessage})\n`);
    return undefined;
  }
  if (latest.size === 0) return undefined;
  return (change) => {
    const id = idOf(change);
    const found = id === undefined ? undefined : latest.get(idKey(id));
    return found === undefined ? undefined : `${found.by} on ${found.loggedAt.slice(0, 10)}`;
  };
}

/** The ID in Secoda of the event or property an accepted change is written for (by category, event and property title). */
function resourceIds(remote: RemoteState): (change: AcceptedChange) => string | undefined {
  const categoryTitle = new Map(remote.categories.map((category) => [idKey(category.id), category.title]));
  const events = new Map<string, string>();
  for (const event of remote.events) {
    const category = event.parent === null ? undefined : categoryTitle.get(idKey(event.parent));
    if (category !== undefined) events.set(`${category}\u0000${event.title}`, event.id);
  }
  const properties = new Map<string, string>();
  for (const property of remote.properties)
    if (property.parent !== null) properties.set(`${idKey(property.parent)}\u0000${property.title}`, property.id);
  return (change) => {
    if (change.kind === 'definition') return undefined;
    const [category, event, property] = change.path;
    const eventId = events.get(`${category ?? ''}\u0000${event ?? ''}`);
    if (change.kind === 'event' || eventId === undefined) return eventId;
    return properties.get(`${idKey(eventId)}\u0000${property ?? ''}`);
  };
}
