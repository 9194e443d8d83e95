/**
 * The remote, as the planner and the executor see it. The got-backed client implements it
 * over HTTP; tests and the emulator share the same shapes.
 */
import type { WriteSlot } from './pacer.js';
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

/** Options of a create. */
export interface WriteOptions {
  /** A write slot taken beforehand with `reserveWrite`: the create goes when it opens. */
  readonly slot?: WriteSlot;
}

export interface SecodaPort {
  /**
   * Takes the next write slot of the pacer now, for a create that follows: the caller may use the
   * wait (reads are not rate limited). Undefined when writes are not paced.
   */
  reserveWrite(): WriteSlot | undefined;

  /** The spacing between two paced writes (ms); 0 when writes are not paced. */
  readonly writeIntervalMs: number;

  /** Every category of the workspace (the API has no integration filter); callers keep theirs. */
  listCategories(filter?: { title?: string }): Promise<RemoteCategory[]>;
  getCategory(id: string): Promise<RemoteCategory>;
  createCategory(input: CreateCategoryInput, options?: WriteOptions): Promise<RemoteCategory>;

  /** Events of one integration, in one paginated list (never one request per parent). */
  listEvents(integrationId: string, filter?: ListFilter): Promise<RemoteEvent[]>;
  createEvent(input: CreateEventInput, options?: WriteOptions): Promise<RemoteEvent>;
  patchEvent(id: string, fields: PatchFields): Promise<RemoteEvent>;
  /** Resolves when the event is gone (a 404 counts as gone). */
  deleteEvent(id: string): Promise<void>;

  listProperties(integrationId: string, filter?: ListFilter): Promise<RemoteProperty[]>;
  createProperty(input: CreatePropertyInput, options?: WriteOptions): Promise<RemoteProperty>;
  patchProperty(id: string, fields: PatchFields): Promise<RemoteProperty>;
  deleteProperty(id: string): Promise<void>;

  /**
   * Categories, events and properties of one integration, read in parallel, each list read
   * consistently or refused (SecodaInconsistentListError).
   */
  readState(integrationId: string): Promise<RemoteState>;
}
