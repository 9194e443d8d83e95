/* Generated from schemas/tracking-plan.schema.json by `npm run schema:types`. Do not edit. */

/**
 * `error`: `tpsync validate` fails; `warning`: reported, validate passes; `off`: not checked. `plan` and `apply` report violations as warnings and go on.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "ruleLevel".
 */
export type RuleLevel = 'error' | 'warning' | 'off';
/**
 * The naming style: `title-case` ("Order Completed"), `sentence-case` ("Order completed"), `snake_case` ("order_completed"), `camelCase` ("orderCompleted") or `kebab-case` ("order-completed").
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "titleStyle".
 */
export type TitleStyle = 'title-case' | 'sentence-case' | 'snake_case' | 'camelCase' | 'kebab-case';
/**
 * The name, unique within its parent (ignoring case and surrounding space). It identifies the resource: renaming it deletes the old one and creates a new one.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "title".
 */
export type Title = string;
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
 * A name as Secoda shows it (compared exactly, after trimming and Unicode NFC) or a Secoda ID (a UUID with or without dashes). `plan`, `apply` and `pull` look names up in Secoda; `validate` does not.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "reference".
 */
export type Reference = string;
/**
 * The Secoda teams the resource belongs to, by name (or ID; compared as a set).
 */
export type Teams = Reference[];
/**
 * A Secoda user: their email (compared without regard to case) or their user ID.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "userReference".
 */
export type UserReference = string;
/**
 * The Secoda users who own the resource, by email (or user ID; compared as a set).
 */
export type Owners = UserReference[];
/**
 * The Secoda groups that own the resource, by name (or ID; compared as a set). Secoda cannot update this in place: a change replaces the resource.
 */
export type OwnersGroups = Reference[];
/**
 * The Secoda collections the resource belongs to, by title (or ID; compared as a set).
 */
export type Collections = Reference[];
/**
 * The Secoda tags on the resource, by name (or ID, where two tags share a name; compared as a set).
 */
export type Tags = Reference[];
/**
 * The Secoda users notified of changes to the resource, by email (or user ID; compared as a set).
 */
export type Subscribers = UserReference[];
/**
 * The Secoda teams the category belongs to, by name (or ID). Used when the category is created; later differences are reported as warnings.
 */
export type ReferenceList = Reference[];
/**
 * `breaking`, `warning` or `safe`.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "compatibilityLevel".
 */
export type CompatibilityLevel = 'breaking' | 'warning' | 'safe';
/**
 * A Secoda integration ID: a UUID, with or without dashes.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "integrationId".
 */
export type IntegrationId = string;
/**
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "referenceList".
 */
export type ReferenceList1 = Reference[];
/**
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "userList".
 */
export type UserList = UserReference[];
/**
 * What every item of an array is.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "propertyItems".
 */
export type PropertyItems = ItemDefinition | ItemUse;
/**
 * The Secoda teams the resource belongs to, by name (or ID; compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "teams".
 */
export type ReferenceList2 = Reference[];
/**
 * The Secoda users who own the resource, by email (or user ID; compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "owners".
 */
export type UserList1 = UserReference[];
/**
 * The Secoda groups that own the resource, by name (or ID; compared as a set). Secoda cannot update this in place: a change replaces the resource.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "owners_groups".
 */
export type ReferenceList3 = Reference[];
/**
 * The Secoda collections the resource belongs to, by title (or ID; compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "collections".
 */
export type ReferenceList4 = Reference[];
/**
 * The Secoda tags on the resource, by name (or ID, where two tags share a name; compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "tags".
 */
export type ReferenceList5 = Reference[];
/**
 * The Secoda users notified of changes to the resource, by email (or user ID; compared as a set).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "subscribers".
 */
