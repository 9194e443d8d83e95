/**
 * A stored resource in the full shape of the reference's examples (every key, in the
 * reference's order). Fields the emulator does not track get plausible, stable defaults.
 */
import type { Store } from './store.js';
import type { ResourceKind, StoredResource } from './stored-resource.js';

const NATIVE_TYPE: Record<ResourceKind, string> = {
  event_category: 'Event Category',
  event: 'Event',
  event_property: 'Event Property',
};

/** What shaping needs beyond the record: the workspace, ancestors' titles and child counts. */
export interface ShapeContext {
  readonly workspaceId: string;
  childCount(id: string): number;
  lookup(id: string): StoredResource | undefined;
}

/** A context over the store; child counts are kept by the store, so shaping costs O(1) per resource. */
export function shapeContext(store: Store): ShapeContext {
  return {
    workspaceId: store.workspaceId,
    childCount: (id) => store.childCount(id),
    lookup: (id) => store.get(id),
  };
}

export function toApiResource(record: StoredResource, context: ShapeContext): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: record.id,
    created_at: record.created_at,
    updated_at: record.updated_at,
    entity_type: record.kind,
    native_type: NATIVE_TYPE[record.kind],
    bookmarked_by: [],
    icon: null,
    title: record.title,
    // "title_full": "Sample Database.Sample Schema.Sample Table": the ancestors' titles, dotted.
    title_full: titleFull(record, context),
    // "title_cased": "sampleTable"
    title_cased: camelCase(record.title),
    description: record.description,
    definition: record.definition,
    definition_version: 1,
    multiplayers: [],
    multiplayer_last_modified_by: null,
    multiplayer_last_modified: record.updated_at,
    owners: [...record.owners],
    owners_groups: [...record.owners_groups],
    collections: [...record.collections],
    tags: [...record.tags],
    workspace_id: context.workspaceId,
    total_usage: 0,
    published: record.published,
    archived: record.archived,
    pii: record.pii,
    verified: record.verified,
    url: null,
    parent: record.parent,
    children_count: context.childCount(record.id),
    integration: record.integration,
    external_updated_at: null,
    internal_usage: 0,
    internal_users: [],
    external_users: [],
    external_usage: 0,
    databuilder_id: null,
    search_metadata: {},
    sources: [],
    subscribers: [...record.subscribers],
    teams: [...record.teams],
    stale: false,
    current_user_permissions: { read: true, write: true, execute: false },
  };
  if (record.kind === 'event_property') {
    // Properties add `"type": "enum", "enum": "red, green, yellow", "is_required": true`.
    json['type'] = record.type;
    json['enum'] = record.enum;
    json['is_required'] = record.is_required;
  }
  return json;
}

/**
 * The Resources list's shape: `type` is the resource type that its filters select on
 * (`{"operator":"exact","field":"type","value":"event"}`), so a property's own data type,
 * which the events API calls `type`, moves to `property_type` there.
 */
export function toCatalogResource(record: StoredResource, context: ShapeContext): Record<string, unknown> {
  const json = toApiResource(record, context);
  if (record.kind === 'event_property') json['property_type'] = record.type;
  json['type'] = record.kind;
  return json;
}

function titleFull(record: StoredResource, context: ShapeContext): string {
  const titles = [record.title];
  let parent = record.parent;
  // Bounded: a category holds events, an event holds properties.
  for (let depth = 0; parent !== null && depth < 3; depth++) {
    const ancestor = context.lookup(parent);
    if (!ancestor) break;
    titles.unshift(ancestor.title);
    parent = ancestor.parent;
  }
  return titles.join('.');
}

function camelCase(title: string): string {
  const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}
