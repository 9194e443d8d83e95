/**
 * Secoda's directories: the users, groups, teams, tags and collections that a resource's
 * reference fields name by ID. Facts from Secoda's public API reference (issue 23; same base URL,
 * Bearer auth, pagination envelope and trailing slash as the Events API):
 *
 * - Users: `GET /user/` (paged, no filters) → `id, email, first_name, last_name, role, disabled,
 *   pending, is_service_account`; the reference's sample writes `pending` as the string `"False"`.
 * - Teams: `GET /auth/teams/` (`include_archived`, `page`) → `id, name, archived, description, type`.
 * - Groups: `GET /auth/group/` → `id, name, description, users[]`.
 * - Tags: `GET /tag/` ("No filtering is currently available") → `id, name, description, color,
 *   integration_id` (null for a tag made in Secoda; tags from integrations can share a name).
 * - Collections: `GET /collection/collections/` (`?title=`) → `id, title, …`.
 *
 * Reads do not count against the write limit. Each directory is read whole, once, by `read`.
 */
import type { HttpTransport } from './http-transport.js';
import { fetchListed } from './pagination.js';
import { SecodaInvalidResponseError } from './errors.js';

/** The directories a reference field can name. */
export type DirectoryKind = 'users' | 'groups' | 'teams' | 'tags' | 'collections';

export const DIRECTORY_KINDS: readonly DirectoryKind[] = ['users', 'groups', 'teams', 'tags', 'collections'];

/** The tracking plan's reference fields and the directory each names (owners are users, …). */
export const REFERENCE_KIND = {
  teams: 'teams',
  owners: 'users',
  owners_groups: 'groups',
  collections: 'collections',
  tags: 'tags',
  subscribers: 'users',
} as const satisfies Record<string, DirectoryKind>;

export type ReferenceField = keyof typeof REFERENCE_KIND;

/** One entry of a directory, as tpsync uses it. */
export interface DirectoryEntry {
  readonly id: string;
  /** What the YAML writes for it: a user's email, a group's, team's or tag's name, a collection's title; null when it has none. */
  readonly name: string | null;
  /** Why naming it deserves a warning ("disabled", "pending", "archived"); null when nothing is wrong. */
  readonly inactive: string | null;
  /** What tells it from a namesake, for a list of candidates ("from integration …", "made in Secoda"); null when nothing does. */
  readonly detail: string | null;
}

/** The directories read for one run; a kind that was not asked for (or could not be read) is absent. */
export type Directories = Partial<Record<DirectoryKind, readonly DirectoryEntry[]>>;

/**
 * The names of IDs, per directory, keyed by `idKey(id)` (src/ids.ts): what a plan's renderings
 * show in place of an ID. An ID that no directory lists has no entry.
 */
export type NamesById = Partial<Record<DirectoryKind, Readonly<Record<string, string>>>>;

/** Where each directory is listed, and its query. */
const ENDPOINTS: Record<DirectoryKind, { path: string; query: Record<string, string> }> = {
  users: { path: 'user/', query: {} },
  // Archived teams are listed too: a plan that names one gets a warning, not "unknown team".
  teams: { path: 'auth/teams/', query: { include_archived: 'true' } },
  groups: { path: 'auth/group/', query: {} },
  tags: { path: 'tag/', query: {} },
  collections: { path: 'collection/collections/', query: {} },
};

/** The API path of a directory, for messages (`/user/`). */
export function directoryPath(kind: DirectoryKind): string {
  return `/${ENDPOINTS[kind].path}`;
}

/** Reads Secoda's directories over the client's transport. */
export class SecodaDirectories {
  constructor(private readonly transport: HttpTransport) {}

  /**
   * Every entry of one directory, read consistently (src/secoda/pagination.ts).
   * @throws SecodaApiError (403 without the permission, 404 on a Secoda without the endpoint),
   * SecodaInvalidResponseError for an entry without an id.
   */
  async read(kind: DirectoryKind): Promise<DirectoryEntry[]> {
    const { path, query } = ENDPOINTS[kind];
    const items = await fetchListed(this.transport, path, query, (item) => toEntry(kind, item, path));
    return items.map((item) => item.value());
  }
}

/** An entry of `kind` from its JSON; throws SecodaInvalidResponseError when it has no id. */
export function toEntry(kind: DirectoryKind, value: unknown, path: string): DirectoryEntry {
  const raw = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  const id = raw?.['id'];
  if (raw === undefined || !(typeof id === 'string' || typeof id === 'number') || String(id) === '') {
    throw new SecodaInvalidResponseError({ method: 'GET', path: `/${path}`, problem: 'an entry of the directory has no id' });
  }
  const text = (key: string): string | null => {
    const v = raw[key];
    return typeof v === 'string' && v !== 'None' && v.trim() !== '' ? v : null;
  };
  switch (kind) {
    case 'users': {
      const inactive = truthy(raw['disabled']) ? 'disabled' : truthy(raw['pending']) ? 'pending' : null;
      return { id: String(id), name: text('email'), inactive, detail: personName(text('first_name'), text('last_name')) };
    }
    case 'teams':
      return { id: String(id), name: text('name'), inactive: truthy(raw['archived']) ? 'archived' : null, detail: null };
    case 'tags': {
      const integration = text('integration_id');
      return {
        id: String(id),
        name: text('name'),
        inactive: null,
        detail: integration === null ? 'made in Secoda' : `from integration ${integration}`,
      };
    }
    case 'groups':
      return { id: String(id), name: text('name'), inactive: null, detail: null };
    case 'collections':
      return { id: String(id), name: text('title'), inactive: null, detail: null };
  }
}

/** A flag that may come as a boolean or, as the reference's sample writes `pending`, as the string "True"/"False". */
function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return false;
}

function personName(first: string | null, last: string | null): string | null {
  const full = [first, last].filter((part): part is string => part !== null).join(' ');
  return full === '' ? null : full;
}
