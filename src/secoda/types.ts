/**
 * The parts of Secoda's Events API resources that tpsync reads and writes, as documented in
 * shared/reference/secoda-events-api.txt. Everything else in a response is ignored.
 */

/** Fields every event and property carries ("the common fields"). */
export interface RemoteCommon {
  id: string;
  title: string;
  /** The parent's ID: an event's category, a property's event. */
  parent: string | null;
  integration: string | null;
  created_at: string | null;
  description: string | null;
  definition: string | null;
  pii: boolean | null;
  verified: boolean | null;
  published: boolean | null;
  teams: string[];
  owners: string[];
  owners_groups: string[];
  collections: string[];
  tags: string[];
  subscribers: string[];
}

export interface RemoteCategory {
  id: string;
  title: string;
  integration: string | null;
  teams: string[];
  created_at: string | null;
}

export type RemoteEvent = RemoteCommon;

export interface RemoteProperty extends RemoteCommon {
  type: string | null;
  /** One string of comma-separated values: "red, green, yellow". */
  enum: string | null;
  is_required: boolean | null;
}

/** Everything under one integration that a plan is computed from. */
export interface RemoteState {
  categories: RemoteCategory[];
  events: RemoteEvent[];
  properties: RemoteProperty[];
}

/** The documented patchable fields (the same for events and properties). */
export interface PatchFields {
  description?: string;
  definition?: string;
  pii?: boolean;
  verified?: boolean;
  published?: boolean;
  teams?: string[];
  owners?: string[];
  collections?: string[];
  tags?: string[];
  subscribers?: string[];
}

export const PATCHABLE_FIELDS = [
  'description',
  'definition',
  'pii',
  'verified',
  'published',
  'teams',
  'owners',
  'collections',
  'tags',
  'subscribers',
] as const satisfies readonly (keyof PatchFields)[];

export interface CreateCategoryInput {
  title: string;
  integration: string;
  teams?: string[];
}

export interface CreateEventInput extends PatchFields {
  title: string;
  integration: string;
  /** The category's ID. */
  parent: string;
  owners_groups?: string[];
}

export interface CreatePropertyInput extends CreateEventInput {
  type?: string;
  enum?: string;
  is_required?: boolean;
}
