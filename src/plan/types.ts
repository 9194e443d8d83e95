/**
 * The plan is data: what apply will do, why, and what it was computed from. Its JSON form
 * (`format_version` 2) is what `plan --json` prints and `plan --out` saves.
 */
import type { NamesById } from '../secoda/directories.js';
import type { PatchFields } from '../secoda/types.js';
import type { CommonFields, CompatibilityLevel, Deprecation } from '../tracking-plan/types.js';

export type ResourceKind = 'category' | 'event' | 'property';
export type Action = 'create' | 'update' | 'replace' | 'delete';

export type FieldValue = string | boolean | string[] | null;

export interface FieldChange {
  readonly field: string;
  readonly before: FieldValue;
  readonly after: FieldValue;
}

/** What a create sends, besides `integration` and `parent` (resolved when it runs). */
export type CreateBody = { title: string } & CommonFields & {
    type?: string;
    /** Comma-separated, as the API stores it. */
    enum?: string;
    is_required?: boolean;
  };

/**
 * Where a change comes from, told by comparing the YAML with its version at a git ref
 * (`plan --baseline`): the YAML changed (`tracking-plan`), or it did not and Secoda did
 * (`secoda`, drift).
 */
export type Origin = 'tracking-plan' | 'secoda';

/**
 * Who last changed a drifted resource in Secoda, from its audit log (issue 23): the newest entry
 * by `logged_at`. Set by `plan` only (src/plan/drift-attribution.ts), never part of what an
 * operation does (its digest).
 */
export interface SecodaChange {
  /** The performer's email (their name when the log gives no email). */
  readonly by: string;
  /** The day of the change in UTC: `2026-12-01`. */
  readonly on: string;
  /** When, as the audit log wrote it (ISO 8601). */
  readonly logged_at: string;
  /** The log's `activity_type` (`update`, `create`, …), when it gives one. */
  readonly activity: string | null;
}

interface OperationBase {
  readonly kind: ResourceKind;
  /** Titles from the category down: ["Checkout", "Order Completed", "currency"]. */
  readonly path: readonly string[];
  readonly changes: readonly FieldChange[];
  /** Why, in words, when the action alone does not say it. */
  readonly reason: string | null;
  /** Set only with a baseline: null when it cannot be told. */
  readonly origin?: Origin | null;
  /** On drift, who changed the resource in Secoda and when (the audit log's newest entry). */
  readonly changed_in_secoda?: SecodaChange;
  /** What the change breaks, for whom (src/compatibility/); set by the classification pass. */
  readonly compatibility?: Compatibility;
  /** The resource's `deprecated:` metadata (for a removal: as the baseline wrote it); set by the classification pass. */
  readonly deprecated?: Deprecation;
  /**
   * For a property that comes from a shared definition (`- use: <title>`), when the change
   * comes from the definition (not only from fields the event overrides): its title.
   */
  readonly shared_definition?: string;
}

/** One finding of a compatibility check on an operation. */
export interface CompatibilityCheck {
  /** A stable check id from src/compatibility/check-registry.ts, e.g. `enum-value-removed`. */
  readonly id: string;
  readonly level: CompatibilityLevel;
  /** What breaks for whom, in one line. */
  readonly message: string;
}

/** An operation's verdict: its worst check's level, and every check that applies (worst first). */
export interface Compatibility {
  readonly level: CompatibilityLevel;
  readonly checks: readonly CompatibilityCheck[];
}

/** Operations counted by their verdict's level. */
export interface LevelCounts {
  readonly breaking: number;
  readonly warning: number;
  readonly safe: number;
}

export interface CompatibilitySummary extends LevelCounts {
  /** With a baseline: the operations counted above that come from drift in Secoda (origin `secoda`). */
  readonly drift?: LevelCounts;
}

export interface CreateOperation extends OperationBase {
  readonly action: 'create';
  readonly remote_id: null;
  /** The parent's ID when it exists already; null when the parent is created by this plan. */
  readonly parent_id: string | null;
  readonly body: CreateBody;
}

export interface UpdateOperation extends OperationBase {
  readonly action: 'update';
  readonly remote_id: string;
  readonly patch: PatchFields;
}

export interface ReplaceOperation extends OperationBase {
  readonly action: 'replace';
  readonly remote_id: string;
  /** The fields that cannot change in place and so force the replacement. */
  readonly forced_by: readonly string[];
  readonly parent_id: string | null;
  readonly body: CreateBody;
}

export interface DeleteOperation extends OperationBase {
  readonly action: 'delete';
  readonly remote_id: string;
  /** The remote parent's ID (a property's event, an event's category), so children go first. */
  readonly parent_id: string | null;
  /** For a remote duplicate: the ID of the copy that is kept. */
  readonly duplicate_of: string | null;
}

export type Operation = CreateOperation | UpdateOperation | ReplaceOperation | DeleteOperation;

/**
 * A change to what the plan says that Secoda does not hold (src/compatibility/local-diff.ts): a
 * property's `nullable`, pattern, lengths, format, range, nested properties or items, an event's
 * `kind` or `additional_properties`. Found only against a baseline (`--baseline`); never applied.
 */
export interface LocalChange {
  readonly kind: 'event' | 'property';
  /** Never an operation: it plans no write. */
  readonly action: 'local';
  /**
   * Titles from the category down; a place inside a property is named by its path from it:
   * ["Checkout", "Order Completed", "address.city"], ["Checkout", "Order Completed", "tags[]"].
   */
  readonly path: readonly string[];
  /** Numbers as their text (`"1"`), absent values as null. */
  readonly changes: readonly FieldChange[];
  /** What the change breaks, for whom; set by the classification pass. */
  readonly compatibility?: Compatibility;
}

export interface Warning {
  readonly code: 'category-not-in-plan' | 'category-duplicate' | 'category-teams-differ' | 'mass-delete';
  readonly path: readonly string[];
  readonly message: string;
  /** The manual step that resolves it. */
  readonly hint: string;
}

export interface PlanSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  readonly warnings: number;
  /** HTTP calls that change something (creates, patches, deletes; a replace is two), all paced. */
  readonly write_calls: number;
  /** null when unpaced. */
  readonly writes_per_minute: number | null;
  /** How long the write calls take at that rate; null when unpaced. */
  readonly estimated_seconds: number | null;
  /** Remote events and properties under the integration before the change. */
  readonly managed_resources: number;
  /** Operations per compatibility level; set by the classification pass. */
  readonly compatibility?: CompatibilitySummary;
}

export interface Plan {
  readonly format_version: typeof PLAN_FORMAT_VERSION;
  readonly integration: string;
  readonly summary: PlanSummary;
  readonly operations: readonly Operation[];
  readonly warnings: readonly Warning[];
  /** With a baseline: changes to what only the plan holds, each with its verdict (none: absent). */
  readonly local_changes?: readonly LocalChange[];
  /** sha256 of the remote state (in scope) the plan was computed from. */
  readonly remote_fingerprint: string;
  /** sha256 of the tracking plan's content. */
  readonly tracking_plan_fingerprint: string;
  /**
   * The names of the IDs its reference fields hold (owners' emails, tags' names, …), from Secoda's
   * directories: the renderings show them. Not part of what the plan does (its digests ignore it).
   */
  readonly names?: NamesById;
}

/** 2: operations carry `compatibility` (and `deprecated`), the summary counts them per level. */
export const PLAN_FORMAT_VERSION = 2 as const;
