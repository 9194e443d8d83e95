/**
 * What a reviewer approved, in a form small enough to carry in a PR comment's hidden
 * marker: one short digest per operation, computed from what the operation *does* (action,
 * resource, values written), not from how it is rendered or from values it reads. So a plan
 * re-made at merge time matches the reviewed one operation by operation, even if some of
 * it has been applied since, or a parent created in between now has an ID.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, sha256 } from '../plan/fingerprint.js';
import type { Operation, Plan } from '../plan/types.js';
import type { PatchFields } from '../secoda/types.js';

/**
 * 96-bit digests as 16 base64url characters. Collisions by chance are negligible; and finding
 * two operations with one digest (a birthday search, 2^48 work) is out of reach, where 48 bits
 * (2^24 work) was not — a pull request's author chooses the values an operation writes.
 */
const DIGEST_CHARS = 16;
const DIGEST_BYTES = (DIGEST_CHARS * 6) / 8;

export function operationIdentity(op: Operation): unknown {
  const base = { action: op.action, kind: op.kind, path: op.path };
  switch (op.action) {
    case 'create':
      return { ...base, body: op.body };
    case 'update':
      return { ...base, remote_id: op.remote_id, patch: op.patch };
    case 'replace':
      return { ...base, remote_id: op.remote_id, body: op.body, forced_by: op.forced_by };
    case 'delete':
      return { ...base, remote_id: op.remote_id };
  }
}

export function operationDigest(op: Operation): string {
  return createHash('sha256')
    .update(canonicalJson(operationIdentity(op)))
    .digest()
    .subarray(0, DIGEST_BYTES)
    .toString('base64url');
}

/** The full SHA-256 (hex) of what an operation does: for comparing a saved plan file with a fresh plan. */
export function fullOperationDigest(op: Operation): string {
  return createHash('sha256')
    .update(canonicalJson(operationIdentity(op)))
    .digest('hex');
}

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
