/**
 * Removals: an event or property that leaves the plan breaks the apps that still send it and
 * the readers that use it — unless it was deprecated: after its sunset the removal is safe,
 * before it keeps its level, and with no sunset it is at most a warning (deprecation-lifecycle.ts).
 */
import type { DeleteOperation } from '../plan/types.js';
import type { Deprecation } from '../tracking-plan/types.js';
import type { Check, Finding } from './check.js';
import { sunsetState } from './deprecation-lifecycle.js';
import { code, subjectOf } from './message-words.js';

export const eventRemoved = {
  id: 'event-removed',
  level: 'breaking',
  description:
    'An event leaves the plan: senders that still send it send an unplanned event, readers lose it. Safe once its deprecation sunset has passed; a warning when deprecated without a sunset.',
  detect: (op, situation, { today }) =>
    op.kind === 'event' && op.action === 'delete' && situation.kind === 'removed' ? removal(op, situation.deprecation, today) : null,
} as const satisfies Check;

export const propertyRemoved = {
  id: 'property-removed',
  level: 'breaking',
  description:
    'A property leaves its event: senders that still send it send an unplanned property, readers lose it. Sunset rules as for event-removed.',
  detect: (op, situation, { today }) =>
    op.kind === 'property' && op.action === 'delete' && situation.kind === 'removed' ? removal(op, situation.deprecation, today) : null,
} as const satisfies Check;

/** The checks of this family, for its test table. */
export const REMOVAL_CHECKS = [eventRemoved, propertyRemoved] as const;

/** The removal finding for an event or property delete; `deprecation` as the baseline wrote it. */
function removal(op: DeleteOperation, deprecation: Deprecation | undefined, today: string): Finding {
  const subject = subjectOf(op.kind, op.path);
  const noun = op.kind === 'event' ? 'event' : 'property';
  const instead = deprecation?.replacement !== undefined ? `; they should send ${code(deprecation.replacement)} instead` : '';
  let message: string;
  if (deprecation === undefined) {
    message =
      op.kind === 'event'
        ? `apps that send ${subject} will send an unplanned event; dashboards and models that read it lose it`
        : `apps that send ${code(op.path[2] ?? '')} with ${code(op.path[1] ?? '')} will send an unplanned property; dashboards and models that read it lose it`;
  } else {
    switch (sunsetState(deprecation, today)) {
      case 'reached':
        message = `${subject} reached its sunset on ${deprecation.sunset ?? ''} (deprecated since ${deprecation.since}): apps had until then to stop sending it${instead}`;
        break;
      case 'ahead':
        message = `${subject} is removed before its sunset on ${deprecation.sunset ?? ''} (deprecated since ${deprecation.since}): apps may still send it until then${instead}`;
        break;
      case 'none':
        message = `${subject} was deprecated on ${deprecation.since} with no sunset: apps that still send it will send an unplanned ${noun}${instead}`;
        break;
    }
  }
  return { message, removal: { deprecation } };
}
