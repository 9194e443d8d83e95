/**
 * The keywords of strings and numbers, as the plan's keys: lengths, patterns and formats;
 * bounds and multiples. Exact where the two agree, including where a JSON Schema keyword is
 * another key in disguise (an exclusive bound on an integer is an inclusive one a step in; a
 * multiple of 1 is an integer); noted where they do not.
 */
import { planPattern } from './ecma-pattern.js';
import type { ImportedValue } from './imported-plan.js';
import { leaveOutKeyword, type MapContext } from './map-context.js';

/** The string formats the plan's `format` takes (JSON Schema's names; docs/plan-language.md). */
export const PLAN_FORMATS: ReadonlySet<string> = new Set([
  'date',
  'date-time',
  'time',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'uuid',
]);

/** `type: string` and its keywords; `date` / `datetime` for a date format that stands alone. */
export function stringValue(schema: Record<string, unknown>, ctx: MapContext): ImportedValue {
  const value: ImportedValue = { type: 'string' };
  const minLength = schema['minLength'];
  const maxLength = schema['maxLength'];
  if (isCount(minLength) && minLength > 0) value.min_length = minLength;
  else if (minLength !== undefined && !isCount(minLength)) leaveOutKeyword(ctx, schema, 'minLength', 'is not a whole number: left out');
  if (isCount(maxLength)) value.max_length = maxLength;
  else if (maxLength !== undefined) leaveOutKeyword(ctx, schema, 'maxLength', 'is not a whole number: left out');
  const pattern = schema['pattern'];
  // An empty pattern matches every text: nothing to say (and the plan's pattern is never empty).
  if (typeof pattern === 'string' && pattern !== '') {
    const translated = planPattern(pattern);
    if (translated.ok) value.pattern = translated.pattern;
    else leaveOutKeyword(ctx, schema, 'pattern', `${JSON.stringify(pattern)} ${translated.problem}: left out, any text is accepted`);
  } else if (pattern !== undefined && typeof pattern !== 'string') {
    leaveOutKeyword(ctx, schema, 'pattern', 'is not a string: left out');
  }
  const format = schema['format'];
  if (typeof format === 'string' && PLAN_FORMATS.has(format)) value.format = format;
  else if (format !== undefined)
    leaveOutKeyword(ctx, schema, 'format', `${JSON.stringify(format)} is not a format tpsync checks: left out, any text is accepted`);
  if (value.min_length !== undefined && value.max_length !== undefined && value.min_length > value.max_length) {
    leaveOutKeyword(
      ctx,
      schema,
      'minLength',
      `${value.min_length} is above maxLength ${value.max_length}, so no text passes, which the plan cannot say: both left out`,
    );
    delete value.min_length;
    delete value.max_length;
  }
  const lone = value.min_length === undefined && value.max_length === undefined && value.pattern === undefined;
  if (lone && value.format === 'date') return { type: 'date' };
  if (lone && value.format === 'date-time') return { type: 'datetime' };
  return value;
}

/** `type: integer` or `number` and the bounds; a number that must be a multiple of 1 is an integer. */
export function numberValue(schema: Record<string, unknown>, declared: 'integer' | 'number', ctx: MapContext): ImportedValue {
  const multipleOf = schema['multipleOf'];
  let type = declared;
  if (typeof multipleOf === 'number' && multipleOf > 0) {
    // Every integer is a multiple of 1/n; a number that is a multiple of 1 is an integer.
    if (type === 'number' && multipleOf === 1) type = 'integer';
    else if (!(type === 'integer' && Number.isInteger(1 / multipleOf)))
      leaveOutKeyword(ctx, schema, 'multipleOf', `${multipleOf}: the plan has no multiple-of constraint, left out`);
  } else if (multipleOf !== undefined) {
    leaveOutKeyword(ctx, schema, 'multipleOf', 'is not a positive number: left out');
  }
  const value: ImportedValue = { type };
  const lower = bound(schema, 'minimum', 'exclusiveMinimum', type, ctx);
  const upper = bound(schema, 'maximum', 'exclusiveMaximum', type, ctx);
  if (lower !== undefined && upper !== undefined && lower > upper) {
    leaveOutKeyword(
      ctx,
      schema,
      Object.hasOwn(schema, 'minimum') ? 'minimum' : 'exclusiveMinimum',
      `leaves no ${type === 'integer' ? 'integer' : 'number'} under the maximum (the bounds would be ${lower} to ${upper}), which the plan cannot say: both bounds left out`,
    );
    return value;
  }
  if (lower !== undefined) value.minimum = lower;
  if (upper !== undefined) value.maximum = upper;
  return value;
}

/**
 * The inclusive bound that `minimum` (or `maximum`) and its exclusive keyword make together:
 * draft 4's `exclusiveMinimum: true` modifies `minimum`; later drafts' `exclusiveMinimum: 5` is a
 * bound of its own, and the stricter of the two holds.
 */
function bound(
  schema: Record<string, unknown>,
  inclusiveKey: 'minimum' | 'maximum',
  exclusiveKey: 'exclusiveMinimum' | 'exclusiveMaximum',
  type: 'integer' | 'number',
  ctx: MapContext,
): number | undefined {
  const lower = inclusiveKey === 'minimum';
  const inclusive = schema[inclusiveKey];
  const exclusive = schema[exclusiveKey];
  const candidates: { value: number; exclusive: boolean; key: string }[] = [];
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: exclusive === true, key: inclusiveKey });
  else if (inclusive !== undefined) leaveOutKeyword(ctx, schema, inclusiveKey, 'is not a number: left out');
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true, key: exclusiveKey });
  else if (exclusive !== undefined && typeof exclusive !== 'boolean')
    leaveOutKeyword(ctx, schema, exclusiveKey, 'is not a number: left out');
  if (candidates.length === 0) return undefined;
  // The stricter bound: the higher minimum (exclusive before inclusive at the same value), or the lower maximum.
  candidates.sort((a, b) => (lower ? b.value - a.value : a.value - b.value) || Number(b.exclusive) - Number(a.exclusive));
  const strictest = candidates[0];
  if (strictest === undefined) return undefined;
  if (!strictest.exclusive) return strictest.value;
  if (type === 'integer') return lower ? Math.floor(strictest.value) + 1 : Math.ceil(strictest.value) - 1;
  leaveOutKeyword(
    ctx,
    schema,
    strictest.key === inclusiveKey ? exclusiveKey : strictest.key,
    `makes the bound ${strictest.value} exclusive, which the plan cannot say for a number: written as an inclusive ${inclusiveKey} (${strictest.value} itself is accepted)`,
  );
  return strictest.value;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
