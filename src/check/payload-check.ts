/**
 * The payload check, one line at a time: parse the line, read the event name and properties,
 * check them against the event's schema, and count what is wrong. Takes lines and returns a
 * report; reading the input is the caller's (read-lines.ts). Memory holds counts, names and
 * the first line numbers only, never a payload, so it stays flat however long the input.
 */
import { compareText } from '../plan/compare.js';
import { didYouMean } from '../tracking-plan/did-you-mean.js';
import type { EventSchemaEntry, EventSchemaSet } from '../event-schema/types.js';
import { expectedText } from './expected-text.js';
import { readField, type FieldPath } from './field-path.js';
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
import type { PropertiesCheck, Violation } from './validators.js';

/** Distinct event names kept apart in a report; more (a flood of unplanned names) go under one entry. */
export const MAX_EVENT_NAMES = 10_000;
/** Distinct (kind, property) groups kept apart per event; more go under one entry. */
export const MAX_GROUPS_PER_EVENT = 1_000;
/** The event name that collects event names beyond `MAX_EVENT_NAMES`. */
export const OTHER_EVENTS = '(other unplanned events)';
/** The property name that collects property names beyond `MAX_GROUPS_PER_EVENT`. */
export const OTHER_PROPERTIES = '(other properties)';

export interface PayloadCheckOptions {
  /** Where the event name is: default `["event"]`. */
  readonly eventField: FieldPath;
  /** Where the properties object is: default `["properties"]`. */
  readonly propertiesField: FieldPath;
}

/** Reasons a line is not a payload (`invalid-json`), as reports word them. */
export const UNREADABLE = {
  json: 'not valid JSON',
  object: 'not a JSON object',
  type: '"type" is not a string',
  event: 'no event name (a non-empty string)',
  properties: 'the properties are not a JSON object',
  tooLong: 'longer than the line limit',
  utf8: 'not valid UTF-8',
  surrogate: 'a string holds a lone surrogate (a \\uD800–\\uDFFF escape without its pair), which is not Unicode text',
} as const;

/** A JSON escape of a surrogate (`\ud83d`): the only way a line of valid UTF-8 can carry a lone one. */
const SURROGATE_ESCAPE = /\\u[dD][89abcdefABCDEF]/;
const LONE_SURROGATE = /\p{Cs}/u;

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

interface Planned {
  readonly entries: readonly EventSchemaEntry[];
  /** Compiled on first use, one per entry. */
  checks?: PropertiesCheck[];
}

class EventState {
  checked = 0;
  invalid = 0;
  readonly groups = new Map<string, { kind: ViolationKind; property?: string; sample: Sample }>();
  constructor(readonly planned: Planned | undefined) {}
}

export class PayloadCheck {
  private readonly planned = new Map<string, Planned>();
  private readonly events = new Map<string, EventState>();
  private readonly byKind = new Map<ViolationKind, Sample>(VIOLATION_KINDS.map((kind) => [kind, new Sample()]));
  private readonly unreadable = new Map<string, Sample>();
  private lines = 0;
  private blank = 0;
  private skipped = 0;
  private checked = 0;
  private invalid = 0;
  private capped = false;
  private unplannedNames = 0;

  /**
   * @param set the plan's event schemas; an event title in several categories matches a payload that fits any of them
   * @param compile turns one event's schema into a check (validators.ts), called at most once per event
   */
  constructor(
    set: EventSchemaSet,
    private readonly compile: (entry: EventSchemaEntry) => PropertiesCheck,
    private readonly options: PayloadCheckOptions,
  ) {
    for (const entry of set.entries) {
      const known = this.planned.get(entry.event);
      this.planned.set(entry.event, { entries: [...(known?.entries ?? []), entry] });
    }
  }

