/**
 * What `tpsync import` makes of another tool's tracking plan: categories, events and properties
 * in the shape the plan's YAML writes them (keys as the YAML spells them, values as the YAML
 * holds them), and the notes that say what could not be carried over. Plain data: the command
 * line turns it into files (src/cli/imported-plan-files.ts).
 */
import type { ImportNote } from './import-note.js';

/** The property types an import writes (`date` and `datetime` for a string of that format alone). */
export type ImportedType = 'string' | 'enum' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'date' | 'datetime';

/** An enum value: `type: enum` holds strings; `integer`, `number` and `boolean` enums hold their own kind. */
export type EnumValue = string | number | boolean;

/**
 * The description of a value, without a title: what a property holds, and what an array's
 * `items` are. A key left out says nothing (no `type`: any value).
 */
export interface ImportedValue {
  type?: ImportedType;
  enum?: EnumValue[];
  /** `null` is a valid value too. */
  nullable?: true;
  description?: string;
  /** A string format (`email`, `uri`, …; `date` and `date-time` become the types `date` and `datetime` when alone). */
  format?: string;
  /** An RE2 pattern that some part of the string matches (as JSON Schema's `pattern`). */
  pattern?: string;
  /** Lengths in characters (Unicode code points), inclusive. */
  min_length?: number;
  max_length?: number;
  /** Inclusive bounds of a number. */
  minimum?: number;
  maximum?: number;
  /** What each element of an array is. */
  items?: ImportedValue;
  /** The properties of an object, when the source describes them. */
  properties?: ImportedProperty[];
  /** Whether an object with `properties` accepts other properties too. */
  additional_properties?: boolean;
}

/** A property of an event or of an object: a titled value, required or not. */
export interface ImportedProperty extends ImportedValue {
  title: string;
  /** Written only when true: the YAML's default is "not required". */
  required?: true;
}

/** The calls a plan's event can describe (Segment's and RudderStack's call types). */
export type EventKind = 'track' | 'identify' | 'page' | 'screen' | 'group';

/**
 * The titles of the events of call types whose calls carry no event name (an identify or group
 * call; a page or screen rule for every page or screen).
 */
export const KIND_TITLES: Readonly<Record<Exclude<EventKind, 'track'>, string>> = {
  identify: 'Identify',
  group: 'Group',
  page: 'Page',
  screen: 'Screen',
};

export interface ImportedEvent {
  /** The name payloads carry (a track call's `event`, a page call's `name`), or the kind's own title. */
  title: string;
  /** Left out for `track`, the default. */
  kind?: Exclude<EventKind, 'track'>;
  /** A page or screen event that stands for every call of its kind, whatever its `name`. */
  any_name?: true;
  description?: string;
  /**
   * Whether the event accepts properties it does not name: always written, so that the plan
   * says what the source says whatever `--additional-properties` a check runs with.
   */
  additional_properties: boolean;
  properties: ImportedProperty[];
}

export interface ImportedCategory {
  title: string;
  events: ImportedEvent[];
}

/** The converted plan and everything worth saying about the conversion. */
export interface ImportedPlan {
  /** Sorted by title; events by title within a category; properties by title at every level. */
  categories: ImportedCategory[];
  /** Sorted by file, then pointer (import-note.ts). */
  notes: ImportNote[];
}
