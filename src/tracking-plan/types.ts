/**
 * The tracking plan after loading: merged across files, validated, normalised
 * (enum values as strings). The raw shape of one file is `TrackingPlanFile`, generated
 * from the JSON Schema into schema-types.generated.ts.
 */
import type { PropertyFile, PropertyType } from './schema-types.js';

export type { PropertyType };

/** A string format a property may name (`format:`): JSON Schema draft 2020-12's, as the schema lists them. */
export type StringFormat = NonNullable<PropertyFile['format']>;

/** The call type an event stands for (Segment's and RudderStack's `type`); `track` when the YAML leaves it out. */
export type EventKind = 'track' | 'identify' | 'page' | 'screen' | 'group';

/** An enum value typed by its property's `type`: a number for integer and number, a boolean for boolean, else text. */
export type EnumValue = string | number | boolean;

/** Where a node of the plan is written, for messages that point back at the YAML. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Fields that events and properties share, each optional: a field left out is not managed. */
export interface CommonFields {
  description?: string;
  definition?: string;
  pii?: boolean;
  verified?: boolean;
  published?: boolean;
  teams?: string[];
  owners?: string[];
  owners_groups?: string[];
  collections?: string[];
  tags?: string[];
  subscribers?: string[];
}

/**
 * An event or property on its way out (`deprecated:` in the YAML): local metadata that is never
 * sent to Secoda. Dates are `YYYY-MM-DD`, exactly as written; `sunset` is the day it may be
 * removed, `replacement` the title to use instead.
 */
export interface Deprecation {
  since: string;
  sunset?: string;
  replacement?: string;
}

/**
 * What a value is, beyond what Secoda holds: the keys of a property that only `schema`, `check`
 * and `codegen` read (the planner reads `type` and `enum` alone, as Secoda's fields). Lengths are
 * in Unicode code points; `minimum` and `maximum` are inclusive. Each key is set only when the
 * YAML writes it.
 */
export interface PropertyShape {
  type?: PropertyType;
  /** The enum's values as Secoda receives them: the YAML text of each (`200`, `1.50`, `true`), in the plan's order. */
  enum?: string[];
  /**
   * The same values typed by `type`, set only for `integer`, `number` and `boolean` (for the other
   * types the values are the texts of `enum`): `[200, 201]`.
   */
  enum_values?: EnumValue[];
  nullable?: boolean;
  pattern?: string;
  min_length?: number;
  max_length?: number;
  format?: StringFormat;
  minimum?: number;
  maximum?: number;
  /** Arrays: what every item is. */
  items?: PlanItems;
  /** Objects: their keys, as nested properties (each with its own `required`). */
  properties?: PlanProperty[];
  /** Objects with `properties`: whether other keys are allowed; absent: the run's default (closed unless `--additional-properties`). */
  additional_properties?: boolean;
}

/** The keys of an event that are local to the plan (never sent to Secoda), besides `deprecated`. */
export const EVENT_LOCAL_FIELDS = ['kind', 'any_name', 'additional_properties'] as const satisfies readonly (keyof PlanEvent)[];

/** The local shape keys, in the YAML's order (not `type` and `enum`, which Secoda holds too). */
export const LOCAL_SHAPE_FIELDS = [
  'nullable',
  'pattern',
  'min_length',
  'max_length',
  'format',
  'minimum',
  'maximum',
  'items',
  'properties',
  'additional_properties',
] as const satisfies readonly (keyof PropertyShape)[];

/**
 * An array's item: a shape with a description. `items: { use: <title> }` is expanded at load time
 * into the definition's shape; `shared` then names the definition.
 */
export interface PlanItems extends PropertyShape {
  description?: string;
  shared?: { readonly definition: string };
}

export interface PlanProperty extends CommonFields, PropertyShape {
  title: string;
  required?: boolean;
  deprecated?: Deprecation;
  // No source reference: nothing reads one for a property. Problems are located from the YAML itself.
  /** Set when the property comes from a shared definition (`- use: <title>`); not content: Secoda never sees it. */
  shared?: SharedUse;
}

/** How an event's property was taken from a shared property definition. */
export interface SharedUse {
  /** The title of the definition used (the property's title). */
  readonly definition: string;
  /** The fields written beside `use`, which override the definition's for this event. */
  readonly overrides: readonly OverridableField[];
}

/** The fields an event may write beside `use` (all but `title`, `type` and `enum`, which the definition sets). */
export type OverridableField = 'required' | keyof CommonFields;

export interface PlanEvent extends CommonFields {
  title: string;
  /** The call type; absent means `track`. Local to the plan, like the two below. */
  kind?: EventKind;
  /** `page` and `screen` only: the event stands for every call of its kind that no event of that kind names. */
  any_name?: boolean;
  /** Whether its payloads may carry unplanned properties; absent: the run's default. */
  additional_properties?: boolean;
  properties: PlanProperty[];
  deprecated?: Deprecation;
  source?: SourceRef;
}

export interface PlanCategory {
  title: string;
  teams?: string[];
  events: PlanEvent[];
  source?: SourceRef;
}

/** The level a compatibility check reports at (see src/compatibility/). */
export type CompatibilityLevel = 'breaking' | 'warning' | 'safe';

export interface TrackingPlan {
  version: 1;
  integration: string;
  categories: PlanCategory[];
  /** Levels set per compatibility check id in the header file (`compatibility:`); never sent to Secoda. */
  compatibility?: Record<string, CompatibilityLevel>;
}

export const COMMON_FIELDS = [
  'description',
  'definition',
  'pii',
  'verified',
  'published',
  'teams',
  'owners',
  'owners_groups',
  'collections',
  'tags',
  'subscribers',
] as const satisfies readonly (keyof CommonFields)[];

export const LIST_FIELDS = [
  'teams',
  'owners',
  'owners_groups',
  'collections',
  'tags',
  'subscribers',
] as const satisfies readonly (keyof CommonFields)[];

/** What an event may override beside `use`, in the order the YAML writes it (the schema's propertyUse agrees: a test checks). */
export const OVERRIDABLE_FIELDS: readonly OverridableField[] = ['required', ...COMMON_FIELDS];
