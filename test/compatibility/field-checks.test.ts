/**
 * Field changes: type, enum values, required, PII, and documentation.
 * One table per check: (before YAML, after YAML, remote) → the verdict on every operation.
 */
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/compatibility/check.js';
import { FIELD_CHECKS } from '../../src/compatibility/field-checks.js';
import type { FieldChange, UpdateOperation } from '../../src/plan/types.js';
import { checkTable, checkout, orderId, payment } from './compat-fixtures.js';

describe('field-checks', () => {
  checkTable(FIELD_CHECKS, {
    'property-became-required': [
      {
        name: 'optional to required',
        before: checkout('{ title: coupon, type: string, required: false }'),
        after: checkout('{ title: coupon, type: string, required: true }'),
        expected: ['replace property Checkout/Order Completed/coupon: breaking (property-became-required breaking)'],
      },
    ],
    'property-became-optional': [
      {
        name: 'required to optional',
        before: checkout(orderId),
        after: checkout('{ title: order_id, type: string, required: false }'),
        expected: ['replace property Checkout/Order Completed/order_id: warning (property-became-optional warning)'],
      },
    ],
    'property-type-changed': [
      {
        name: 'string to integer',
        before: checkout(orderId),
        after: checkout('{ title: order_id, type: integer, required: true }'),
        expected: ['replace property Checkout/Order Completed/order_id: breaking (property-type-changed breaking)'],
      },
      {
        name: 'string to enum: the values are part of the type change',
        before: checkout('{ title: tier, type: string }'),
        after: checkout('{ title: tier, type: enum, enum: [gold, silver] }'),
        expected: ['replace property Checkout/Order Completed/tier: breaking (property-type-changed breaking)'],
      },
      {
        name: 'a type set where Secoda had none',
        before: checkout('{ title: tier }'),
        after: checkout('{ title: tier, type: string }'),
        expected: ['replace property Checkout/Order Completed/tier: breaking (property-type-changed breaking)'],
      },
    ],
    'enum-value-removed': [
      {
        name: 'a value leaves the enum',
        before: checkout(payment('card, klarna')),
        after: checkout(payment('card')),
        expected: ['replace property Checkout/Order Completed/payment_method: breaking (enum-value-removed breaking)'],
      },
      {
        name: 'one value swapped for another',
        before: checkout(payment('card, klarna')),
        after: checkout(payment('card, apple_pay')),
        expected: [
          'replace property Checkout/Order Completed/payment_method: breaking (enum-value-removed breaking, enum-value-added safe)',
        ],
      },
    ],
    'enum-value-added': [
      {
        name: 'a value joins the enum',
        before: checkout(payment('card')),
        after: checkout(payment('card, apple_pay')),
        expected: ['replace property Checkout/Order Completed/payment_method: safe (enum-value-added safe)'],
      },
    ],
    'pii-changed': [
      {
        name: 'a property and an event become personal data',
        before: checkout('{ title: email, type: string, pii: false }', ', pii: false'),
        after: checkout('{ title: email, type: string, pii: true }', ', pii: true'),
        expected: [
          'update event Checkout/Order Completed: warning (pii-changed warning)',
          'update property Checkout/Order Completed/email: warning (pii-changed warning)',
        ],
      },
      {
        name: 'no longer personal data',
        before: checkout('{ title: email, type: string, pii: true }'),
        after: checkout('{ title: email, type: string, pii: false }'),
        expected: ['update property Checkout/Order Completed/email: warning (pii-changed warning)'],
      },
    ],
    'metadata-changed': [
      {
        name: 'descriptions, definitions, flags and ID lists',
        before: checkout(`${orderId}`, ', description: Old.'),
        after: checkout(
          '{ title: order_id, type: string, required: true, description: The order., verified: true, tags: [t1] }',
          ', description: New., definition: Fired once., published: true, owners: [u1]',
        ),
        expected: [
          'update event Checkout/Order Completed: safe (metadata-changed safe)',
          'update property Checkout/Order Completed/order_id: safe (metadata-changed safe)',
        ],
      },
      {
        name: 'owners_groups re-creates the event: its properties come back unchanged',
        before: checkout(orderId, ', owners_groups: [g1]'),
        after: checkout(orderId, ', owners_groups: [g2]'),
        expected: [
          'delete property Checkout/Order Completed/order_id: safe (property-recreated safe)',
          'replace event Checkout/Order Completed: safe (metadata-changed safe)',
          'create property Checkout/Order Completed/order_id: safe (property-recreated safe)',
        ],
      },
      {
        name: '`required: false` and `pii: false` stated where Secoda had nothing',
        before: checkout('{ title: coupon, type: string }'),
        after: checkout('{ title: coupon, type: string, required: false, pii: false }'),
        expected: ['replace property Checkout/Order Completed/coupon: safe (metadata-changed safe)'],
      },
    ],
  });
});

/** Each check alone, on the changes of one update: what it finds (its message), or null. */
describe('field checks, one at a time', () => {
  const update = (changes: FieldChange[]): UpdateOperation => ({
    action: 'update',
    kind: 'property',
    path: ['Checkout', 'Order Completed', 'tier'],
    remote_id: 'p1',
    patch: {},
    changes,
    reason: null,
  });
  const checks: readonly Check[] = FIELD_CHECKS;
  const findings = (changes: FieldChange[]) =>
    Object.fromEntries(
      checks.map((check) => [
        check.id,
        check.detect(update(changes), { kind: 'changed', changes }, { today: '2025-03-01' })?.message ?? null,
      ]),
    );

  it('a type change covers the enum values that come with it', () => {
    expect(
      findings([
        { field: 'type', before: 'string', after: 'enum' },
        { field: 'enum', before: null, after: ['gold'] },
      ]),
    ).toEqual({
      'property-type-changed':
        '`tier` of `Order Completed` changes type from string to enum: apps that send string values, and readers that expect them, will break',
      'enum-value-removed': null,
      'enum-value-added': null,
      'property-became-required': null,
      'property-became-optional': null,
      'pii-changed': null,
      'metadata-changed': null,
    });
  });

  it('enum values removed and added are two findings', () => {
    expect(findings([{ field: 'enum', before: ['gold', 'silver'], after: ['gold', 'bronze'] }])).toMatchObject({
      'enum-value-removed': 'apps that send `tier: silver` will send an unplanned value',
      'enum-value-added': 'dashboards and models that read `tier` may get the new value `bronze`',
      'metadata-changed': null,
    });
  });

  it('`required` and `pii` count when they flip, and are documentation when stated where Secoda had none', () => {
    expect(
      findings([
        { field: 'required', before: null, after: true },
        { field: 'pii', before: true, after: false },
      ]),
    ).toMatchObject({
      'property-became-required': 'apps that send `Order Completed` without `tier` will send incomplete events',
      'pii-changed':
        '`tier` of `Order Completed` is no longer marked as personal data: check that nothing relied on it being handled as PII',
      'metadata-changed': null,
    });
    expect(
      findings([
        { field: 'required', before: null, after: false },
        { field: 'pii', before: null, after: false },
        { field: 'owners_groups', before: [], after: ['g1'] },
      ]),
    ).toMatchObject({
      'property-became-optional': null,
      'pii-changed': null,
      'metadata-changed':
        'documentation only (required, pii, owners_groups); Secoda re-creates `tier` of `Order Completed` to change owners_groups: apps and readers are unaffected',
    });
  });

  it('find nothing when fields do not change', () => {
    const op = update([]);
    for (const check of checks) expect(check.detect(op, { kind: 'added' }, { today: '2025-03-01' }), check.id).toBeNull();
  });
});
