/**
 * What the route files share: the store, the live settings, the reply of a committed write
 * (where after-commit faults strike), and reading a query, a JSON body and a paginated list.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { methodNotAllowed, parseError, pythonType } from './drf-errors.js';
import type { Body } from './body-validation.js';
import type { ListFaultDecision } from './faults.js';
import { paginate, type Envelope } from './pagination.js';
import type { Store } from './store.js';
import type { ResourceKind, StoredResource } from './stored-resource.js';

export interface RouteSettings {
  pageSize: number;
  /** `GET /event/events` (the list only) answers 410. */
  eventsListGone: boolean;
  /** `GET /resource/catalog` answers this status instead (404 or 410), to exercise the client's fallback; false serves it. */
  catalogGone: false | 404 | 410;
  /** The most resources the catalog returns across all pages (Secoda: 10,000). */
  catalogCap: number;
}

export interface RouteContext {
  readonly store: Store;
  readonly settings: RouteSettings;
  /** Sends the reply of a write that has been committed — or, if a fault says so, a 500 or nothing at all. */
  replyCommitted(request: FastifyRequest, reply: FastifyReply, status: number, body: unknown): void;
  /** How this list page request is served wrongly, if a list fault fires (and notes it in the log). */
  listFault(request: FastifyRequest): ListFaultDecision;
  /** Whether creates and patches trim `description` and `definition` (FaultOptions.trimTextOnSave). */
  trimsText(): boolean;
}

/**
 * A request body as received. It is parsed only when a handler reads it, as DRF parses
 * `request.data` lazily: a GET or DELETE with a broken body is not an error.
 */
export class RawBody {
  constructor(readonly text: string) {}
}

/** The JSON object a write sent; `{}` when it sent nothing. */
export function jsonBody(request: FastifyRequest): Body {
  const body = request.body;
  if (!(body instanceof RawBody) || body.text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch (error) {
    throw parseError(error instanceof Error ? error.message : String(error));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw parseError(`Expected a JSON object, but got ${pythonType(value)}.`);
  return value as Body;
}

/** A query parameter; repeated, the last one counts (Django's QueryDict.get). */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A filter parameter: an empty value filters nothing, as django-filter ignores it. */
export function filterValue(request: FastifyRequest, name: string): string | undefined {
  const value = queryValue(request, name);
  return value === '' ? undefined : value;
}

export function listEnvelope<T>(
  request: FastifyRequest,
  context: RouteContext,
  items: readonly StoredResource[],
  shape: (r: StoredResource) => T,
): Envelope<T> {
  const totals = resourceTotals(items);
  const envelope = paginate(items, queryValue(request, 'page'), {
    pageSize: context.settings.pageSize,
    host: request.host || 'localhost',
    resourceTotals: totals,
    fault: context.listFault(request),
  });
  return { ...envelope, results: envelope.results.map(shape) };
}

/**
 * listEnvelope as JSON text, for the events and categories lists: each resource's JSON comes from
 * the store's memo, so reading an unchanged 10,000-item list page by page shapes and serialises
 * each resource once (the benchmark's no-op plan re-reads the same lists). The text is exactly
 * JSON.stringify(listEnvelope(...)); send it with a JSON content type.
 */
export function listJson(
  request: FastifyRequest,
  context: RouteContext,
  items: readonly StoredResource[],
  shape: (r: StoredResource) => unknown,
): string {
  const {
    results,
    resource_totals: totals,
    ...head
  } = paginate(items, queryValue(request, 'page'), {
    pageSize: context.settings.pageSize,
    host: request.host || 'localhost',
    resourceTotals: resourceTotals(items),
    fault: context.listFault(request),
  });
  const parts = results.map((record) => context.store.jsonOf(record, () => JSON.stringify(shape(record))));
  // `head` keeps the envelope's key order (links, meta, count, total_pages); results and resource_totals follow, as in Envelope.
  return `${JSON.stringify(head).slice(0, -1)},"results":[${parts.join(',')}],"resource_totals":${JSON.stringify(totals)}}`;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Per list (the store hands out the same array for every page of an unchanged list), so a page costs O(page size). */
const totalsByList = new WeakMap<readonly StoredResource[], Partial<Record<ResourceKind, number>>>();

function resourceTotals(items: readonly StoredResource[]): Partial<Record<ResourceKind, number>> {
  const known = totalsByList.get(items);
  if (known) return { ...known };
  const totals: Partial<Record<ResourceKind, number>> = {};
  for (const item of items) totals[item.kind] = (totals[item.kind] ?? 0) + 1;
  totalsByList.set(items, totals);
  return { ...totals };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The other methods on a known path answer 405 like DRF, with an Allow header. */
export function refuseOtherMethods(app: FastifyInstance, url: string, allowed: readonly (typeof METHODS)[number][]): void {
  const others = METHODS.filter((m) => !allowed.includes(m));
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])];
  app.route({
    method: others,
    url,
    handler: (request) => {
      throw methodNotAllowed(request.method, allow);
    },
  });
}
