/**
 * Reading Secoda's enum string ("red, green, yellow") as the YAML's list. The planner's own
 * parser is used, so the list written is the set the planner will compare against.
 */
import { parseEnum } from '../plan/field-diff.js';
import { isWellFormed } from './representable.js';

export type EnumReading = { readonly ok: true; readonly values: string[] } | { readonly ok: false; readonly problem: string };

export function readEnum(text: string | null): EnumReading {
  const values = parseEnum(text);
  if (values.length === 0) return { ok: false, problem: `type "enum" with no enum values (${JSON.stringify(text)})` };
  // Secoda separates values with commas, so a comma inside a value cannot be told from a
  // separator. A string that mixes ", " with bare "," ("1,000, 2,000") most likely holds one.
  if (/,(?=\S)/.test(text ?? '') && /,(?=\s)/.test(text ?? '')) {
    return {
      ok: false,
      problem: `the enum ${JSON.stringify(text)} mixes ", " and "," separators, so a value may contain a comma, which a tracking plan cannot hold`,
    };
  }
  if (!values.every(isWellFormed)) return { ok: false, problem: 'an enum value holds characters that cannot be written as UTF-8' };
  // The planner compares values as a set: a repeated value adds nothing, and the YAML forbids it.
  return { ok: true, values: [...new Set(values)] };
}
