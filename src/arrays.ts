/**
 * Appending lists that grow with the input. `target.push(...items)` passes every item as an
 * argument, on the stack: 130,000 categories end in "Maximum call stack size exceeded". Pure.
 */

/** Appends every item of each of `lists` to `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], ...lists: Iterable<T>[]): T[] {
  for (const list of lists) for (const item of list) target.push(item);
  return target;
}

/** The largest of `values` (`fallback` for none): Math.max without spreading the list on the stack. */
export function largest(values: Iterable<number>, fallback = Number.NEGATIVE_INFINITY): number {
  let max = fallback;
  for (const value of values) if (value > max) max = value;
  return max;
}
