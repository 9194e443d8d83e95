/**
 * The remote, as the planner and the executor see it. The got-backed client implements it
 * over HTTP; tests and the emulator share the same shapes.
 */
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

export interface ListFilter {
  parentId?: string;
  title?: string;
}

export interface SecodaPort {
  /** Every category of the workspace (the API has no integration filter); callers keep theirs. */
  listCategories(filter?: { title?: string }): Promise<RemoteCategory[]>;
  getCategory(id: string): Promise<RemoteCategory>;
  createCategory(input: CreateCategoryInput): Promise<RemoteCategory>;

  /** Events of one integration, in one paginated list (never one request per parent). */
  listEvents(integrationId: string, filter?: ListFilter): Promise<RemoteEvent[]>;
  createEvent(input: CreateEventInput): Promise<RemoteEvent>;
  patchEvent(id: string, fields: PatchFields): Promise<RemoteEvent>;
  /** Resolves when the event is gone (a 404 counts as gone). */
  deleteEvent(id: string): Promise<void>;

  listProperties(integrationId: string, filter?: ListFilter): Promise<RemoteProperty[]>;
  createProperty(input: CreatePropertyInput): Promise<RemoteProperty>;
  patchProperty(id: string, fields: PatchFields): Promise<RemoteProperty>;
  deleteProperty(id: string): Promise<void>;

  /** Categories, events and properties of one integration, read in parallel. */
  readState(integrationId: string): Promise<RemoteState>;
}
