/**
 * Where a payload keeps its event name and its properties: a field name or a dotted path into
 * nested objects (`--event-field context.event_name`). Only own fields are read: `constructor`
 * or `__proto__` never reach into the prototype.
 */

export type FieldPath = readonly string[];

/**
 * `"a.b"` → `["a", "b"]`.
 * @returns undefined when the path has an empty segment (`""`, `"a..b"`, `".a"`).
 */
export function parseFieldPath(text: string): FieldPath | undefined {
  const segments = text.split('.');
  return segments.some((s) => s === '') ? undefined : segments;
}

/** The value at `path` in `value`, or undefined when a step is missing or not an object. */
export function readField(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