export type UserList2 = UserReference[];
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
   * The ID of the Secoda integration that owns these events: a UUID, with or without dashes (Secoda → Integrations → the integration → its ID in the address bar). tpsync reads and changes only resources of this integration.
   */
  integration?: string;
  rules?: Rules;
  /**
   * Shared property definitions, for properties that many events carry (`currency`, `user_id`). An event takes one with `- use: <title>` in its `properties`. Any file of the plan may hold them; a title is defined once across the plan. Secoda sees each event's own copy: changing a definition changes the property on every event that uses it.
   */
  properties?: Property[];
  /**
   * The event categories. Each category is the parent of its events.
   */
  categories?: Category[];
  /**
   * Levels for compatibility checks, by check id, instead of their defaults (docs/breaking-changes.md lists the checks). Only in the file that holds `version` and `integration`. Never sent to Secoda.
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
    'property-became-non-nullable'?: CompatibilityLevel;
    'property-became-nullable'?: CompatibilityLevel;
    'range-narrowed'?: CompatibilityLevel;
    'range-widened'?: CompatibilityLevel;
    'length-narrowed'?: CompatibilityLevel;
    'length-widened'?: CompatibilityLevel;
    'pattern-narrowed'?: CompatibilityLevel;
    'pattern-removed'?: CompatibilityLevel;
    'format-narrowed'?: CompatibilityLevel;
    'format-removed'?: CompatibilityLevel;
    'additional-properties-closed'?: CompatibilityLevel;
    'additional-properties-opened'?: CompatibilityLevel;
    'event-kind-changed'?: CompatibilityLevel;
  };
}
/**
 * Governance rules the plan's events and properties must follow: naming styles, descriptions, owners of personal data, properties every event carries. Only in the file that holds `version` and `integration`. Each rule is off unless listed here; `level` is `error` (validate fails), `warning` (reported, validate passes) or `off`. Rules never reach Secoda. Suppress one violation with a `# tpsync-disable-next-line <rule-id>` comment.
 */
export interface Rules {
  'event-title-style'?: StyleRule;
  'property-title-style'?: StyleRule1;
  'enum-value-style'?: StyleRule2;
  'description-required'?: PlainRule;
  'pii-requires-owner'?: PlainRule1;
  'required-properties'?: RequiredPropertiesRule;
  'title-pattern'?: TitlePatternRule;
  'banned-titles'?: BannedTitlesRule;
  'title-max-length'?: TitleMaxLengthRule;
}
/**
 * Event titles follow a naming style (default title-case).
 */
export interface StyleRule {
  level?: RuleLevel;
  style?: TitleStyle;
}
/**
 * Property titles follow a naming style (default snake_case).
 */
export interface StyleRule1 {
  level?: RuleLevel;
  style?: TitleStyle;
}
/**
 * Enum values follow a naming style (default snake_case).
 */
export interface StyleRule2 {
  level?: RuleLevel;
  style?: TitleStyle;
}
/**
 * Every event and property has a non-empty description.
 */
export interface PlainRule {
  level?: RuleLevel;
}
/**
 * An event or property with `pii: true` has owners (or owners_groups).
 */
export interface PlainRule1 {
  level?: RuleLevel;
}
/**
 * Every event carries the listed properties.
 */
export interface RequiredPropertiesRule {
  level?: RuleLevel;
  /**
   * The property titles every event carries, e.g. `[platform, user_id]`.
   *
   * @minItems 1
   */
  properties: [Title, ...Title[]];
}
/**
 * Event and property titles match regular expressions.
 */
export interface TitlePatternRule {
  level?: RuleLevel;
  /**
   * The pattern event titles match, e.g. `^[A-Z][A-Za-z ]+$`.
   */
  event?: string;
  /**
   * The pattern property titles match, e.g. `^[a-z][a-z0-9_]*$`.
   */
  property?: string;
}
/**
 * No event or property has a banned title (compared ignoring case).
 */
export interface BannedTitlesRule {
  level?: RuleLevel;
  /**
   * The banned titles, compared ignoring case and surrounding spaces, e.g. `[test, tmp, untitled]`.
   *
   * @minItems 1
   */
  titles: [string, ...string[]];
}
/**
 * Event and property titles are at most a number of characters long.
 */
