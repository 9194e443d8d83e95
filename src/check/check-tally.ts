/**
 * The counts of a payload check (payload-check.ts feeds it): by kind, by event name and by
 * (kind, property) within an event, each with the first line numbers where it was seen, and the
 * lines that are not payloads, by reason. Holds counts, names and line numbers only, never a
 * payload, and at most MAX_EVENT_NAMES names and MAX_GROUPS_PER_EVENT groups per event (the rest
 * go under one catch-all entry), so it stays flat however long the input. Pure.
 */
import type { EventSchemaEntry } from '../event-schema/types.js';
import type { EventKind } from '../tracking-plan/types.js';
import { compareText } from '../plan/compare.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
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

/**
 * How calls are told apart in a report: by type (`track` unless said) and name — a track call's
 * event name, a page or screen call's name (or the title of the event that takes any name), the
 * title of the identify or group event.
 */
export interface CallKey {
  readonly type: CallType;
  readonly name: string;
}

/** The call types `check` judges (Segment's and RudderStack's `type`), as the plan's event kinds name them. */
export type CallType = EventKind;

/** The tally's key of a call key. */
export const callKeyText = (key: CallKey): string => (key.type === 'track' ? key.name : `${key.type}\0${key.name}`);

/** What is counted for one event name; `entries`: the plan's events of that title (none when it is not planned). */
class EventState {
  checked = 0;
  invalid = 0;
  readonly groups = new Map<string, { kind: ViolationKind; property?: string; expected?: string; sample: Sample }>();
  constructor(
    readonly key: CallKey,
    readonly entries: readonly EventSchemaEntry[] | undefined,
  ) {}
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

  /** @param planned the plan's event schemas by call key (callKeyText) */
  constructor(private readonly planned: ReadonlyMap<string, readonly EventSchemaEntry[]>) {}

  /** A call was checked: with these violations (none: it is valid). */
  payload(key: CallKey, violations: readonly Violation[], lineNumber: number): void {
    this.checked++;
    const state = this.eventState(key);
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

  private eventState(key: CallKey): EventState {
    let text = callKeyText(key);
    let state = this.events.get(text);
    if (state !== undefined) return state;
    const planned = this.planned.get(text);
    if (planned === undefined && this.unplannedNames >= MAX_EVENT_NAMES) {
      this.capped = true;
      key = { type: 'track', name: OTHER_EVENTS };
      text = OTHER_EVENTS;
      state = this.events.get(text);
      if (state !== undefined) return state;
    }
    state = new EventState(key, planned);
    this.events.set(text, state);
    if (planned === undefined && text !== OTHER_EVENTS) this.unplannedNames++;
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
        group = {
          kind: violation.kind,
          ...(property === undefined ? {} : { property }),
          ...(violation.expected === undefined || property === OTHER_PROPERTIES ? {} : { expected: violation.expected }),
          sample: new Sample(),
        };
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
    const plannedNames = [...this.planned.values()].flatMap((entries) =>
      entries.length > 0 && entries[0]?.kind === 'track' ? [entries[0].event] : [],
    );
    let suggestions = 0;
    const events = [...this.events.values()]
      .sort((a, b) => compareText(a.key.name, b.key.name) || compareText(a.key.type, b.key.type))
      .map((state): EventTally => {
        const entries = state.entries ?? [];
        const event = state.key.name;
        const suggestion =
          state.entries === undefined && state.key.type === 'track' && event !== OTHER_EVENTS && suggestions++ < MAX_SUGGESTIONS
            ? suggest(event, plannedNames)
            : undefined;
        return {
          event,
          ...(state.key.type === 'track' ? {} : { type: state.key.type }),
          planned: state.entries !== undefined,
          categories: [...new Set(entries.map((e) => e.category))],
          checked: state.checked,
          invalid: state.invalid,
          violations: [...state.groups.values()]
            .sort(
              (a, b) =>
                VIOLATION_KINDS.indexOf(a.kind) - VIOLATION_KINDS.indexOf(b.kind) || compareText(a.property ?? '', b.property ?? ''),
            )
            .map((group): ViolationGroup => ({
              kind: group.kind,
              ...(group.property === undefined ? {} : { property: group.property }),
              ...(group.expected === undefined ? {} : { expected: group.expected }),
              ...group.sample.toJSON(),
            })),
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
