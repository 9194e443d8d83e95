/**
 * The plan as it may be shown or written: secrets taken out of its values (a token pasted into a
 * description in Secoda), its fingerprints (hex digests, never secret) kept.
 */
import type { Plan } from '../plan/types.js';
import { redactorOf, type Io } from './io.js';

export function redactedPlan(io: Io, plan: Plan): Plan {
  const redactor = redactorOf(io);
  return {
    ...plan,
    operations: redactor.redactDeep(plan.operations),
    warnings: redactor.redactDeep(plan.warnings),
    ...(plan.names === undefined ? {} : { names: redactor.redactDeep(plan.names) }),
  };
}
