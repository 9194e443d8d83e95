/**
 * The mass-delete guard: a plan that deletes more than `maxDeletes` events and properties, or
 * more than a quarter of those under the integration, is refused unless deletes are allowed.
 * It catches the classic accident — a wrong path, a file left out of the plan — before any
 * write.
 */
import type { Plan } from './types.js';

export interface GuardOptions {
  readonly maxDeletes: number;
  readonly allowDeletes: boolean;
}

export interface GuardVerdict {
  readonly deletes: number;
  readonly managed: number;
  /** Why the plan trips the guard; null when it does not. */
  readonly tripped: string | null;
  /** Whether apply must refuse (tripped and not allowed). */
  readonly refused: boolean;
}

export function checkDeleteGuard(plan: Plan, options: GuardOptions): GuardVerdict {
  const deletes = plan.operations.filter((op) => op.action === 'delete').length;
  const managed = plan.summary.managed_resources;
  const reasons: string[] = [];
  if (deletes > options.maxDeletes) reasons.push(`more than --max-deletes ${options.maxDeletes}`);
  if (managed > 0 && deletes * 4 > managed)
    reasons.push(`more than a quarter of the ${managed} events and properties under the integration`);
  const tripped = reasons.length > 0 ? `this plan deletes ${deletes} events and properties: ${reasons.join(', and ')}` : null;
  return { deletes, managed, tripped, refused: tripped !== null && !options.allowDeletes };
}
