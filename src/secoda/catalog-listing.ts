/**
 * Events listed through Secoda's Resources catalog, which its reference now names in place of the
 * deprecated events list: `GET /resource/catalog/?filter=<json>&page=N`, a filter of leaves
 * `{operator: exact|contains|in|is_set, field, value}` and groups `{operator: and|or|not,
 * operands}`, and "a maximum limit of 10,000 resources that can be returned across all pages"
 * (Secoda's public API reference, Resources → List Resources; issue 23).
 *
 * The catalog is read like every other list (pagination.ts: re-reads on shifted pages, refused
 * when it never reads consistently), and refused at the cap: a list cut at 10,000 would plan the
 * deletion of every event it left out.
 */
import { sameId } from '../ids.js';
import type { HttpTransport } from './http-transport.js';
import { fetchListed, type Listed } from './pagination.js';
import type { ListFilter } from './port.js';
import { toEvent } from './response-schema.js';
import type { RemoteEvent } from './types.js';

/** With the trailing slash Secoda advises ("adding a trailing slash to the endpoints … /resource/catalog/"). */
export const CATALOG_PATH = 'resource/catalog/';

/** "a maximum limit of 10,000 resources that can be returned across all pages". */
export const CATALOG_CAP = 10_000;

/**
 * The catalog filter for the events of one integration: a group of `type` exact `event` (the
 * deprecation notice's own filter) and `integration_id` exact the integration (the field the
 * reference's filter example uses), narrowed by parent and title when asked.
 */
export function catalogEventFilter(integrationId: string, filter: ListFilter = {}): unknown {
  const operands: unknown[] = [
    { operator: 'exact', field: 'type', value: 'event' },
    { operator: 'exact', field: 'integration_id', value: integrationId },
  ];
  if (filter.parentId !== undefined) operands.push({ operator: 'exact', field: 'parent_id', value: filter.parentId });
  if (filter.title !== undefined) operands.push({ operator: 'exact', field: 'title', value: filter.title });
  return { operator: 'and', operands };
}

/**
 * The events of one integration as the catalog lists them, each read once, in page order.
 * Throws SecodaListCapError when the list reaches `cap`, SecodaInconsistentListError when it
 * never reads consistently, and the API's error (a 404 or 410 when the catalog is not there) as is.
 */
export async function listCatalogEvents(
  transport: HttpTransport,
  integrationId: string,
  filter: ListFilter = {},
  cap: number = CATALOG_CAP,
): Promise<RemoteEvent[]> {
  const items = await fetchListed(
    transport,
    CATALOG_PATH,
    { filter: JSON.stringify(catalogEventFilter(integrationId, filter)) },
    (item) => toEvent(asEventJson(item), 'GET', `/${CATALOG_PATH}`),
    { cap },
  );
  return items.filter((item) => inIntegration(item, integrationId)).map((item) => item.value());
}

/**
 * A catalog resource in the events list's shape: the catalog may name the parent and the
 * integration `parent_id` and `integration_id`, as its filters do; the events list says `parent`
 * and `integration`.
 */
function asEventJson(item: unknown): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
  const raw = item as Record<string, unknown>;
  if (('parent' in raw || !('parent_id' in raw)) && ('integration' in raw || !('integration_id' in raw))) return raw;
  return {
    ...raw,
    ...('parent' in raw ? {} : { parent: raw['parent_id'] }),
    ...('integration' in raw ? {} : { integration: raw['integration_id'] }),
  };
}

/**
 * The server filters by integration; we check again, so a server that ignores the filter can
 * never make tpsync touch another integration's events. A resource that names no integration in
 * a list filtered by ours is ours (as for the events list, client.ts).
 */
function inIntegration(item: Listed<RemoteEvent>, integrationId: string): boolean {
  const raw = item.raw as Record<string, unknown> | null;
  if (raw === null || typeof raw !== 'object') return true;
  const value = 'integration' in raw ? raw['integration'] : raw['integration_id'];
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
  if (id === null || id === undefined || id === 'None' || id === '') return true;
  return (typeof id === 'string' || typeof id === 'number') && sameId(String(id), integrationId);
}