export interface TitleMaxLengthRule {
  level?: RuleLevel;
  /**
   * The most characters an event or property title may have (warehouses often cut column names at 63).
   */
  max: number;
}
/**
 * A property of an event (or of an object, nested). Fields you leave out are not managed. Changing `type`, `enum`, `required` or `owners_groups` replaces the property (Secoda cannot update them in place). `nullable`, `pattern`, the lengths, `format`, the range, `items`, nested `properties` and `additional_properties` are local to the plan: Secoda never receives them.
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
   * The property's data type. `enum` needs an `enum` list of values; `string`, `integer`, `number` and `boolean` may have one too (typed enums).
   */
  type?: 'string' | 'enum' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'date' | 'datetime';
  /**
   * The allowed values: strings with `type: enum`; with `type: string`, `integer`, `number` or `boolean`, values of that type (`type: integer` + `enum: [200, 201]`). Non-empty, unique, and without commas (Secoda stores them as one comma-separated string of their YAML text).
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
  /**
   * Whether `null` is a valid value too (local to the plan: `schema`, `check` and `codegen` use it; Secoda never sees it).
   */
  nullable?: boolean;
  /**
   * Strings only: a regular expression some part of the value matches (write `^…$` to match the whole value). RE2 syntax, run in linear time; it must also read as an ECMA-262 regular expression, the dialect of JSON Schema, since the schema files carry it as written. At most 1,000 characters.
   */
  pattern?: string;
  /**
   * Strings only: the fewest characters (Unicode code points) the value has, inclusive.
   */
  min_length?: number;
  /**
   * Strings only: the most characters (Unicode code points) the value has, inclusive.
   */
  max_length?: number;
  /**
   * Strings only: the value's format, as JSON Schema draft 2020-12 defines it. `type: date` and `type: datetime` have theirs already.
   */
  format?:
    | 'date'
    | 'date-time'
    | 'time'
    | 'duration'
    | 'email'
    | 'hostname'
    | 'ipv4'
    | 'ipv6'
    | 'uri'
    | 'uri-reference'
    | 'uuid';
  /**
   * Integers and numbers only: the smallest value, inclusive.
   */
  minimum?: number;
  /**
   * Integers and numbers only: the largest value, inclusive.
   */
  maximum?: number;
  /**
   * Arrays only: what every item is — a property definition without `title` and `required`, or `{ use: <title> }` of a shared definition.
   */
  items?: ItemDefinition | ItemUse;
  /**
   * Objects only: the object's keys, as a list of properties (the same fields, recursively, each with its own `required`).
   */
  properties?: Property[];
  /**
   * Objects with `properties` only: whether keys the list does not name are allowed. Default: not allowed, unless `schema` / `check` run with `--additional-properties`.
   */
  additional_properties?: boolean;
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
/**
 * An array's item: a property definition without `title` and `required`.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "itemDefinition".
 */
export interface ItemDefinition {
  /**
   * The property's data type. `enum` needs an `enum` list of values; `string`, `integer`, `number` and `boolean` may have one too (typed enums).
   */
  type?: 'string' | 'enum' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'date' | 'datetime';
  /**
   * The allowed values: strings with `type: enum`; with `type: string`, `integer`, `number` or `boolean`, values of that type (`type: integer` + `enum: [200, 201]`). Non-empty, unique, and without commas (Secoda stores them as one comma-separated string of their YAML text).
   *
   * @minItems 1
   */
  enum?: [string | number | boolean, ...(string | number | boolean)[]];
  /**
   * Whether `null` is a valid value too (local to the plan: `schema`, `check` and `codegen` use it; Secoda never sees it).
   */
  nullable?: boolean;
  /**
   * Strings only: a regular expression some part of the value matches (write `^…$` to match the whole value). RE2 syntax, run in linear time; it must also read as an ECMA-262 regular expression, the dialect of JSON Schema, since the schema files carry it as written. At most 1,000 characters.
   */
  pattern?: string;
  /**
   * Strings only: the fewest characters (Unicode code points) the value has, inclusive.
   */
  min_length?: number;
  /**
   * Strings only: the most characters (Unicode code points) the value has, inclusive.
   */
  max_length?: number;
  /**
   * Strings only: the value's format, as JSON Schema draft 2020-12 defines it. `type: date` and `type: datetime` have theirs already.
   */
  format?:
    | 'date'
    | 'date-time'
    | 'time'
    | 'duration'
    | 'email'
    | 'hostname'
    | 'ipv4'
    | 'ipv6'
    | 'uri'
    | 'uri-reference'
    | 'uuid';
  /**
   * Integers and numbers only: the smallest value, inclusive.
   */
  minimum?: number;
  /**
   * Integers and numbers only: the largest value, inclusive.
   */
  maximum?: number;
  /**
   * Arrays only: what every item is — a property definition without `title` and `required`, or `{ use: <title> }` of a shared definition.
   */
  items?: ItemDefinition | ItemUse;
  /**
   * Objects only: the object's keys, as a list of properties (the same fields, recursively, each with its own `required`).
   */
  properties?: Property[];
  /**
   * Objects with `properties` only: whether keys the list does not name are allowed. Default: not allowed, unless `schema` / `check` run with `--additional-properties`.
   */
  additional_properties?: boolean;
  description?: Description;
}
/**
 * An array's item taken from a shared property definition: its type, enum, `nullable`, constraints, `items`, `properties` and description.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "itemUse".
 */
