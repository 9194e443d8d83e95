/**
 * Who last changed a resource in Secoda, from its audit log (issue 23, from Secoda's public API
 * reference): `GET /activity_log/audit_logs/?filter=<json>&sort=<json>&page=N`, filters shaped like
 * the Resources catalog's, each entry `activity_type, performer_type, performer_metadata {email,
 * first_name, last_name, name}, resource_id, resource_type, resource_metadata {title,
 * integration_id}, logged_at`; a key without the permission gets 403 "User does not have
 * permission to access audit logs".
 *
 * The log is asked about exactly the resources given, a chunk of IDs per request, sorted newest
 * first; the newest entry per resource is still taken by `logged_at` over every page read, so a
 * log that ignores the sort answers the same. A 403 gives nothing: attribution is a courtesy, and
 * a key without the permission must not fail a plan.
 */
import { idKey } from '../ids.js';
import type { HttpTransport } from './http-transport.js';
import { parseEnvelope } from './response-schema.js';

/** With the trailing slash Secoda advises. */
export const AUDIT_LOG_PATH = 'activity_log/audit_logs/';

/** IDs per request: a filter of 50 UUIDs keeps the URL near 3 kB. */
const IDS_PER_REQUEST = 50;
/** Pages read per request at most: a log that ignores the filter must not read the whole workspace's history. */
const MAX_PAGES = 20;

/** The newest entry of one resource's audit log, as tpsync uses it. */
export interface LatestChange {
  /** The resource's ID as the plan wrote it. */
  readonly resourceId: string;
  /** The performer's email; their name when the entry gives no email. */
  readonly by: string;
  /** As the log wrote it (ISO 8601). */
  readonly loggedAt: string;
  /** The log's `activity_type`, when it gives one. */
  readonly activity: string | null;
}

/** What the audit log said: the newest change per resource ID (by idKey), or that the key may not read it. */
export type AuditReading =
  { readonly access: 'granted'; readonly latest: ReadonlyMap<string, LatestChange> } | { readonly access: 'denied' };

/**
 * The newest audit log entry of each of `resourceIds` that has one. Throws the client's errors
 * (errors.ts) for anything but a 403, which gives `{ access: 'denied' }`.
 */
export async function readLatestChanges(transport: HttpTransport, resourceIds: readonly string[]): Promise<AuditReading> {
  const wanted = new Map<string, string>();
  for (const id of resourceIds) if (!wanted.has(idKey(id))) wanted.set(idKey(id), id);
  const ids = [...wanted.values()];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) chunks.push(ids.slice(i, i + IDS_PER_REQUEST));
  const latest = new Map<string, LatestChange>();
  const readings = await Promise.all(chunks.map((chunk) => readChunk(transport, chunk)));
  for (const entries of readings) {
    if (entries === 'denied') return { access: 'denied' };
    for (const entry of entries) {
      const key = idKey(entry.resourceId);
      const resourceId = wanted.get(key);
      // A log that ignores the filter answers with other resources too: only those asked about count.
      if (resourceId === undefined) continue;
      const known = latest.get(key);
      if (known === undefined || newer(entry.loggedAt, known.loggedAt)) latest.set(key, { ...entry, resourceId });
    }
  }
  return { access: 'granted', latest };
}

async function readChunk(transport: HttpTransport, ids: readonly string[]): Promise<LatestChange[] | 'denied'> {
  const query = {
    filter: JSON.stringify({ operator: 'in', field: 'resource_id', value: ids }),
    sort: JSON.stringify({ field: 'logged_at', order: 'desc' }),
  };
  const entries: LatestChange[] = [];
  let last = 1;
  for (let page = 1; page <= Math.min(last, MAX_PAGES); page++) {
    const response = await transport.request('GET', AUDIT_LOG_PATH, { query: { ...query, page }, accept: [403] });
    if (response.status === 403) return 'denied';
    const envelope = parseEnvelope(response.body, 'GET', `/${AUDIT_LOG_PATH}?page=${page}`);
    for (const item of envelope.results) {
      const entry = toChange(item);
      if (entry !== undefined) entries.push(entry);
    }
    if (envelope.results.length === 0) break;
    const byCount = envelope.count === undefined ? undefined : Math.ceil(envelope.count / envelope.results.length);
    last = Math.max(last, envelope.totalPages ?? byCount ?? 0, envelope.nextPage ?? 0);
  }
  return entries;
}

/** An entry as tpsync uses it, or undefined when it names no resource, no time or nobody. */
function toChange(item: unknown): LatestChange | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const raw = item as Record<string, unknown>;
  const resourceId = typeof raw['resource_id'] === 'number' ? String(raw['resource_id']) : raw['resource_id'];
  const loggedAt = raw['logged_at'];
  if (typeof resourceId !== 'string' || resourceId === '' || typeof loggedAt !== 'string' || Number.isNaN(Date.parse(loggedAt)))
    return undefined;
  const performer = raw['performer_metadata'];
  const who = performer !== null && typeof performer === 'object' ? (performer as Record<string, unknown>) : {};
  const by = [who['email'], who['name']].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '' && value !== 'None',
  );
  if (by === undefined) return undefined;
  const activity = typeof raw['activity_type'] === 'string' ? raw['activity_type'] : null;
  return { resourceId, by: by.trim(), loggedAt, activity };
}

/**
 * Whether `a` is later than `b`. Date.parse keeps milliseconds; the microseconds Secoda writes
 * (`…53.245493Z`) break ties between two entries of one millisecond.
 */
function newer(a: string, b: string): boolean {
  const difference = Date.parse(a) - Date.parse(b);
  if (difference !== 0) return difference > 0;
  return micros(a) > micros(b);
}

function micros(iso: string): number {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  return Number(fraction.padEnd(6, '0').slice(3, 6));
}
