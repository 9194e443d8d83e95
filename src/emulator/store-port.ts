/**
 * The in-process adapter of SecodaPort: the emulator's store, read and written directly, with no
 * HTTP in between. It stores what the emulator's routes would store (the same body checks, the
 * parent looked up the same way, cascading deletes) and answers with what the HTTP client would
 * parse from the routes' JSON, so a test of pure logic (planning, the delete guard, execution
 * order) runs in process at the speed of the logic. Writes are never paced; nothing fails at
 * random. Real HTTP stays for the client, apply and the command line (src/emulator/server.ts).
 */
import { idKey, sameId } from '../ids.js';
import { SecodaApiError, SecodaBadRequestError, SecodaNotFoundError } from '../secoda/errors.js';
import type { WriteSlot } from '../secoda/pacer.js';
import type { ListFilter, SecodaPort } from '../secoda/port.js';
import { toCategory, toEvent, toProperty } from '../secoda/response-schema.js';
import type {
  CreateCategoryInput,
  CreateEventInput,
  CreatePropertyInput,
  PatchFields,
  RemoteCategory,
  RemoteEvent,
  RemoteProperty,
  RemoteState,
} from '../secoda/types.js';
import { checkEventLikeCreate, validateCategoryCreate, validatePatch, type Body } from './body-validation.js';
import { DrfError, MESSAGES, fieldErrors, notFound } from './drf-errors.js';
import { shapeContext, toApiResource } from './resource-json.js';
import type { Store } from './store.js';
import type { StoredResource } from './stored-resource.js';

const CATEGORIES = '/event/category/';
const EVENTS = '/event/events/';
const PROPERTIES = '/event/event_properties/';

/** What a route would do to a request, in process: DRF's error answers become the client's errors. */
function asClient<T>(method: string, path: string, action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(clientError(error, method, path));
  }
}

/** A route's error as the HTTP client would throw it (only DRF answers are mapped; the rest is a bug, thrown as is). */
function clientError(error: unknown, method: string, path: string): Error {
  if (!(error instanceof DrfError)) return error instanceof Error ? error : new Error(String(error));
  const body = JSON.stringify(error.body);
  const answer = { status: error.statusCode, method, path, body };
  if (error.statusCode === 400) return new SecodaBadRequestError(answer, body);
  if (error.statusCode === 404) return new SecodaNotFoundError(answer);
  return new SecodaApiError(answer);
}

/** The value of an optional filter matches when it is unset, or names the same id. */
const matchesId = (value: string | null, wanted: string | undefined): boolean =>
  wanted === undefined || (value !== null && idKey(value) === idKey(wanted));

export class StorePort implements SecodaPort {
  constructor(private readonly store: Store) {}

  /** Writes in process are never paced. */
  readonly writeIntervalMs = 0;

  reserveWrite(): WriteSlot | undefined {
    return undefined;
  }

  listCategories(filter: { title?: string } = {}): Promise<RemoteCategory[]> {
    return asClient('GET', CATEGORIES, () =>
      this.store.list('event_category', (r) => filter.title === undefined || r.title === filter.title).map((r) => this.category(r, 'GET')),
    );
  }

  getCategory(id: string): Promise<RemoteCategory> {
    return asClient('GET', `${CATEGORIES}${id}/`, () => this.category(this.found(id, 'event_category'), 'GET'));
  }

  createCategory(input: CreateCategoryInput): Promise<RemoteCategory> {
    return asClient('POST', CATEGORIES, () =>
      this.category(this.store.insert('event_category', validateCategoryCreate(input as unknown as Body)), 'POST'),
    );
  }

  listEvents(integrationId: string, filter: ListFilter = {}): Promise<RemoteEvent[]> {
    return asClient('GET', EVENTS, () => this.listed('event', integrationId, filter).map((r) => toEvent(this.json(r), 'GET', EVENTS)));
  }

  createEvent(input: CreateEventInput): Promise<RemoteEvent> {
    return asClient('POST', EVENTS, () => toEvent(this.json(this.create('event', input)), 'POST', EVENTS));
  }

  patchEvent(id: string, fields: PatchFields): Promise<RemoteEvent> {
    return asClient('PATCH', `${EVENTS}${id}/`, () => toEvent(this.json(this.patch(id, 'event', fields)), 'PATCH', EVENTS));
  }

  deleteEvent(id: string): Promise<void> {
    // A 404 on delete means it is gone already: the goal is reached (as the client treats it).
    this.store.remove(id);
    return Promise.resolve();
  }

  listProperties(integrationId: string, filter: ListFilter = {}): Promise<RemoteProperty[]> {
    return asClient('GET', PROPERTIES, () =>
      this.listed('event_property', integrationId, filter).map((r) => toProperty(this.json(r), 'GET', PROPERTIES)),
    );
  }

  createProperty(input: CreatePropertyInput): Promise<RemoteProperty> {
    return asClient('POST', PROPERTIES, () => toProperty(this.json(this.create('event_property', input)), 'POST', PROPERTIES));
  }

  patchProperty(id: string, fields: PatchFields): Promise<RemoteProperty> {
    return asClient('PATCH', `${PROPERTIES}${id}/`, () =>
      toProperty(this.json(this.patch(id, 'event_property', fields)), 'PATCH', PROPERTIES),
    );
  }

  deleteProperty(id: string): Promise<void> {
    this.store.remove(id);
    return Promise.resolve();
  }

  /** The integration's categories (and those that name none), events and properties, read at one instant. */
  async readState(integrationId: string): Promise<RemoteState> {
    const [categories, events, properties] = await Promise.all([
      this.listCategories(),
      this.listEvents(integrationId),
      this.listProperties(integrationId),
    ]);
    return { categories: categories.filter((c) => c.integration === null || sameId(c.integration, integrationId)), events, properties };
  }

  private listed(kind: 'event' | 'event_property', integrationId: string, filter: ListFilter): StoredResource[] {
    return this.store.list(
      kind,
      (r) =>
        matchesId(r.integration, integrationId) &&
        matchesId(r.parent, filter.parentId) &&
        (filter.title === undefined || r.title === filter.title),
    );
  }

  /** A create as the route does it: the body checked, the parent looked up (a field error for an event's, a 404 for a property's). */
  private create(kind: 'event' | 'event_property', input: CreateEventInput): StoredResource {
    const { input: checked, parent, errors } = checkEventLikeCreate(input as unknown as Body, kind);
    const parentRecord = parent === undefined ? undefined : this.store.get(parent, kind === 'event' ? 'event_category' : 'event');
    if (parent !== undefined && !parentRecord && kind === 'event') errors['parent'] = [MESSAGES.missingPk(parent)];
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
    if (!parentRecord) throw notFound();
    return this.store.insert(kind, { ...checked, parent: parentRecord.id });
  }

  private patch(id: string, kind: 'event' | 'event_property', fields: PatchFields): StoredResource {
    const existing = this.found(id, kind);
    return this.store.patch(existing.id, validatePatch(fields as Body)) ?? existing;
  }

  private found(id: string, kind: StoredResource['kind']): StoredResource {
    const record = this.store.get(id, kind);
    if (!record) throw notFound();
    return record;
  }

  private category(record: StoredResource, method: string): RemoteCategory {
    return toCategory(this.json(record), method, CATEGORIES);
  }

  /** The resource as the routes write it (then parsed as the client parses it). */
  private json(record: StoredResource): unknown {
    return toApiResource(record, shapeContext(this.store));
  }
}
