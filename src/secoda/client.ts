/**
 * The Secoda Events API client (the got-backed adapter of SecodaPort). Paths follow
 * shared/reference/secoda-events-api.txt, with the trailing slash Secoda advises.
 */
import { idKey, sameId } from '../ids.js';
import { CATALOG_CAP, listCatalogEvents } from './catalog-listing.js';
import { SecodaApiError } from './errors.js';
import { HttpTransport, type TransportOptions } from './http-transport.js';
import { fetchListed, type Listed } from './pagination.js';
import type { WriteSlot } from './pacer.js';
import type { ListFilter, SecodaPort, WriteOptions } from './port.js';
import { hasIntegrationKey, toCategory, toEvent, toProperty } from './response-schema.js';
import type {
  CreateCategoryInput,
  CreateEventInput,
  CreatePropertyInput,
  PatchFields,
  RemoteCategory,
  RemoteEvent,
  RemoteProperty,
  RemoteState,
} from './types.js';

const CATEGORIES = 'event/category/';
const PROPERTIES = 'event/event_properties/';
/** Deprecated: "Please use the List Resources endpoint instead" (catalog-listing.ts); the fallback when the catalog is not there. */
const EVENTS = 'event/events/';

export class SecodaClient implements SecodaPort {
  readonly transport: HttpTransport;
  /** Set once the Resources catalog has answered 404/410: the deprecated events list from then on. */
  private catalogGone = false;
  /** The most resources the catalog returns across all pages (CATALOG_CAP; lower in tests). */
  private readonly catalogCap: number;

  constructor(options: TransportOptions & { readonly catalogCap?: number }) {
    this.transport = new HttpTransport(options);
    this.catalogCap = options.catalogCap ?? CATALOG_CAP;
  }

  reserveWrite(): WriteSlot | undefined {
    return this.transport.pacer.paced ? this.transport.pacer.reserve() : undefined;
  }

  get writeIntervalMs(): number {
    return this.transport.pacer.interval;
  }

  async listCategories(filter: { title?: string } = {}): Promise<RemoteCategory[]> {
    const items = await fetchListed(this.transport, CATEGORIES, { title: filter.title }, (item) =>
      toCategory(item, 'GET', `/${CATEGORIES}`),
    );
    return items.map((item) => item.value());
  }

  async getCategory(id: string): Promise<RemoteCategory> {
    const path = `${CATEGORIES}${encodeURIComponent(id)}/`;
    const response = await this.transport.request('GET', path);
    return toCategory(response.body, 'GET', `/${path}`);
  }

  async createCategory(input: CreateCategoryInput, options: WriteOptions = {}): Promise<RemoteCategory> {
    const response = await this.transport.request('POST', CATEGORIES, { body: input, ...options });
    return toCategory(response.body, 'POST', `/${CATEGORIES}`);
  }

  /**
   * Through the Resources catalog, as Secoda now documents (catalog-listing.ts: refused at its
   * 10,000 cap); the deprecated events list only once the catalog has answered 404 or 410.
   */
  async listEvents(integrationId: string, filter: ListFilter = {}): Promise<RemoteEvent[]> {
    if (!this.catalogGone) {
      try {
        return await listCatalogEvents(this.transport, integrationId, filter, this.catalogCap);
      } catch (error) {
        if (!(error instanceof SecodaApiError && (error.status === 404 || error.status === 410))) throw error;
        this.catalogGone = true;
      }
    }
    const items = await fetchListed(
      this.transport,
      EVENTS,
      { integration_id: integrationId, parent_id: filter.parentId, title: filter.title },
      (item) => toEvent(item, 'GET', `/${EVENTS}`),
    );
    return keepIntegration(items, integrationId).map((item) => item.value());
  }

  async createEvent(input: CreateEventInput, options: WriteOptions = {}): Promise<RemoteEvent> {
    const response = await this.transport.request('POST', EVENTS, { body: input, ...options });
    return toEvent(response.body, 'POST', `/${EVENTS}`);
  }