export interface ItemUse {
  /**
   * The name, unique within its parent (ignoring case and surrounding space). It identifies the resource: renaming it deletes the old one and creates a new one.
   */
  use: string;
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
  teams?: ReferenceList;
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
   * The properties sent with this event: each written out in full, or `- use: <title>` of a shared property definition.
   */
  properties?: (Property | PropertyUse)[];
  deprecated?: Deprecation;
  /**
   * The call type the event stands for (Segment's and RudderStack's `type`): `track` (the default), `identify`, `page`, `screen` or `group`. `check` matches calls by it (see docs/plan-language.md); `schema` and `codegen` give each kind its shape. Local to the plan: Secoda receives the event as before.
   */
  kind?: 'track' | 'identify' | 'page' | 'screen' | 'group';
  /**
   * `page` and `screen` events only: the event stands for every call of its kind whatever its `name` (calls that no page or screen event names), as RudderStack's page and screen rules do. Local to the plan.
   */
  any_name?: boolean;
  /**
   * Whether payloads of this event may carry properties the plan does not name: `true` keeps it open, `false` closed, whatever `--additional-properties` says for the rest. Local to the plan.
   */
  additional_properties?: boolean;
}
/**
 * A property taken from a shared definition (`- use: currency`). Fields written beside `use` override the definition's for this event; `title`, `type` and `enum` come only from the definition.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "propertyUse".
 */
export interface PropertyUse {
  /**
   * The name, unique within its parent (ignoring case and surrounding space). It identifies the resource: renaming it deletes the old one and creates a new one.
   */
  use: string;
  /**
   * Whether this event must carry the property (Secoda's `is_required`); overrides the definition's.
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
 * The governance rules the plan follows, by rule id. docs/plan-language.md lists the rules.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "rules".
 */
export interface Rules1 {
  'event-title-style'?: StyleRule;
  'property-title-style'?: StyleRule1;
  'enum-value-style'?: StyleRule2;
  'description-required'?: PlainRule;
  'pii-requires-owner'?: PlainRule1;
  'required-properties'?: RequiredPropertiesRule;
  'title-pattern'?: TitlePatternRule;
  'banned-titles'?: BannedTitlesRule;
  'title-max-length'?: TitleMaxLengthRule;
}
/**
 * A naming-style rule.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "styleRule".
 */
export interface StyleRule3 {
  level?: RuleLevel;
  style?: TitleStyle;
}
/**
 * A rule with no options but its level.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "plainRule".
 */
export interface PlainRule2 {
  level?: RuleLevel;
}
/**
 * Titles of properties every event must carry (written out or through `use`).
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "requiredPropertiesRule".
 */
export interface RequiredPropertiesRule1 {
  level?: RuleLevel;
  /**
   * The property titles every event carries, e.g. `[platform, user_id]`.
   *
   * @minItems 1
   */
  properties: [Title, ...Title[]];
}
/**
 * Regular expressions (RE2 syntax, matched in linear time: no backreferences or lookaround; flags inline, e.g. `(?i)`; at most 1,000 characters) that titles must match.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "titlePatternRule".
 */
export interface TitlePatternRule1 {
  level?: RuleLevel;
  /**
   * The pattern event titles match, e.g. `^[A-Z][A-Za-z ]+$`.
   */
  event?: string;
  /**
   * The pattern property titles match, e.g. `^[a-z][a-z0-9_]*$`.
   */
  property?: string;
}
/**
 * Titles no event or property may have.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "bannedTitlesRule".
 */
export interface BannedTitlesRule1 {
  level?: RuleLevel;
  /**
   * The banned titles, compared ignoring case and surrounding spaces, e.g. `[test, tmp, untitled]`.
   *
   * @minItems 1
   */
  titles: [string, ...string[]];
}
/**
 * A maximum title length.
 *
 * This interface was referenced by `TpsyncTrackingPlan`'s JSON-Schema
 * via the `definition` "titleMaxLengthRule".
 */
export interface TitleMaxLengthRule1 {
  level?: RuleLevel;
  /**
   * The most characters an event or property title may have (warehouses often cut column names at 63).
   */
  max: number;
}
