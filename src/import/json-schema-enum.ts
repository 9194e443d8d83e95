/**
 * `enum` and `const` as the plan's enums. The plan's enum is typed by the property's `type`
 * (`enum` for strings, or `integer`, `number`, `boolean`), so the values a JSON Schema enum may
 * really take are worked out first: those of a type the schema allows, that pass its other
 * constraints (a value of an enum that `maxLength` refuses can never be valid). `null` among
 * them makes the value nullable. What is left must be of one type; for a property Secoda receives,
 * strings its one comma-separated, trimmed text can hold (map-context.ts).
 */
import { hasJsonType, type JsonType } from './json-schema-keywords.js';
import type { EnumValue, ImportedValue } from './imported-plan.js';
import { leaveOutKeyword, type MapContext } from './map-context.js';

/** The plan's value for a schema with `enum` or `const`, given the types it allows (undefined: any). */
export function enumValue(schema: Record<string, unknown>, allowed: ReadonlySet<JsonType> | undefined, ctx: MapContext): ImportedValue {
  const keyword = Object.hasOwn(schema, 'enum') ? 'enum' : 'const';
  const listed: unknown[] = keyword === 'const' ? [schema['const']] : Array.isArray(schema['enum']) ? schema['enum'] : [];
  if (keyword === 'enum' && !Array.isArray(schema['enum'])) {
    leaveOutKeyword(ctx, schema, 'enum', 'is not a list: left out, any value is accepted');
    return {};
  }
  const possible = unique(
    listed.filter((value) => (allowed === undefined || [...allowed].some((t) => hasJsonType(value, t))) && passes(value, schema)),
  );
  const nullable = possible.includes(null);
  const values = possible.filter((value) => value !== null);
  const result = (value: ImportedValue): ImportedValue => (nullable ? { ...value, nullable: true } : value);
  if (values.length === 0) {
    leaveOutKeyword(
      ctx,
      schema,
      keyword,
      nullable
        ? 'allows only null, which the plan cannot say alone: left out, any value is accepted'
        : 'allows no value at all: left out, any value is accepted',
    );
    return {};
  }
  if (values.every((value) => typeof value === 'string')) {
    const unsaid = ctx.secoda ? values.find((value) => value.includes(',') || value.trim() === '' || value !== value.trim()) : undefined;
    if (unsaid !== undefined) {
      leaveOutKeyword(
        ctx,
        schema,
        keyword,
        `value ${JSON.stringify(unsaid)} ${unsaid.includes(',') ? 'holds a comma' : unsaid.trim() === '' ? 'is empty' : 'has surrounding spaces'}, which the enum of a property Secoda receives cannot hold (Secoda stores one comma-separated text, trimmed): left out, any string is accepted`,
      );
      return result({ type: 'string' });
    }
    return result({ type: 'enum', enum: values });
  }
  if (values.every((value) => typeof value === 'boolean')) return result({ type: 'boolean', enum: values });
  if (values.every((value) => typeof value === 'number')) {
    const integers =
      values.every((value) => Number.isInteger(value)) && (allowed === undefined || allowed.has('integer') || !allowed.has('number'));
    return result({ type: integers ? 'integer' : 'number', enum: values });
  }
  leaveOutKeyword(
    ctx,
    schema,
    keyword,
    values.some((value) => typeof value === 'object')
      ? 'holds objects or arrays, which a plan enum cannot: left out, any value is accepted'
      : 'mixes values of several types, which a plan enum cannot: left out, any value is accepted',
  );
  return {};
}

/** Whether a value passes the schema's constraints for its own type (the enum is checked beside them). */
function passes(value: unknown, schema: Record<string, unknown>): boolean {
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema['minLength'] === 'number' && length < schema['minLength']) return false;
    if (typeof schema['maxLength'] === 'number' && length > schema['maxLength']) return false;
    if (typeof schema['pattern'] === 'string') {
      try {
        if (!new RegExp(schema['pattern'], 'u').test(value)) return false;
      } catch {
        return true;
      }
    }
    return true;
  }
  if (typeof value === 'number') {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    if (typeof minimum === 'number' && (exclusiveMinimum === true ? value <= minimum : value < minimum)) return false;
    if (typeof maximum === 'number' && (exclusiveMaximum === true ? value >= maximum : value > maximum)) return false;
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) return false;
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) return false;
    if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(value / multipleOf)) return false;
  }
  return true;
}

/** Values once each, as JSON Schema compares them (by value; objects by their JSON). */
function unique(values: readonly unknown[]): (EnumValue | null | object)[] {
  const seen = new Set<string>();
  const kept: (EnumValue | null | object)[] = [];
  for (const value of values) {
    const key = `${typeof value}:${JSON.stringify(value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(value as EnumValue | null | object);
  }
  return kept;
}
