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
 * That an event or property is on its way out (`deprecated:` in the YAML). Dates are
 * `YYYY-MM-DD` strings exactly as written; `replacement` names what to use instead.
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
  source?: SourceRef;
}

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

export interface TrackingPlan {
  version: 1;
  integration: string;
  categories: PlanCategory[];
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
