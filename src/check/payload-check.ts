/**
 * The payload check, one line at a time: parse the line, find the plan's events its call matches
 * (by the call's type and name, docs/plan-language.md "Event kinds"), check the object the call
 * carries (a track, page or screen call's properties, an identify or group call's traits) against
 * their schemas, and count what is wrong (check-tally.ts). Takes lines and returns a report;
 * reading the input is the caller's (read-lines.ts).
 */
import type { EventSchemaEntry, EventSchemaSet } from '../event-schema/types.js';
import { CheckTally, callKeyText, type CallKey, type CallType } from './check-tally.js';
import { readField, type FieldPath } from './field-path.js';
import type { CheckReport } from './report.js';
import type { PropertiesCheck, Violation } from './validators.js';
import { appendAll } from '../arrays.js';

export interface PayloadCheckOptions {
  /** Where a track call has the event name: default `["event"]`. */
  readonly eventField: FieldPath;
  /** Where a track call has the properties object: default `["properties"]`. */
  readonly propertiesField: FieldPath;
}

/** Reasons a line is not a payload (`invalid-json`), as reports word them. */
export const UNREADABLE = {
  json: 'not valid JSON',
  object: 'not a JSON object',
  type: '"type" is not a string',
  event: 'no event name (a non-empty string)',
  properties: 'the properties are not a JSON object',
  traits: 'the traits are not a JSON object',
  tooLong: 'longer than the line limit',
  utf8: 'not valid UTF-8',
  surrogate: 'a string holds a lone surrogate (a \\uD800–\\uDFFF escape without its pair), which is not Unicode text',
} as const;

/** A JSON escape of a surrogate (`\ud83d`): the only way a line of valid UTF-8 can carry a lone one. */
const SURROGATE_ESCAPE = /\\u[dD][89abcdefABCDEF]/;
const LONE_SURROGATE = /\p{Cs}/u;

/** Where identify and group calls carry their traits when they have no `traits` of their own (RudderStack's SDKs). */
const CONTEXT_TRAITS: FieldPath = ['context', 'traits'];

/** The plan's events that one call key matches, with their checks, compiled on first use, one per entry. */
interface Planned {
  readonly key: CallKey;
  readonly entries: EventSchemaEntry[];
  checks?: PropertiesCheck[];
}

/** The plan's events of one kind: by title, and (page and screen) those that take any name. */
interface KindIndex {
  readonly byName: Map<string, Planned>;
  any?: Planned;
}

export class PayloadCheck {
  private readonly kinds = new Map<CallType, KindIndex>();
  private readonly tally: CheckTally;

  /**
   * @param set the plan's event schemas; events that match the same calls (an event title in
   *   several categories, two identify events) pass a payload that fits any of them
   * @param compile turns one event's schema into a check (validators.ts), called at most once per event
   */
  constructor(
    set: EventSchemaSet,
    private readonly compile: (entry: EventSchemaEntry) => PropertiesCheck,
    private readonly options: PayloadCheckOptions,
  ) {
    // Track calls are always judged, even against a plan without events: every one is then unplanned.
    this.kinds.set('track', { byName: new Map() });
    const byKey = new Map<string, Planned>();
    for (const entry of set.entries) {
      let index = this.kinds.get(entry.kind);
      if (index === undefined) {
        index = { byName: new Map() };
        this.kinds.set(entry.kind, index);
      }
      // Identify and group calls are matched by type alone: their events share one key, named by the first title.
      const byType = entry.kind === 'identify' || entry.kind === 'group';
      const shared = byType ? index.any : entry.anyName ? index.any : index.byName.get(entry.event);
      if (shared !== undefined) {
        shared.entries.push(entry);
        continue;
      }
      const planned: Planned = { key: { type: entry.kind, name: entry.event }, entries: [entry] };
      if (byType || entry.anyName) index.any = planned;
      else index.byName.set(entry.event, planned);
      byKey.set(callKeyText(planned.key), planned);
    }
    this.tally = new CheckTally(new Map([...byKey].map(([key, planned]) => [key, planned.entries])));
  }

  /** One line of the input, without its line break. `lineNumber` is 1-based and increasing. */
  line(text: string, lineNumber: number): void {
    this.tally.lines = lineNumber;
    if (isBlank(text)) {
      this.tally.blank++;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.tally.unreadableLine(UNREADABLE.json, lineNumber);
      return;
    }
    // Strings must be Unicode text (I-JSON, RFC 7493 §2.1): a lone surrogate is not, whatever its type says.
    if (text.includes('\\u') && SURROGATE_ESCAPE.test(text) && holdsLoneSurrogate(value))
      return this.tally.unreadableLine(UNREADABLE.surrogate, lineNumber);
    this.payload(value, lineNumber);
  }

