// What the plan builder's tests share: the options they build with and a one-line view of operations.
import type { Operation } from '../../src/plan/types.js';

/** The build options of these tests: Secoda's write rate, for the duration estimate. */
export const opts = { writesPerMinute: 30 };
/** A compact view of operations: "action kind path". */
export const brief = (ops: readonly Operation[]) => ops.map((op) => `${op.action} ${op.kind} ${op.path.join('/')}`);
