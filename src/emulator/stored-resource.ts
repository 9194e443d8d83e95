/**
 * What the emulator stores: one record per event category, event or event property, with the
 * API's own field names, and the defaults a create fills in.
 */

export const RESOURCE_KINDS = ['event_category', 'event', 'event_property'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** The fields that hold lists of ids. */
export const LIST_FIELDS = ['teams', 'owners', 'owners_groups', 'collections', 'tags', 'subscribers'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

/** One resource as the emulator keeps it. */
export interface StoredResource {
  kind: ResourceKind;
  id: string;
  created_at: string;
  updated_at: string;
  title: string;
  integration: string | null;
  /** A category has none; an event's is its category, a property's its event. */
  parent: string | null;
  description: string | null;
  definition: string | null;
  pii: boolean | null;
  verified: boolean | null;
  published: boolean | null;
  archived: boolean;
  teams: string[];
  owners: string[];
  owners_groups: string[];
  collections: string[];
  tags: string[];
  subscribers: string[];
  /** Properties only (null on categories and events). */
  type: string | null;
  /** Properties only: one comma-separated string, "red, green, yellow". */
  enum: string | null;
  is_required: boolean | null;
}

/** What a create (or a test seeding data) supplies; everything but the title has a default. */
export type ResourceInput = Partial<Omit<StoredResource, 'kind'>> & { title: string };

/** The fields a PATCH may change. */
export type PatchableField =
  'description' | 'definition' | 'pii' | 'verified' | 'published' | 'teams' | 'owners' | 'collections' | 'tags' | 'subscribers';
export type ResourcePatch = Partial<Pick<StoredResource, PatchableField>>;

/** A new record of `kind` from `input`, with the defaults Secoda gives and the timestamps it was given. */
export function newRecord(
  kind: ResourceKind,
  input: ResourceInput & { readonly id: string },
  stamps: { readonly created_at: string; readonly updated_at: string },
): StoredResource {
  const isProperty = kind === 'event_property';
  return {
    kind,
    id: input.id,
    created_at: stamps.created_at,
    updated_at: stamps.updated_at,
    title: input.title,
    integration: input.integration ?? null,
    parent: input.parent ?? null,
    description: input.description === undefined ? '' : input.description,
    definition: input.definition === undefined ? '' : input.definition,
    pii: input.pii === undefined ? false : input.pii,
    verified: input.verified === undefined ? false : input.verified,
    published: input.published === undefined ? false : input.published,
    archived: input.archived ?? false,
    teams: [...(input.teams ?? [])],
    owners: [...(input.owners ?? [])],
    owners_groups: [...(input.owners_groups ?? [])],
    collections: [...(input.collections ?? [])],
    tags: [...(input.tags ?? [])],
    subscribers: [...(input.subscribers ?? [])],
    type: isProperty ? (input.type ?? null) : null,
    enum: isProperty ? (input.enum ?? null) : null,
    is_required: isProperty ? (input.is_required ?? false) : null,
  };
}

/** A copy that shares no list with `record`, for a caller that may change it. */
export function copyRecord(record: StoredResource): StoredResource {
  return {
    ...record,
    teams: [...record.teams],
    owners: [...record.owners],
    owners_groups: [...record.owners_groups],
    collections: [...record.collections],
    tags: [...record.tags],
    subscribers: [...record.subscribers],
  };
}
