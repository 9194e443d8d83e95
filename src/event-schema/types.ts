/**
 * The shapes of the per-event JSON Schemas (draft 2020-12) that the tracking plan turns into.
 * `schema`, `check` and `codegen` all read these, never the plan's property types directly.
 */

import type { Deprecation } from '../tracking-plan/types.js';

/** The JSON Schema dialect every event schema declares (`$schema`). */
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** JSON Schema's primitive type names that a plan property can become. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** The formats a plan property can carry: `date` is RFC 3339 `full-date`, `date-time` RFC 3339 `date-time`. */
export type JsonFormat = 'date' | 'date-time';

/**
 * The schema of one property's value. A property whose `type` the plan leaves out has no
 * `type` here: any JSON value is allowed. Enum values are strings, exactly as written in the plan.
 */
export interface PropertyJsonSchema {
  readonly type?: JsonType;
  readonly format?: JsonFormat;
  readonly enum?: readonly string[];
  readonly description?: string;
  /** JSON Schema's meta-data keyword, set when the plan marks the property deprecated. */
  readonly deprecated?: true;
}

/** The schema of one event's `properties` object. */
export interface EventJsonSchema {
  readonly $schema: typeof DRAFT_2020_12;
  /** The file name relative to the schema directory, or resolved against `--id-base` when given. */
  readonly $id: string;
  /** The event's title, exactly as in the plan. */
  readonly title: string;
  readonly description?: string;
  readonly deprecated?: true;
  readonly type: 'object';
  /** One entry per planned property, in plan order. Built with own keys only (a title may be `__proto__`). */
  readonly properties: Readonly<Record<string, PropertyJsonSchema>>;
  /** Titles of the properties with `required: true`, in plan order. */
  readonly required: readonly string[];
  readonly additionalProperties: boolean;
}

/** One event of the plan with its schema and where the schema file goes. */
export interface EventSchemaEntry {
  /** The category title: an event's identity is its category and its title. */
  readonly category: string;
  /** The event title, which is also the event name that payloads carry. */
  readonly event: string;
  /** The schema file's path relative to the output directory, `/`-separated: `checkout/order-completed.schema.json`. */
  readonly file: string;
  readonly schema: EventJsonSchema;
  /** Deprecation metadata of the event, as in the plan (for code generation). */
  readonly deprecation?: Deprecation;
  /** Deprecation metadata of the properties that have it, by title, as in the plan. */
  readonly propertyDeprecations: ReadonlyMap<string, Deprecation>;
}

/** Every event of a plan, in plan order (categories as loaded, events as written). */
export interface EventSchemaSet {
  readonly integration: string;
  readonly additionalProperties: boolean;
  readonly entries: readonly EventSchemaEntry[];
}

export interface EventSchemaOptions {
  /** Whether payloads may carry properties the plan does not name. Default false. */
  readonly additionalProperties?: boolean;
  /** An absolute URI that `$id`s are resolved against (a trailing `/` is added when missing). Default: none, `$id` is the file name. */
  readonly idBase?: string;
}
