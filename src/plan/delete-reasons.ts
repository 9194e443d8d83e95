/**
 * The `reason` a delete (or a create that follows one) carries when the action alone does not
 * say why. The delete guard and the renderings tell causes apart by these exact texts.
 */

/** The `reason` of a delete whose resource the YAML does not name. */
export const NOT_IN_PLAN = 'not in the tracking plan';
/** The `reason` of a property deleted because its event is replaced (it is re-created with it). */
export const EVENT_REPLACED = 'its event is replaced';
/** The `reason` of a property deleted because its event is deleted. */
export const EVENT_DELETED = 'its event is deleted';

/** The `reason` of a delete of a surplus copy: `keptId` is the copy the plan keeps (the oldest). */
export function duplicateReason(keptId: string): string {
  return `a duplicate: the oldest copy, ${keptId}, is kept`;
}
