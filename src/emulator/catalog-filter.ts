/**
 * The Resources list's `?filter=` (DESIGN §1): leaves `{operator: exact|contains|in|is_set, field, value}`
 * and groups `{operator: and|or|not, operands: [...]}`, as in the reference's
 * `filter={"operator":"exact","field":"type","value":"event"}`. Parsed once into a predicate over a
 * resource's JSON; a malformed filter is a 400 on the `filter` field.
 */
import { fieldErrors } from './drf-errors.js';
import { idKey } from './resource-id.js';

export type ResourceJson = Readonly<Record<string, unknown>>;
export type Predicate = (resource: ResourceJson) => boolean;

const MAX_DEPTH = 32;
/** Names the events endpoints use for the same fields. */
const ALIASES: Readonly<Record<string, string>> = { integration_id: 'integration', parent_id: 'parent' };

export function parseCatalogFilter(raw: string | undefined): Predicate {
  if (raw === undefined || raw.trim() === '') return () => true;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw invalid(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return compile(json, 0);
}

function compile(node: unknown, depth: number): Predicate {
  if (depth > MAX_DEPTH) throw invalid('The filter is nested too deeply.');
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw invalid('Each filter must be an object with an "operator".');
  const { operator, field, value, operands } = node as Record<string, unknown>;
  switch (operator) {
    case 'and':
    case 'or':
    case 'not': {
      if (!Array.isArray(operands)) throw invalid(`"${operator}" needs a list of "operands".`);
      const parts = operands.map((o) => compile(o, depth + 1));
      if (operator === 'and') return (r) => parts.every((p) => p(r));
      if (operator === 'or') return (r) => parts.some((p) => p(r));
      return (r) => !parts.some((p) => p(r));
    }
    case 'exact':
    case 'contains':
    case 'in':
    case 'is_set': {
      if (typeof field !== 'string' || field === '') throw invalid(`"${operator}" needs a "field".`);
      const key = ALIASES[field] ?? field;
      const test = leaf(operator, value);
      return (r) => test(r[key]);
    }
    default:
      throw invalid(`Unknown operator ${JSON.stringify(operator)}; use exact, contains, in, is_set, and, or or not.`);
  }
}

function leaf(operator: 'exact' | 'contains' | 'in' | 'is_set', value: unknown): (actual: unknown) => boolean {
  switch (operator) {
    // On a list field (tags, owners, …) a value matches when the list holds it.
    case 'exact':
      return (actual) => (Array.isArray(actual) ? actual.some((a) => same(a, value)) : same(actual, value));
    case 'contains': {
      if (typeof value !== 'string') throw invalid('"contains" needs a string "value".');
      const needle = value.toLowerCase();
      return (actual) =>
        Array.isArray(actual) ? actual.some((a) => same(a, value)) : typeof actual === 'string' && actual.toLowerCase().includes(needle);
    }
    case 'in': {
      if (!Array.isArray(value)) throw invalid('"in" needs a list "value".');
      return (actual) => value.some((v) => (Array.isArray(actual) ? actual.some((a) => same(a, v)) : same(actual, v)));
    }
    case 'is_set': {
      const wanted = value === undefined ? true : Boolean(value);
      return (actual) => isSet(actual) === wanted;
    }
  }
}

function same(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual === expected || idKey(actual) === idKey(expected);
  return actual === expected;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function invalid(message: string) {
  return fieldErrors({ filter: [message] });
}
