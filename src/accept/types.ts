/**
 * What accept takes and gives. It reads the plan that `plan` computes (src/plan/types.ts) through
 * the structural types below — the fields it needs of an operation and a warning — so a Plan's
 * operations are given as they are, without accept depending on the planner's layer.
 */
import type { TrackingPlan } from '../tracking-plan/types.js';
import type { ReferenceNames } from './reference-text.js';

export type DriftValue = string | boolean | readonly string[] | null;

/** A field change of an operation: `before` is Secoda's value, `after` the YAML's. */
export interface DriftChange {
  readonly field: string;
  readonly before: DriftValue;
  readonly after: DriftValue;
}

/** An operation of the plan (src/plan/types.ts `Operation`), as accept reads it. */
export interface DriftOperation {
  readonly action: 'create' | 'update' | 'replace' | 'delete';
  readonly kind: 'category' | 'event' | 'property';
  readonly path: readonly string[];
  readonly changes: readonly DriftChange[];
  readonly remote_id: string | null;
  readonly parent_id?: string | null;
  readonly forced_by?: readonly string[];
  readonly duplicate_of?: string | null;
}

/** A warning of the plan (a category the API cannot change), as accept reads it. */
export interface DriftWarning {
  readonly code: string;
  readonly path: readonly string[];
  readonly message: string;
}

/** The plan for one version of the YAML: what it loaded as, and what `plan` shows against Secoda. */
export interface PlannedDrift {
  readonly trackingPlan: TrackingPlan;
  readonly operations: readonly DriftOperation[];
  readonly warnings: readonly DriftWarning[];
}

/** One file of the plan, as text (accept edits the text; the bytes around every edit stay). */
export interface TextFile {
  /** As the loader was given it (plan issues and `SourceRef.file` use the same). */
  readonly path: string;
  readonly text: string;
}

/** The fields accept can take: every field that can drift and that a YAML may manage. */
export const ACCEPTABLE_FIELDS = [
  'description',
  'definition',
  'pii',
  'verified',
  'published',
  'teams',
  'owners',
  'owners_groups',
  'tags',
  'collections',
  'subscribers',
] as const;

export type AcceptableField = (typeof ACCEPTABLE_FIELDS)[number];

/** Events and properties that Secoda holds and the YAML lacks, for `--new` (the CLI composes them from `pull`). */
export interface NewResources {
  /** Secoda's catalog under the integration, as `pull` would write it. */
  readonly categories: TrackingPlan['categories'];
  /** Why `pull` could not write a resource, by its path (titles joined with ` › `). */
  readonly notes: ReadonlyMap<string, string>;
  /** A category, event or property as one item of a YAML block list, as `pull` writes it (lines at column 0). */
  readonly render: (kind: 'category' | 'event' | 'property', entry: unknown) => string[];
}

export interface AcceptOptions {
  /** The fields to take (default: ACCEPTABLE_FIELDS). A field the YAML leaves out is never added. */
  readonly fields: ReadonlySet<string>;
  /** Whether two values of `field` are the same to the planner (text normalised, lists as sets of IDs). */
  readonly same: (field: string, a: DriftValue, b: DriftValue) => boolean;
  /** With `--new`: what Secoda holds that the YAML lacks, to add. */
  readonly newResources?: NewResources;
  /** References written by name where these resolve (issue 23); by ID without. */
  readonly names?: ReferenceNames;
}

/** A value of the YAML replaced by Secoda's. */
export interface AcceptedChange {
  /** `definition`: a shared property definition (`path` is its title), changed for every event that uses it. */
  readonly kind: 'event' | 'property' | 'definition';
  readonly path: readonly string[];
  readonly field: string;
  /** The YAML's value before, and Secoda's, now in the YAML. */
  readonly before: DriftValue;
  readonly after: DriftValue;
  /** Where it is written: the file, and the 1-based line of the value (or of its mapping, for a new key). */
  readonly file: string;
  readonly line: number;
  /** `override`: written beside `use:` for this event, because not every event that uses the definition changed alike. */
  readonly via?: 'override';
  /** For a property taken from a shared definition: its title. */
  readonly definition?: string;
}

/** A category, event or property added from Secoda (`--new`). */
export interface AddedResource {
  readonly kind: 'category' | 'event' | 'property';
  readonly path: readonly string[];
  readonly file: string;
}

/** What accept left for a person: said plainly, with what to do. */
export interface LeftChange {
  /** `definition`: a shared property definition (`path` is its title). */
  readonly kind: 'category' | 'event' | 'property' | 'definition';
  readonly path: readonly string[];
  /** The field, when one field is left (others of the same resource may be accepted). */
  readonly field?: string;
  readonly reason: string;
  /** `fields`: left because `--fields` did not ask for it; otherwise tpsync cannot accept it. */
  readonly cause: 'not-acceptable' | 'fields' | 'new';
}

/** A note about how something was accepted (an override written for a shared definition). */
export interface AcceptNote {
  readonly path: readonly string[];
  readonly message: string;
}

export interface AcceptResult {
  /** Every plan file, with its text after the accept (the same text when nothing changed in it). */
  readonly files: readonly TextFile[];
  readonly accepted: readonly AcceptedChange[];
  readonly added: readonly AddedResource[];
  readonly left: readonly LeftChange[];
  readonly notes: readonly AcceptNote[];
}
