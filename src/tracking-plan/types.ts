/**
 * The tracking plan after loading: merged across files, validated, normalised
 * (enum values as strings). The raw shape of one file is `TrackingPlanFile`, generated
 * from the JSON Schema into schema-types.generated.ts.
 */
import type { PropertyType } from './schema-types.js';

export type { PropertyType };

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

export interface PlanProperty extends CommonFields {
  title: string;
  type?: PropertyType;
  enum?: string[];
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
