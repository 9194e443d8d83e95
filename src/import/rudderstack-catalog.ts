/**
 * A rudder-cli project's resources, read from its YAML documents (`version`, `kind`,
 * `metadata`, `spec`) into one catalog by local id: properties, events, custom types and
 * tracking plans. Both spec versions are read: `rudder/0.1` (`kind: tp`, `$ref:
 * "#/properties/<group>/<id>"`, `propConfig` with camelCase keys, `type: "string,null"`,
 * `allow_unplanned` under `event`) and `rudder/v1` (`kind: tracking-plan`, `"#property:<id>"`,
 * `config` with snake_case keys, `types`, `item_type(s)`, `additional_properties` on the rule).
 * Each resource keeps where it is written, for notes.
 */
import { childPointer } from './import-note.js';
import { isRecord } from './json-schema-keywords.js';
import type { SourcePlace } from './schema-places.js';

/** One YAML document of the project: the file it is in (relative to the project) and its data. */
export interface RudderDocument {
  readonly file: string;
  readonly data: unknown;
}

export interface RudderResource {
  readonly id: string;
  readonly place: SourcePlace;
  readonly data: Record<string, unknown>;
}

export interface RudderTrackingPlan extends RudderResource {
  /** The rules list, as written. */
  readonly rules: readonly unknown[];
}

export interface RudderCatalog {
  readonly properties: ReadonlyMap<string, RudderResource>;
  readonly events: ReadonlyMap<string, RudderResource>;
  readonly customTypes: ReadonlyMap<string, RudderResource>;
  readonly trackingPlans: readonly RudderTrackingPlan[];
}

const LISTS = { properties: 'properties', events: 'events', 'custom-types': 'types' } as const;

export function readCatalog(documents: readonly RudderDocument[]): RudderCatalog {
  const properties = new Map<string, RudderResource>();
  const events = new Map<string, RudderResource>();
  const customTypes = new Map<string, RudderResource>();
  const trackingPlans: RudderTrackingPlan[] = [];
  const byKind = { properties, events, 'custom-types': customTypes };
  for (const { file, data } of documents) {
    if (!isRecord(data) || !isRecord(data['spec'])) continue;
    const kind = data['kind'];
    const spec = data['spec'];
    if (kind === 'properties' || kind === 'events' || kind === 'custom-types') {
      const key = LISTS[kind];
      const list = spec[key];
      if (!Array.isArray(list)) continue;
      list.forEach((item, index) => {
        if (!isRecord(item) || typeof item['id'] !== 'string') return;
        const target = byKind[kind];
        if (!target.has(item['id']))
          target.set(item['id'], { id: item['id'], place: { file, pointer: childPointer('/spec', key, index) }, data: item });
      });
    } else if (kind === 'tp' || kind === 'tracking-plan') {
      trackingPlans.push({
        id: typeof spec['id'] === 'string' ? spec['id'] : file,
        place: { file, pointer: '/spec' },
        data: spec,
        rules: Array.isArray(spec['rules']) ? spec['rules'] : [],
      });
    }
  }
  trackingPlans.sort((a, b) => order(a.place.file, b.place.file) || order(a.id, b.id));
  return { properties, events, customTypes, trackingPlans };
}

/** The local id a reference names, by the kind it must be: both spellings (`#/properties/g/id`, `#property:id`). */
export function referencedId(ref: unknown, kind: 'properties' | 'events' | 'custom-types' | 'categories'): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const singular = { properties: 'property', events: 'event', 'custom-types': 'custom-type', categories: 'category' }[kind];
  const legacy = new RegExp(`^#/${kind}/[^/]+/(.+)$`).exec(ref);
  if (legacy !== null) return legacy[1];
  const urn = new RegExp(`^#${singular}:(.+)$`).exec(ref);
  return urn?.[1];
}

/** Whether a property's `type` names a custom type rather than a primitive. */
export function customTypeId(type: unknown): string | undefined {
  return referencedId(type, 'custom-types');
}

/** A config key in snake case (rudder/0.1 writes `minLength`, rudder/v1 `min_length`). */
export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
