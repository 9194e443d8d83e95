/**
 * The counts of a payload check (payload-check.ts feeds it): by kind, by event name and by
 * (kind, property) within an event, each with the first line numbers where it was seen, and the
 * lines that are not payloads, by reason. Holds counts, names and line numbers only, never a
 * payload, and at most MAX_EVENT_NAMES names and MAX_GROUPS_PER_EVENT groups per event (the rest
 * go under one catch-all entry), so it stays flat however long the input. Pure.
 */
import type { EventSchemaEntry } from '../event-schema/types.js';
import { compareText } from '../plan/compare.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import { expectedText } from './expected-text.js';
import {
  MAX_LINES,
  VIOLATION_KINDS,
  type CheckReport,
  type EventTally,
  type LineSample,
  type UnreadableGroup,
  type ViolationGroup,
  type ViolationKind,
} from './report.js';
import type { Violation } from './validators.js';

/** Distinct event names kept apart in a report; more (a flood of unplanned names) go under one entry. */
export const MAX_EVENT_NAMES = 10_000;
/** Distinct (kind, property) groups kept apart per event; more go under one entry. */
export const MAX_GROUPS_PER_EVENT = 1_000;
/** The event name that collects event names beyond `MAX_EVENT_NAMES`. */
export const OTHER_EVENTS = '(other unplanned events)';
/** The property name that collects property names beyond `MAX_GROUPS_PER_EVENT`. */
export const OTHER_PROPERTIES = '(other properties)';

class Sample {
  count = 0;
  readonly lines: number[] = [];

  add(line: number): void {
    this.count++;
    if (this.lines.length < MAX_LINES && this.lines[this.lines.length - 1] !== line) this.lines.push(line);
  }

  toJSON(): LineSample {
    return { count: this.count, lines: [...this.lines] };
  }
}

/** What is counted for one event name; `entries`: the plan's events of that title (none when it is not planned). */
class EventState {
  checked = 0;
  invalid = 0;
  readonly groups = new Map<string, { kind: ViolationKind; property?: string; sample: Sample }>();
  constructor(readonly entries: readonly EventSchemaEntry[] | undefined) {}
}

/** The counts of one check run; `report()` gives them as a CheckReport. */
export class CheckTally {
  lines = 0;
  blank = 0;
  skipped = 0;
  checked = 0;
  invalid = 0;
  private readonly events = new Map<string, EventState>();
  private readonly byKind = new Map<ViolationKind, Sample>(VIOLATION_KINDS.map((kind) => [kind, new Sample()]));
  private readonly unreadable = new Map<string, Sample>();
  private capped = false;
  private unplannedNames = 0;

  /** @param planned the plan's event schemas by event title */
  constructor(private readonly planned: ReadonlyMap<string, readonly EventSchemaEntry[]>) {}

  /** A payload of event `name` was checked: with these violations (none: it is valid). */
  payload(name: string, violations: readonly Violation[], lineNumber: number): void {
    this.checked++;
    const state = this.eventState(name);
    state.checked++;
    if (violations.length === 0) return;
    this.invalid++;
    state.invalid++;
    for (const violation of violations) this.violation(state, violation, lineNumber);
  }

  /** A line that is not a payload tpsync can read, and why (`UNREADABLE` of payload-check.ts). */
  unreadableLine(reason: string, lineNumber: number): void {
    let sample = this.unreadable.get(reason);
    if (sample === undefined) {
      sample = new Sample();
      this.unreadable.set(reason, sample);
    }
    sample.add(lineNumber);
    this.byKind.get('invalid-json')?.add(lineNumber);
  }

  private eventState(name: string): EventState {
    let state = this.events.get(name);
    if (state !== undefined) return state;
    const planned = this.planned.get(name);
    if (planned === undefined && this.unplannedNames >= MAX_EVENT_NAMES) {
      this.capped = true;
      name = OTHER_EVENTS;
      state = this.events.get(name);
      if (state !== undefined) return state;
    }
    state = new EventState(planned);
    this.events.set(name, state);
    if (planned === undefined && name !== OTHER_EVENTS) this.unplannedNames++;
    return state;
  }

