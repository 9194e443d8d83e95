/**
 * MERGE SWITCH (issue 25). `tpsync import` writes the plan keys of issue 25 (`kind`, `any_name`,
 * `additional_properties`, `nullable`, typed enums, `pattern`, lengths, `format`, ranges, `items`,
 * nested `properties`), which the plan language learns on its own branch. Until that branch is
 * merged, the loader on this one refuses them, so the import checks that what it writes validates
 * on a copy without them, and the tests do the same (test/import/written-plan.ts).
 *
 * When the language's keys are merged: set `PLAN_KEYS_LANDED` to true. What import writes is then
 * checked as written, by the import itself and by the tests, and this file and its uses can go.
 */

/** Whether the loader knows every key the import writes (false until the plan language of issue 25 is merged). */
export const PLAN_KEYS_LANDED: boolean = false;

/** Event keys of issue 25. */
const EVENT_KEYS: readonly string[] = ['kind', 'any_name', 'additional_properties'];
/** Property keys of issue 25 (`enum` too, unless with `type: enum`). */
const PROPERTY_KEYS: readonly string[] = [
  'nullable',
  'format',
  'pattern',
  'min_length',
  'max_length',
  'minimum',
  'maximum',
  'items',
  'properties',
  'additional_properties',
];

/**
 * An event of a plan file's data (`{title, …, properties}`) without issue 25's keys, everything
 * else as it was; unchanged once `PLAN_KEYS_LANDED`.
 */
export function eventWithoutPendingKeys(event: Record<string, unknown>): Record<string, unknown> {
  if (PLAN_KEYS_LANDED) return event;
  const kept = omit(event, EVENT_KEYS);
  if (Array.isArray(kept['properties'])) kept['properties'] = kept['properties'].map((p) => propertyWithout(p as Record<string, unknown>));
  return kept;
}

function propertyWithout(property: Record<string, unknown>): Record<string, unknown> {
  const kept = omit(property, PROPERTY_KEYS);
  // Before issue 25 an enum belongs to `type: enum` alone.
  if (kept['type'] !== 'enum') delete kept['enum'];
  return kept;
}

function omit(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !keys.includes(key)));
}
