import { describe, expect, it } from 'vitest';
import { DIGEST_CHARS, fullOperationDigest, operationDigest, operationIdentity } from '../../src/plan/operation-identity.js';
import type { CreateOperation, DeleteOperation, UpdateOperation } from '../../src/plan/types.js';

const create: CreateOperation = {
  action: 'create',
  kind: 'property',
  path: ['Checkout', 'Order Completed', 'currency'],
  remote_id: null,
  parent_id: null,
  body: { title: 'currency', type: 'string' },
  changes: [{ field: 'type', before: null, after: 'string' }],
  reason: null,
};
const update: UpdateOperation = {
  action: 'update',
  kind: 'event',
  path: ['Checkout', 'Order Completed'],
  remote_id: 'e1',
  patch: { description: 'Fired once.' },
  changes: [{ field: 'description', before: 'Old.', after: 'Fired once.' }],
  reason: null,
};
const remove: DeleteOperation = {
  action: 'delete',
  kind: 'event',
  path: ['Checkout', 'Gone'],
  remote_id: 'e2',
  parent_id: 'c1',
  duplicate_of: null,
  changes: [],
  reason: 'not in the tracking plan',
};

describe('operationIdentity', () => {
  it('is what the operation does: action, resource and the values it writes or removes', () => {
    expect(operationIdentity(create)).toEqual({
      action: 'create',
      kind: 'property',
      path: ['Checkout', 'Order Completed', 'currency'],
      body: { title: 'currency', type: 'string' },
    });
    expect(operationIdentity(update)).toEqual({
      action: 'update',
      kind: 'event',
      path: ['Checkout', 'Order Completed'],
      remote_id: 'e1',
      patch: { description: 'Fired once.' },
    });
    expect(operationIdentity(remove)).toEqual({ action: 'delete', kind: 'event', path: ['Checkout', 'Gone'], remote_id: 'e2' });
  });
});

describe('operation digests', () => {
  it('are short (base64url) or full (hex) digests of the identity alone', () => {
    expect(operationDigest(update)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${DIGEST_CHARS}}$`));
    expect(fullOperationDigest(update)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignore what the operation reads or how it is shown: the values before, the reason, the verdict, a parent created since', () => {
    const shownOtherwise: UpdateOperation = {
      ...update,
      changes: [{ field: 'description', before: 'Something else.', after: 'Fired once.' }],
      reason: 'drift',
      origin: 'secoda',
      compatibility: { level: 'safe', checks: [] },
    };
    expect(operationDigest(shownOtherwise)).toBe(operationDigest(update));
    expect(fullOperationDigest(shownOtherwise)).toBe(fullOperationDigest(update));
    expect(operationDigest({ ...create, parent_id: 'e9' })).toBe(operationDigest(create));
  });

  it('change with anything written, the resource, or the action', () => {
    const digests = [
      update,
      { ...update, patch: { description: 'Fired twice.' } },
      { ...update, remote_id: 'e3' },
      { ...update, path: ['Checkout', 'Order Placed'] },
      create,
      { ...create, body: { title: 'currency', type: 'integer' } },
      remove,
      { ...remove, remote_id: 'e1' },
    ].map(operationDigest);
    expect(new Set(digests).size).toBe(digests.length);
  });

  it('do not depend on the order of keys in what is written', () => {
    const a: UpdateOperation = { ...update, patch: { description: 'x', pii: true } };
    const b: UpdateOperation = { ...update, patch: { pii: true, description: 'x' } };
    expect(operationDigest(a)).toBe(operationDigest(b));
  });
});
