/* Generated from schemas/tracking-plan.schema.json by `npm run schema:types`. Do not edit. */

/**
 * A Secoda ID, with or without dashes.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * IDs of the Secoda teams the category belongs to. Used when the category is created; later differences are reported as warnings.
 */
export type IdList = Id[];
/**
 * A one-line summary shown in Secoda. `""` clears it; leaving the key out leaves Secoda's value alone.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "description".
 */
export type Description = string;
/**
 * Markdown documentation shown on the resource's page in Secoda. Use a block scalar (`|`) for several lines.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "definition".
 */
export type Definition = string;
/**
 * Whether the resource holds personally identifiable information.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "pii".
 */
export type Pii = boolean;
/**
 * Whether the resource is marked as verified in Secoda.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "verified".
 */
export type Verified = boolean;
/**
 * Whether the resource is visible to viewers in Secoda.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "published".
 */
export type Published = boolean;
/**
 * IDs of the Secoda teams the resource belongs to (compared as a set).
 */
export type Teams = Id[];
/**
 * IDs of the Secoda users who own the resource (compared as a set). User IDs, not e-mail addresses.
 */
export type Owners = Id[];
/**
 * IDs of the Secoda groups that own the resource (compared as a set). Secoda cannot update this in place: a change replaces the resource.
 */
export type OwnersGroups = Id[];
/**
 * IDs of the Secoda collections the resource belongs to (compared as a set).
 */
export type Collections = Id[];
/**
 * IDs of the Secoda tags on the resource (compared as a set).
 */
export type Tags = Id[];
/**
 * IDs of the Secoda users notified of changes to the resource (compared as a set).
 */
export type Subscribers = Id[];
/**
 * `breaking`, `warning` or `safe`.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "compatibilityLevel".
 */
export type CompatibilityLevel = 'breaking' | 'warning' | 'safe';
/**
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "idList".
 */
export type IdList1 = Id[];
/**
 * The name, unique within its parent (ignoring case and surrounding space). It identifies the resource: renaming it deletes the old one and creates a new one.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "title".
 */
export type Title = string;
/**
 * IDs of the Secoda teams the resource belongs to (compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "teams".
 */
export type IdList2 = Id[];
/**
 * IDs of the Secoda users who own the resource (compared as a set). User IDs, not e-mail addresses.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "owners".
 */
export type IdList3 = Id[];
/**
 * IDs of the Secoda groups that own the resource (compared as a set). Secoda cannot update this in place: a change replaces the resource.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "owners_groups".
 */
export type IdList4 = Id[];
/**
 * IDs of the Secoda collections the resource belongs to (compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "collections".
 */
export type IdList5 = Id[];
/**
 * IDs of the Secoda tags on the resource (compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "tags".
 */
export type IdList6 = Id[];
/**
 * IDs of the Secoda users notified of changes to the resource (compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "subscribers".
 */
export type IdList7 = Id[];
/**
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "calendarDate".
 */
export type CalendarDate = string;

/**
 * One file of a tpsync tracking plan: the event categories, events and event properties that a Secoda integration should hold. A plan is one file, or a directory of files merged together; exactly one file holds `version` and `integration`.
 */
export interface TpsyncTrackingPlan {
  /**
   * The version of the tracking-plan format. Always 1.
   */
  version?: 1;
  /**
   * The ID of the Secoda integration that owns these events (Secoda → Integrations → the integration → its ID in the address bar). tpsync reads and changes only resources of this integration.
   */
  integration?: string;
  /**
   * The event categories. Each category is the parent of its events.
   */
  categories?: Category[];
  /**
   * Levels for compatibility checks, by check id, instead of their defaults (the README's "Breaking changes" lists the checks). Only in the file that holds `version` and `integration`. Never sent to Secoda.
   */
  compatibility?: {
    'event-added'?: CompatibilityLevel;
    'event-removed'?: CompatibilityLevel;
    'event-moved'?: CompatibilityLevel;
    'property-added-optional'?: CompatibilityLevel;
    'property-added-required'?: CompatibilityLevel;
    'property-removed'?: CompatibilityLevel;
    'property-became-required'?: CompatibilityLevel;
    'property-became-optional'?: CompatibilityLevel;
    'property-type-changed'?: CompatibilityLevel;
    'enum-value-removed'?: CompatibilityLevel;
    'enum-value-added'?: CompatibilityLevel;
    'pii-changed'?: CompatibilityLevel;
    'metadata-changed'?: CompatibilityLevel;
    'duplicate-removed'?: CompatibilityLevel;
    'category-added'?: CompatibilityLevel;
    'property-added-with-event'?: CompatibilityLevel;
    'property-removed-with-event'?: CompatibilityLevel;
    'property-recreated'?: CompatibilityLevel;
  };
}
/**
 * An event category (a folder of events in Secoda). Categories can only be created through Secoda's API: tpsync never renames or deletes them.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "category".
 */
export interface Category {
  /**
   * The name, unique within its parent (ignoring case and surrounding space). It identifies the resource: renaming it deletes the old one and creates a new one.
   */
  title: string;
  teams?: IdList;
  /**
   * The events in this category.
   */
  events?: Event[];
}
/**
 * An analytics event. Fields you leave out are not managed: tpsync leaves their value in Secoda alone.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "event".
 */
export interface Event {
  /**
   * The name, unique within its parent (ignoring case and surrounding space). It identifies the resource: renaming it deletes the old one and creates a new one.
   */
  title: string;
  description?: Description;
  definition?: Definition;
  pii?: Pii;
  verified?: Verified;
  published?: Published;
  teams?: Teams;
  owners?: Owners;
  owners_groups?: OwnersGroups;
  collections?: Collections;
  tags?: Tags;
  subscribers?: Subscribers;
  /**
   * The properties sent with this event.
   */
  properties?: Property[];
  deprecated?: Deprecation;
}
/**
 * A property of an event. Fields you leave out are not managed. Changing `type`, `enum`, `required` or `owners_groups` replaces the property (Secoda cannot update them in place).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "property".
 */
export interface Property {
  /**
   * The name, unique within its parent (ignoring case and surrounding space). It identifies the resource: renaming it deletes the old one and creates a new one.
   */
  title: string;
  /**
   * The property's data type. `enum` needs an `enum` list of values.
   */
  type?: 'string' | 'enum' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'date' | 'datetime';
  /**
   * The allowed values, when `type` is `enum`. Non-empty, unique, and without commas (Secoda stores them as one comma-separated string).
   *
   * @minItems 1
   */
  enum?: [string | number | boolean, ...(string | number | boolean)[]];
  /**
   * Whether the event must carry this property (Secoda's `is_required`).
   */
  required?: boolean;
  description?: Description;
  definition?: Definition;
  pii?: Pii;
  verified?: Verified;
  published?: Published;
  teams?: Teams;
  owners?: Owners;
  owners_groups?: OwnersGroups;
  collections?: Collections;
  tags?: Tags;
  subscribers?: Subscribers;
  deprecated?: Deprecation;
}
/**
 * Marks the resource as on its way out. Local to the tracking plan: never sent to Secoda. Removing it before `sunset` is a breaking change; after it, a safe one. `validate` warns once the sunset has passed.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "deprecation".
 */
export interface Deprecation {
  /**
   * The day it was deprecated, YYYY-MM-DD.
   */
  since: string;
  /**
   * The day from which it may be removed, YYYY-MM-DD.
   */
  sunset?: string;
  /**
   * The title of what to use instead.
   */
  replacement?: string;
}