  /** One line of the input, without its line break. `lineNumber` is 1-based and increasing. */
  line(text: string, lineNumber: number): void {
    this.lines = lineNumber;
    if (isBlank(text)) {
      this.blank++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.unreadableLine(UNREADABLE.json, lineNumber);
      return;
    }
    // Strings must be Unicode text (I-JSON, RFC 7493 §2.1): a lone surrogate is not, whatever its type says.
    if (text.includes('\\u') && SURROGATE_ESCAPE.test(text) && holdsLoneSurrogate(value))
      return this.unreadableLine(UNREADABLE.surrogate, lineNumber);
    this.payload(value, lineNumber);
  }

  /** A line too long to hold (the reader skipped its text): an unreadable line. */
  overlongLine(lineNumber: number): void {
    this.lines = lineNumber;
    this.unreadableLine(UNREADABLE.tooLong, lineNumber);
  }

  /** A line whose bytes are not UTF-8 (the reader did not decode it): an unreadable line. */
  notUtf8Line(lineNumber: number): void {
    this.lines = lineNumber;
    this.unreadableLine(UNREADABLE.utf8, lineNumber);
  }

  private payload(value: unknown, lineNumber: number): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.unreadableLine(UNREADABLE.object, lineNumber);
    const record = value as Record<string, unknown>;
    const type = Object.hasOwn(record, 'type') ? record['type'] : undefined;
    if (type !== undefined && type !== null && type !== 'track') {
      if (typeof type !== 'string') return this.unreadableLine(UNREADABLE.type, lineNumber);
      this.skipped++;
      return;
    }
    const name = readField(record, this.options.eventField);
    if (typeof name !== 'string' || name === '') return this.unreadableLine(UNREADABLE.event, lineNumber);
    const raw = readField(record, this.options.propertiesField);
    if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
      return this.unreadableLine(UNREADABLE.properties, lineNumber);
    const properties = (raw ?? {}) as Record<string, unknown>;

    this.checked++;
    const state = this.eventState(name);
    state.checked++;
    const planned = state.planned;
    if (planned === undefined) {
      this.violation(state, { kind: 'unplanned-event' }, lineNumber);
      this.invalid++;
      state.invalid++;
      return;
    }
    const violations = this.check(planned, properties);
    if (violations === null) return;
    this.invalid++;
    state.invalid++;
    for (const violation of violations) this.violation(state, violation, lineNumber);
  }

  /** null when the properties fit one of the event's schemas; else the violations against the closest one. */
  private check(planned: Planned, properties: Record<string, unknown>): Violation[] | null {
    planned.checks ??= planned.entries.map((entry) => this.compile(entry));
    let best: Violation[] | undefined;
    for (const check of planned.checks) {
      const violations = check(properties);
      if (violations === null) return null;
      if (best === undefined || violations.length < best.length) best = violations;
    }
    return best ?? null;
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

  private unreadableLine(reason: string, lineNumber: number): void {
    let sample = this.unreadable.get(reason);
    if (sample === undefined) {
      sample = new Sample();
      this.unreadable.set(reason, sample);
    }
    sample.add(lineNumber);
    this.byKind.get('invalid-json')?.add(lineNumber);
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
        const entries = state.planned?.entries ?? [];
        const suggestion =
          state.planned === undefined && event !== OTHER_EVENTS && suggestions++ < MAX_SUGGESTIONS
            ? suggest(event, plannedNames)
            : undefined;
        return {
          event,
          planned: state.planned !== undefined,
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
 * Same answer, without an edit distance against every planned title (0.4 s for 200 × 200).
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

/** Whether any string of a parsed JSON value, key or value, holds a lone surrogate (a stack, not recursion: nesting may be deep). */
function holdsLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (LONE_SURROGATE.test(next)) return true;
    } else if (Array.isArray(next)) {
      stack.push(...(next as unknown[]));
    } else if (next !== null && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) stack.push(key, item);
    }
  }
  return false;
}

/** Empty, or only JSON whitespace (space, tab, CR). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return false;
  }
  return true;
}
