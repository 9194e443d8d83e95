/** What a check found on one operation, before its level is settled (overrides, deprecation). */
import type { Deprecation } from '../tracking-plan/types.js';
import type { CheckId } from './check-registry.js';

export interface Finding {
  readonly id: CheckId;
  /** What breaks for whom, in one line. */
  readonly message: string;
  /** For a removal (event-removed, property-removed): whether and how the item was deprecated. */
  readonly removal?: { readonly deprecation: Deprecation | undefined };
}

/** `name` in backticks, as messages quote titles and values. */
export function code(text: string): string {
  return `\`${text}\``;
}

/** "a, b and c" */
export function listText(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}
