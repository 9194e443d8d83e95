/**
 * What `tpsync check` finds: counts by kind and by event, each with the first line numbers
 * where it was seen. Holds no payload and no property value (payloads may carry personal
 * data), only counts, names and line numbers, so its size does not grow with the input.
 */

/** The kinds of violation, in the order reports list them. */
export const VIOLATION_KINDS = [
  'unplanned-event',
  'unplanned-property',
  'missing-required',
  'wrong-type',
  'value-not-in-enum',
  'invalid-json',
] as const;

export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** How many line numbers each count keeps: the first ones, in input order. */
export const MAX_LINES = 5;

/** A count and the first `MAX_LINES` distinct line numbers (1-based) it was seen on. */
export interface LineSample {
  readonly count: number;
  readonly lines: readonly number[];
}

/** One kind of violation on one property (or on the whole event) of one event name. */
export interface ViolationGroup extends LineSample {
  readonly kind: ViolationKind;
  /** The property concerned; absent for `unplanned-event`. */
  readonly property?: string;
  /** What the plan expects, in words ("an integer", "one of: red, green"); for `wrong-type` and `value-not-in-enum`. */
  readonly expected?: string;
}

/** Everything seen for one event name. */
export interface EventTally {
  /** The event name: a track call's event, a page or screen call's name, the plan's title of an identify or group event. */
  readonly event: string;
  /** The call type, when not `track`. */
  readonly type?: 'identify' | 'page' | 'screen' | 'group';
  /** Whether the plan has an event of this title. */
  readonly planned: boolean;
  /** The categories that hold an event of this title (more than one: a payload passes if it fits any). */
  readonly categories: readonly string[];
  /** Payloads of this event that were checked. */
  readonly checked: number;
  /** Of those, how many had at least one violation. */
  readonly invalid: number;
  readonly violations: readonly ViolationGroup[];
  /** For an unplanned event: the planned event it most likely meant. */
  readonly suggestion?: string;
}

/** Lines that are not a payload tpsync can read (`invalid-json`), by reason. */
export interface UnreadableGroup extends LineSample {
  readonly reason: string;
}

export interface CheckReport {
  /** Lines read, blank ones included. */
  readonly lines: number;
  /** Empty or whitespace-only lines: ignored. */
  readonly blank: number;
  /** Calls of a type the plan has no event of (`alias`, and `identify`, `page`, … without planned ones): not checked. */
  readonly skipped: number;
  /** Calls checked against the plan. */
  readonly checked: number;
  /** Checked payloads without any violation. */
  readonly valid: number;
  /** Checked payloads with at least one violation. */
  readonly invalid: number;
  /** Every violation counted once; an `invalid-json` line is one violation. */
  readonly violations: number;
  readonly byKind: Readonly<Record<ViolationKind, LineSample>>;
  /** Every event name seen, sorted by name. */
  readonly events: readonly EventTally[];
  readonly unreadable: readonly UnreadableGroup[];
  /**
   * Set when more distinct event names or property names came than a report keeps apart
   * (`MAX_EVENT_NAMES`, `MAX_GROUPS_PER_EVENT`): the rest are counted under one catch-all entry.
   */
  readonly capped: boolean;
}
