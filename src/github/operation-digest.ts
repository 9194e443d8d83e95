/**
 * What a reviewer approved, in a form small enough to carry in a PR comment's hidden
 * marker: one short digest per operation (src/plan/operation-identity.ts), or per field of an
 * update, packed into one string; and whether a fresh plan holds only reviewed operations.
 */
import { sha256 } from '../plan/fingerprint.js';
import { DIGEST_CHARS, operationDigest } from '../plan/operation-identity.js';
import type { Operation, Plan } from '../plan/types.js';
import type { PatchFields } from '../secoda/types.js';

/** The hash of the plan's canonical operations: equal plans, equal hashes, whatever their text. */
export function planHash(plan: Plan): string {
  const digests = plan.operations.map(operationDigest).sort();
  return `sha256:${sha256(digests.join('\n'))}`;
}

/**
 * The digests of each field an update writes, each as the digest of an update of that field
 * alone (so a one-field update's is its operation digest). One apply may carry several merged
 * pull requests that changed one resource in different fields, or a pull request whose review
 * also showed fields that another one has applied since: the fresh update then writes fields
 * each of which was reviewed, just not in one operation. Empty for other actions.
 */
export function fieldDigests(op: Operation): string[] {
  if (op.action !== 'update') return [];
  return (Object.keys(op.patch) as (keyof PatchFields)[]).map((field) => operationDigest({ ...op, patch: { [field]: op.patch[field] } }));
}

/** What a review records of an operation: its digest, or for an update of several fields a digest per field. */
export function reviewDigests(op: Operation): string[] {
  const fields = fieldDigests(op);
  return fields.length > 1 ? fields : [operationDigest(op)];
}

/** Digests packed as one string (DIGEST_CHARS characters each), sorted, each once. */
export function packDigests(plan: Plan): string {
  return [...new Set(plan.operations.flatMap(reviewDigests))].sort().join('');
}

/** Whether `op` was reviewed: its own digest, or (an update) the digest of every field it writes, is among `reviewed`. */
export function isReviewed(op: Operation, reviewed: ReadonlySet<string>): boolean {
  if (reviewed.has(operationDigest(op))) return true;
  const fields = fieldDigests(op);
  return fields.length > 0 && fields.every((digest) => reviewed.has(digest));
}

export function unpackDigests(packed: string): Set<string> {
  const digests = new Set<string>();
  for (let i = 0; i + DIGEST_CHARS <= packed.length; i += DIGEST_CHARS) digests.add(packed.slice(i, i + DIGEST_CHARS));
  return digests;
}

/** Operations of `plan` that the reviewed digests do not contain (empty: the plan is a subset). */
export function unreviewedOperations(plan: Plan, reviewed: ReadonlySet<string>): Operation[] {
  return plan.operations.filter((op) => !isReviewed(op, reviewed));
}
