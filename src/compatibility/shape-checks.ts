/**
 * Changes to what a value may be that only the plan says (local-diff.ts finds them against the
 * baseline; Secoda never sees them): null allowed or not, a range, a length, a pattern, a format,
 * an object open or closed to unplanned keys, an event's kind. Narrowing what senders may send
 * is breaking — values they send today stop fitting; widening is safe. A changed pattern or
 * format counts as narrowed: whether the new one takes every value the old one took cannot be told.
 */
import type { FieldChange } from '../plan/types.js';
import type { Check } from './check.js';
import { code } from './message-words.js';
import type { Situation } from './situation.js';

function changeOf(situation: Situation, field: string): FieldChange | undefined {
  return situation.kind === 'changed' ? situation.changes.find((c) => c.field === field) : undefined;
}

/** The place a change is about: "`coupon` of `Order Completed`", "`Order Completed`". */
function placeOf(op: { readonly kind: string; readonly path: readonly string[] }): string {
  return op.kind === 'event' ? code(op.path[1] ?? '') : `${code(op.path[2] ?? '')} of ${code(op.path[1] ?? '')}`;
}

const numberOf = (value: FieldChange['before'] | undefined): number | undefined =>
  typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;

/** How a pair of bounds moved: `narrowed` when either lets fewer values through, else `widened`; undefined when neither changed. */
function boundsMoved(situation: Situation, low: string, high: string): 'narrowed' | 'widened' | undefined {
  const lower = changeOf(situation, low);
  const upper = changeOf(situation, high);
  if (lower === undefined && upper === undefined) return undefined;
  const raised = lower !== undefined && (numberOf(lower.after) ?? -Infinity) > (numberOf(lower.before) ?? -Infinity);
  const lowered = upper !== undefined && (numberOf(upper.after) ?? Infinity) < (numberOf(upper.before) ?? Infinity);
  return raised || lowered ? 'narrowed' : 'widened';
}

/** Bounds as words: "from 1 to 9", "at least 1", "any". */
function boundsText(situation: Situation, low: string, high: string, side: 'before' | 'after'): string {
  const min = changeOf(situation, low)?.[side];
  const max = changeOf(situation, high)?.[side];
  const parts = [typeof min === 'string' ? `≥ ${min}` : '', typeof max === 'string' ? `≤ ${max}` : ''].filter((p) => p !== '');
  return parts.length === 0 ? 'none' : parts.join(', ');
}

export const propertyBecameNonNullable = {
  id: 'property-became-non-nullable',
  level: 'breaking',
  description: 'A property no longer takes null: senders that send null send invalid values.',
  detect: (op, situation) => {
    const change = changeOf(situation, 'nullable');
    return change?.before === true && change.after !== true
      ? { message: `apps that send ${placeOf(op)} as null will send invalid values` }
      : null;
  },
} as const satisfies Check;

export const propertyBecameNullable = {
  id: 'property-became-nullable',
  level: 'safe',
  description: 'A property now takes null too: senders are unaffected; readers may get null.',
  detect: (op, situation) => {
    const change = changeOf(situation, 'nullable');
    return change?.after === true && change.before !== true ? { message: `${placeOf(op)} may now be null` } : null;
  },
} as const satisfies Check;

export const rangeNarrowed = {
  id: 'range-narrowed',
  level: 'breaking',
  description: "A number's minimum rises or its maximum falls: senders may send values outside the new range.",
  detect: (op, situation) =>
    boundsMoved(situation, 'minimum', 'maximum') === 'narrowed'
      ? {
          message: `the range of ${placeOf(op)} narrows (${boundsText(situation, 'minimum', 'maximum', 'before')} → ${boundsText(situation, 'minimum', 'maximum', 'after')}): apps may send values outside it`,
        }
      : null,
} as const satisfies Check;

export const rangeWidened = {
  id: 'range-widened',
  level: 'safe',
  description: "A number's range widens: senders are unaffected; readers may get values outside the old range.",
  detect: (op, situation) =>
    boundsMoved(situation, 'minimum', 'maximum') === 'widened' ? { message: `the range of ${placeOf(op)} widens` } : null,
} as const satisfies Check;