  /** A line too long to hold (the reader skipped its text): an unreadable line. */
  overlongLine(lineNumber: number): void {
    this.tally.lines = lineNumber;
    this.tally.unreadableLine(UNREADABLE.tooLong, lineNumber);
  }

  /** A line whose bytes are not UTF-8 (the reader did not decode it): an unreadable line. */
  notUtf8Line(lineNumber: number): void {
    this.tally.lines = lineNumber;
    this.tally.unreadableLine(UNREADABLE.utf8, lineNumber);
  }

  /** The report of everything seen so far. */
  report(): CheckReport {
    return this.tally.report();
  }

  private payload(value: unknown, lineNumber: number): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.tally.unreadableLine(UNREADABLE.object, lineNumber);
    const record = value as Record<string, unknown>;
    const type = Object.hasOwn(record, 'type') ? record['type'] : undefined;
    if (type !== undefined && type !== null && typeof type !== 'string') return this.tally.unreadableLine(UNREADABLE.type, lineNumber);
    const kind = type ?? 'track';
    // Calls of a type the plan has no event of (alias, or identify in a plan without identify events) are not judged.
    const index = isCallType(kind) ? this.kinds.get(kind) : undefined;
    if (index === undefined || !isCallType(kind)) {
      this.tally.skipped++;
      return;
    }
    if (kind === 'track') return this.track(record, index, lineNumber);
    if (kind === 'identify' || kind === 'group') {
      const traits = Object.hasOwn(record, 'traits') ? record['traits'] : readField(record, CONTEXT_TRAITS);
      if (!isObjectOrAbsent(traits)) return this.tally.unreadableLine(UNREADABLE.traits, lineNumber);
      // Present by construction: the index exists because the plan has such an event.
      if (index.any !== undefined) this.judge(index.any.key, index.any, traits ?? {}, lineNumber);
      return;
    }
    const name = typeof record['name'] === 'string' && Object.hasOwn(record, 'name') ? record['name'] : '';
    const properties = Object.hasOwn(record, 'properties') ? record['properties'] : undefined;
    if (!isObjectOrAbsent(properties)) return this.tally.unreadableLine(UNREADABLE.properties, lineNumber);
    const planned = index.byName.get(name) ?? index.any;
    this.judge(planned?.key ?? { type: kind, name: name === '' ? '(no name)' : name }, planned, properties ?? {}, lineNumber);
  }

  private track(record: Record<string, unknown>, index: KindIndex, lineNumber: number): void {
    const name = readField(record, this.options.eventField);
    if (typeof name !== 'string' || name === '') return this.tally.unreadableLine(UNREADABLE.event, lineNumber);
    const raw = readField(record, this.options.propertiesField);
    if (!isObjectOrAbsent(raw)) return this.tally.unreadableLine(UNREADABLE.properties, lineNumber);
    const planned = index.byName.get(name);
    this.judge(planned?.key ?? { type: 'track', name }, planned, raw ?? {}, lineNumber);
  }

  /** Counts one call: checked against `planned`, or an unplanned event. */
  private judge(key: CallKey, planned: Planned | undefined, object: Record<string, unknown>, lineNumber: number): void {
    const violations = planned === undefined ? [{ kind: 'unplanned-event' as const }] : (this.check(planned, object) ?? []);
    this.tally.payload(key, violations, lineNumber);
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
}

/** Whether any string of a parsed JSON value, key or value, holds a lone surrogate (a stack, not recursion: nesting may be deep). */
function holdsLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next === 'string') {
      if (LONE_SURROGATE.test(next)) return true;
    } else if (Array.isArray(next)) {
      appendAll(stack, next as unknown[]);
    } else if (next !== null && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) stack.push(key, item);
    }
  }
  return false;
}

const CALL_TYPES: ReadonlySet<string> = new Set<CallType>(['track', 'identify', 'page', 'screen', 'group']);
const isCallType = (type: string): type is CallType => CALL_TYPES.has(type);

/** An object, or nothing (absent or `null`: no properties). */
function isObjectOrAbsent(value: unknown): value is Record<string, unknown> | undefined | null {
  return value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value));
}

/** Empty, or only JSON whitespace (space, tab, CR). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return false;
  }
  return true;
}
