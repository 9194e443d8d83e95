/**
 * The payload check, one line at a time: parse the line, read the event name and properties,
 * check them against the event's schema, and count what is wrong (check-tally.ts). Takes lines
 * and returns a report; reading the input is the caller's (read-lines.ts).
 */
import type { EventSchemaEntry, EventSchemaSet } from '../event-schema/types.js';
import { CheckTally } from './check-tally.js';
import { readField, type FieldPath } from './field-path.js';
import type { CheckReport } from './report.js';
import type { PropertiesCheck, Violation } from './validators.js';
import { appendAll } from '../arrays.js';

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

/** The checks of one planned event title, compiled on first use, one per entry. */
interface Planned {
  readonly entries: readonly EventSchemaEntry[];
  checks?: PropertiesCheck[];
}

export class PayloadCheck {
  private readonly planned = new Map<string, Planned>();
  private readonly tally: CheckTally;

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
    this.tally = new CheckTally(new Map([...this.planned].map(([event, planned]) => [event, planned.entries])));
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
    if (type !== undefined && type !== null && type !== 'track') {
      if (typeof type !== 'string') return this.tally.unreadableLine(UNREADABLE.type, lineNumber);
      this.tally.skipped++;
      return;
    }
    const name = readField(record, this.options.eventField);
    if (typeof name !== 'string' || name === '') return this.tally.unreadableLine(UNREADABLE.event, lineNumber);
    const raw = readField(record, this.options.propertiesField);
    if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
      return this.tally.unreadableLine(UNREADABLE.properties, lineNumber);
    const properties = (raw ?? {}) as Record<string, unknown>;
    const planned = this.planned.get(name);
    const violations = planned === undefined ? [{ kind: 'unplanned-event' as const }] : (this.check(planned, properties) ?? []);
    this.tally.payload(name, violations, lineNumber);
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

/** Empty, or only JSON whitespace (space, tab, CR). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) return false;
  }
  return true;
}