export const lengthNarrowed = {
  id: 'length-narrowed',
  level: 'breaking',
  description: "A string's min_length rises or its max_length falls: senders may send strings of a length no longer allowed.",
  detect: (op, situation) =>
    boundsMoved(situation, 'min_length', 'max_length') === 'narrowed'
      ? {
          message: `the length of ${placeOf(op)} narrows (${boundsText(situation, 'min_length', 'max_length', 'before')} → ${boundsText(situation, 'min_length', 'max_length', 'after')}): apps may send strings of another length`,
        }
      : null,
} as const satisfies Check;

export const lengthWidened = {
  id: 'length-widened',
  level: 'safe',
  description: "A string's allowed length widens: senders are unaffected; readers may get longer or shorter strings.",
  detect: (op, situation) =>
    boundsMoved(situation, 'min_length', 'max_length') === 'widened' ? { message: `the length of ${placeOf(op)} widens` } : null,
} as const satisfies Check;

export const patternNarrowed = {
  id: 'pattern-narrowed',
  level: 'breaking',
  description: 'A string gets a pattern, or another one: values senders send today may not match it.',
  detect: (op, situation) => {
    const change = changeOf(situation, 'pattern');
    return change !== undefined && typeof change.after === 'string'
      ? { message: `${placeOf(op)} must now match ${code(change.after)}: apps may send values that do not` }
      : null;
  },
} as const satisfies Check;

export const patternRemoved = {
  id: 'pattern-removed',
  level: 'safe',
  description: "A string's pattern is removed: senders are unaffected; readers may get values of any shape.",
  detect: (op, situation) => {
    const change = changeOf(situation, 'pattern');
    return change !== undefined && change.after === null ? { message: `${placeOf(op)} no longer has to match a pattern` } : null;
  },
} as const satisfies Check;

export const formatNarrowed = {
  id: 'format-narrowed',
  level: 'breaking',
  description: 'A string gets a format, or another one: values senders send today may not be of it.',
  detect: (op, situation) => {
    const change = changeOf(situation, 'format');
    return change !== undefined && typeof change.after === 'string'
      ? { message: `${placeOf(op)} must now be of format ${code(change.after)}: apps may send values that are not` }
      : null;
  },
} as const satisfies Check;

export const formatRemoved = {
  id: 'format-removed',
  level: 'safe',
  description: "A string's format is removed: senders are unaffected; readers may get values of any format.",
  detect: (op, situation) => {
    const change = changeOf(situation, 'format');
    return change !== undefined && change.after === null ? { message: `${placeOf(op)} no longer has a format` } : null;
  },
} as const satisfies Check;

export const additionalPropertiesClosed = {
  id: 'additional-properties-closed',
  level: 'breaking',
  description: 'An event or object no longer takes unplanned keys: senders that send them send unplanned properties.',
  detect: (op, situation) => {
    const change = changeOf(situation, 'additional_properties');
    return change?.before === true && change.after !== true
      ? { message: `apps that send ${placeOf(op)} with keys the plan does not name will send unplanned properties` }
      : null;
  },
} as const satisfies Check;

export const additionalPropertiesOpened = {
  id: 'additional-properties-opened',
  level: 'safe',
  description: 'An event or object now takes unplanned keys: senders are unaffected; readers may get keys the plan does not name.',
  detect: (op, situation) => {
    const change = changeOf(situation, 'additional_properties');
    return change?.after === true && change.before !== true
      ? { message: `${placeOf(op)} may now carry keys the plan does not name` }
      : null;
  },
} as const satisfies Check;

export const eventKindChanged = {
  id: 'event-kind-changed',
  level: 'breaking',
  description: "An event's kind changes (track, identify, page, screen, group): senders make another call, and checks match other calls.",
  detect: (op, situation) => {
    const change = changeOf(situation, 'kind');
    return change === undefined
      ? null
      : {
          message: `${placeOf(op)} changes from a ${String(change.before)} call to a ${String(change.after)} call: apps that make the old call no longer send it`,
        };
  },
} as const satisfies Check;

/** The checks of this family, for its test table. */
export const SHAPE_CHECKS = [
  propertyBecameNonNullable,
  propertyBecameNullable,
  rangeNarrowed,
  rangeWidened,
  lengthNarrowed,
  lengthWidened,
  patternNarrowed,
  patternRemoved,
  formatNarrowed,
  formatRemoved,
  additionalPropertiesClosed,
  additionalPropertiesOpened,
  eventKindChanged,
] as const;
