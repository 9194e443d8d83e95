/**
 * What an operation *does* — its action, the resource, the values it writes — apart from how it
 * is rendered or the values it reads, and short digests of it. A plan re-made later (at merge
 * time, or from a saved plan file) matches an earlier one operation by operation through these,
 * even if some of it has been applied since, or a parent created in between now has an ID.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './fingerprint.js';
import type { Operation } from './types.js';

/**
 * The length of an operation digest: 96 bits as 16 base64url characters. Collisions by chance are
 * negligible; and finding two operations with one digest (a birthday search, 2^48 work) is out of
 * reach, where 48 bits (2^24 work) was not — a pull request's author chooses the values an
 * operation writes.
 */
export const DIGEST_CHARS = 16;
const DIGEST_BYTES = (DIGEST_CHARS * 6) / 8;

/** The part of an operation that says what it does: action, kind, path, and what it writes or removes. */
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

/** The short digest (DIGEST_CHARS base64url characters) of what an operation does. */
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