  private violation(state: EventState, violation: Violation, lineNumber: number): void {
    let property = violation.property;
    let key = `${violation.kind}\0${property ?? ''}`;
    let group = state.groups.get(key);
    if (group === undefined) {
      if (state.groups.size >= MAX_GROUPS_PER_EVENT) {
        this.capped = true;
        property = OTHER_PROPERTIES;
        key = `${violation.kind}\0${property}`;
        group = state.groups.get(key);
      }
      if (group === undefined) {
        group = { kind: violation.kind, ...(property === undefined ? {} : { property }), sample: new Sample() };
        state.groups.set(key, group);
      }
    }
    group.sample.add(lineNumber);
    this.byKind.get(violation.kind)?.add(lineNumber);
  }

  /** The report of everything seen so far. */
  report(): CheckReport {
    const byKind = Object.fromEntries(VIOLATION_KINDS.map((kind) => [kind, (this.byKind.get(kind) ?? new Sample()).toJSON()])) as Record<
      ViolationKind,
      LineSample
    >;
    const plannedNames = [...this.planned.keys()];
    let suggestions = 0;
    const events = [...this.events.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([event, state]): EventTally => {
        const entries = state.entries ?? [];
        const suggestion =
          state.entries === undefined && event !== OTHER_EVENTS && suggestions++ < MAX_SUGGESTIONS
            ? suggest(event, plannedNames)
            : undefined;
        return {
          event,
          planned: state.entries !== undefined,
          categories: [...new Set(entries.map((e) => e.category))],
          checked: state.checked,
          invalid: state.invalid,
          violations: [...state.groups.values()]
            .sort(
              (a, b) =>
                VIOLATION_KINDS.indexOf(a.kind) - VIOLATION_KINDS.indexOf(b.kind) || compareText(a.property ?? '', b.property ?? ''),
            )
            .map((group): ViolationGroup => {
              const expected = group.property === undefined ? undefined : expectedFor(entries, group.kind, group.property);
              return {
                kind: group.kind,
                ...(group.property === undefined ? {} : { property: group.property }),
                ...(expected === undefined ? {} : { expected }),
                ...group.sample.toJSON(),
              };
            }),
          ...(suggestion === undefined ? {} : { suggestion }),
        };
      });
    const unreadable = [...this.unreadable.entries()]
      .map(([reason, sample]): UnreadableGroup => ({ reason, ...sample.toJSON() }))
      .sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
    return {
      lines: this.lines,
      blank: this.blank,
      skipped: this.skipped,
      checked: this.checked,
      valid: this.checked - this.invalid,
      invalid: this.invalid,
      violations: VIOLATION_KINDS.reduce((sum, kind) => sum + byKind[kind].count, 0),
      byKind,
      events,
      unreadable,
      capped: this.capped,
    };
  }
}

/** Suggestions are for people reading a report: a hundred are plenty. */
const MAX_SUGGESTIONS = 100;

/**
 * didYouMean over the titles that could be its answer: those whose length is within its typo
 * allowance (an edit distance is at least the length difference) or that start with the name.
 * Same answer, without an edit distance against every planned title.
 */
function suggest(name: string, titles: readonly string[]): string | undefined {
  const allowed = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  return didYouMean(
    name,
    titles.filter((t) => {
      const candidate = t.toLowerCase();
      return Math.abs(candidate.length - lower.length) <= allowed || candidate.startsWith(lower);
    }),
  );
}

/** What the plan expects of a property, for the kinds where that helps; the first category's event that has the property. */
function expectedFor(entries: readonly EventSchemaEntry[], kind: ViolationKind, property: string): string | undefined {
  if (kind !== 'wrong-type' && kind !== 'value-not-in-enum') return undefined;
  for (const entry of entries) {
    if (Object.hasOwn(entry.schema.properties, property)) {
      const schema = entry.schema.properties[property];
      if (schema !== undefined) return expectedText(schema);
    }
  }
  return undefined;
}
