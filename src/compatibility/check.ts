/**
 * What a compatibility check is: a stable id (used in plan JSON, in `compatibility:` overrides
 * and in docs/breaking-changes.md), a default level, a one-line description, and a detect
 * function that looks at one operation in its situation (situation.ts) and says what breaks for
 * whom, or nothing. Each family of checks is one file; check-registry.ts lists them all.
 *
 * "Senders" are the apps that send events; "readers" are the dashboards, models and people
 * that use them.
 */
import type { LocalChange, Operation } from '../plan/types.js';
import type { Deprecation } from '../tracking-plan/types.js';
import type { CompatibilityLevel } from './levels.js';
import type { Situation } from './situation.js';

/** What a check found on one operation, before its level is settled (overrides, deprecation). */
export interface Finding {
  /** What breaks for whom, in one line. */
  readonly message: string;
  /** For a removal (event-removed, property-removed): whether and how the item was deprecated. */
  readonly removal?: { readonly deprecation: Deprecation | undefined };
}

/** What a check may know besides the operation and its situation. */
export interface CheckContext {
  /** Today as YYYY-MM-DD: a deprecation sunset on or before it has passed. */
  readonly today: string;
}

export interface Check<Id extends string = string> {
  readonly id: Id;
  /** The level it reports at unless the header file's `compatibility:` says otherwise. */
  readonly level: CompatibilityLevel;
  /** What it finds and why it has its level, in one line (the table in docs/breaking-changes.md shows it). */
  readonly description: string;
  /**
   * Its finding on `op` — an operation of the plan, or a change to what only the plan says
   * (local-diff.ts), always in a `changed` situation; null when the check does not apply.
   */
  detect(op: Operation | LocalChange, situation: Situation, context: CheckContext): Finding | null;
}