  async patchEvent(id: string, fields: PatchFields): Promise<RemoteEvent> {
    const path = `${EVENTS}${encodeURIComponent(id)}/`;
    const response = await this.transport.request('PATCH', path, { body: fields });
    return toEvent(response.body, 'PATCH', `/${path}`);
  }

  async deleteEvent(id: string): Promise<void> {
    // "404 Not Found" on delete means it is already gone: the goal is reached.
    await this.transport.request('DELETE', `${EVENTS}${encodeURIComponent(id)}/`, { accept: [404] });
  }

  async listProperties(integrationId: string, filter: ListFilter = {}): Promise<RemoteProperty[]> {
    const items = await fetchListed(
      this.transport,
      PROPERTIES,
      { integration_id: integrationId, parent_id: filter.parentId, title: filter.title },
      (item) => toProperty(item, 'GET', `/${PROPERTIES}`),
    );
    return keepIntegration(items, integrationId).map((item) => item.value());
  }

  async createProperty(input: CreatePropertyInput, options: WriteOptions = {}): Promise<RemoteProperty> {
    const response = await this.transport.request('POST', PROPERTIES, { body: input, ...options });
    return toProperty(response.body, 'POST', `/${PROPERTIES}`);
  }

  async patchProperty(id: string, fields: PatchFields): Promise<RemoteProperty> {
    const path = `${PROPERTIES}${encodeURIComponent(id)}/`;
    const response = await this.transport.request('PATCH', path, { body: fields });
    return toProperty(response.body, 'PATCH', `/${path}`);
  }

  async deleteProperty(id: string): Promise<void> {
    await this.transport.request('DELETE', `${PROPERTIES}${encodeURIComponent(id)}/`, { accept: [404] });
  }

  async readState(integrationId: string): Promise<RemoteState> {
    const [categories, events, properties] = await Promise.all([
      this.ourCategories(integrationId),
      this.listEvents(integrationId),
      this.listProperties(integrationId),
    ]);
    const state = { categories, events, properties };
    if (!hasStrangers(state)) return state;
    // The three lists are read side by side, not at one instant: a property whose event is not
    // listed (or an event whose category is not) may have been created in between, by another run
    // that keeps creating. Reading all three again would meet the same race. So the parents are
    // read again after their children, one list after the other: a parent is created before its
    // children, so whatever a child that was read names is listed by then (unless deleted since).
    // Only what is still a stranger after that is an orphan, which the plan deletes.
    const laterEvents = await this.listEvents(integrationId);
    const laterCategories = await this.ourCategories(integrationId);
    return { categories: laterCategories, events: laterEvents, properties };
  }

  /** Categories have no integration filter: ours, and those that do not say whose they are. */
  private async ourCategories(integrationId: string): Promise<RemoteCategory[]> {
    const categories = await this.listCategories();
    return categories.filter((c) => c.integration === null || sameId(c.integration, integrationId));
  }
}

/** Events whose category, or properties whose event, the other list does not hold. */
function hasStrangers(state: RemoteState): boolean {
  const categories = new Set(state.categories.map((c) => idKey(c.id)));
  const events = new Set(state.events.map((e) => idKey(e.id)));
  return (
    state.events.some((e) => e.parent !== null && !categories.has(idKey(e.parent))) ||
    state.properties.some((p) => p.parent !== null && !events.has(idKey(p.parent)))
  );
}

/**
 * The server filters by integration_id; we check again, so a server that ignores the filter
 * can never make tpsync touch another integration's events. An item that names no integration
 * (null, or the string "None" the API writes for one) in a list filtered by ours is ours.
 */
function keepIntegration<T>(items: Listed<T>[], integrationId: string): Listed<T>[] {
  return items.filter(({ raw: item }) => {
    if (!hasIntegrationKey(item)) return true;
    const value = (item as { integration: unknown }).integration;
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value;
    if (id === null || id === undefined || id === 'None' || id === '') return true;
    return (typeof id === 'string' || typeof id === 'number') && sameId(String(id), integrationId);
  });
}
