/**
 * A field that comes from a shared property definition (`- use: currency`): the definition
 * changes only when every event that uses it shows the same value in Secoda; otherwise the events
 * that changed get an override beside `use:`, a note says so, and an event that did not change is
 * never touched.
 */
import { describe, expect, it } from 'vitest';
import type { RemoteState } from '../../src/secoda/types.js';
import { acceptEdits, eventNamed, expectNoOp, OWNER_A, OWNER_B, propertyNamed } from './accept-support.js';

const YAML = `version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b

# Shared across checkout events.
properties:
  - title: currency
    type: string
    description: ISO 4217 code. # the definition
    owners: [${OWNER_A}]

categories:
  - title: Checkout
    events:
      - title: Cart Viewed
        properties:
          - use: currency
      - title: Order Completed
        properties:
          - use: currency
            required: true
      - title: Order Refunded
        properties:
          - use: currency
            description: Currency of the refund. # overridden here
`;

const users = ['Cart Viewed', 'Order Completed'] as const;
const currency = (remote: RemoteState, event: string) => propertyNamed(remote, event, 'currency');

describe('shared definitions', () => {
  it('every event that uses the definition shows the same new value: the definition changes, once', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      for (const event of users) currency(r, event).description = 'ISO 4217 currency code.';
    });
    expect(accepted.files['plan.yaml']).toBe(YAML.replace('description: ISO 4217 code. #', 'description: ISO 4217 currency code. #'));
    expect(accepted.result.accepted).toEqual([
      expect.objectContaining({ kind: 'definition', path: ['currency'], field: 'description', file: 'plan.yaml', line: 8 }),
    ]);
    expect(accepted.result.notes).toEqual([]);
    expectNoOp(accepted);
  });

  it('alike as the planner sees it (lists as sets), in every event that takes the field from it: the definition changes', () => {
    // Order Refunded overrides the description only: it takes its owners from the definition too.
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      currency(r, 'Cart Viewed').owners = [OWNER_A, OWNER_B];
      currency(r, 'Order Completed').owners = [OWNER_B.toUpperCase(), OWNER_A];
      currency(r, 'Order Refunded').owners = [OWNER_B, OWNER_A.replace(/-/g, '')];
    });
    expect(accepted.files['plan.yaml']).toBe(YAML.replace(`owners: [${OWNER_A}]`, `owners: [${OWNER_A}, ${OWNER_B}]`));
    expectNoOp(accepted);
  });

  it('the events differ in Secoda: overrides beside `use:` for those that changed, the definition and the others untouched', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => void (currency(r, 'Order Completed').description = 'Currency paid in.'));
    expect(accepted.files['plan.yaml']).toBe(
      YAML.replace('            required: true\n', '            required: true\n            description: Currency paid in.\n'),
    );
    expect(accepted.result.accepted).toEqual([
      expect.objectContaining({
        kind: 'property',
        path: ['Checkout', 'Order Completed', 'currency'],
        via: 'override',
        definition: 'currency',
        after: 'Currency paid in.',
      }),
    ]);
    expect(accepted.result.notes).toEqual([
      {
        path: ['currency'],
        message: expect.stringMatching(
          /^shared property definition "currency": Secoda's description differs between the events that use it.*Checkout › Order Completed/,
        ),
      },
    ]);
    expectNoOp(accepted);
  });

  it('two events changed differently: each gets its own override', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      currency(r, 'Cart Viewed').description = 'Shown in.';
      currency(r, 'Order Completed').description = 'Paid in.';
    });
    expect(accepted.files['plan.yaml']).toBe(
      YAML.replace(
        '          - use: currency\n      - title: Order Completed',
        '          - use: currency\n            description: Shown in.\n      - title: Order Completed',
      ).replace('            required: true\n', '            required: true\n            description: Paid in.\n'),
    );
    expectNoOp(accepted);
  });

  it('a field the event overrides is written beside `use:`, where it is', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => void (currency(r, 'Order Refunded').description = 'Refund currency.'));
    expect(accepted.files['plan.yaml']).toBe(YAML.replace('description: Currency of the refund. #', 'description: Refund currency. #'));
    expect(accepted.result.accepted).toEqual([
      expect.objectContaining({ path: ['Checkout', 'Order Refunded', 'currency'], definition: 'currency' }),
    ]);
    expect(accepted.result.accepted[0]?.via).toBeUndefined();
    expectNoOp(accepted);
  });

  it('an event whose property is missing in Secoda is not known to agree: the one that changed gets an override', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      currency(r, 'Order Completed').description = 'Paid in.';
      const gone = currency(r, 'Cart Viewed');
      r.properties.splice(r.properties.indexOf(gone), 1);
    });
    expect(accepted.files['plan.yaml']).toBe(
      YAML.replace('            required: true\n', '            required: true\n            description: Paid in.\n'),
    );
    expect(accepted.result.notes[0]?.message).toContain('is not known to be the same for every event that uses it');
    // The missing property is left: the YAML has it, Secoda does not.
    expect(accepted.result.left).toEqual([expect.objectContaining({ kind: 'property', path: ['Checkout', 'Cart Viewed', 'currency'] })]);
  });

  it('an event that did not drift is never changed, even when every other user did', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => void (currency(r, 'Cart Viewed').owners = [OWNER_B]));
    const text = accepted.files['plan.yaml'] ?? '';
    expect(text).toBe(
      YAML.replace(
        '          - use: currency\n      - title: Order Completed',
        `          - use: currency\n            owners: [${OWNER_B}]\n      - title: Order Completed`,
      ),
    );
    expect(eventNamed(accepted.remote, 'Order Completed')).toBeDefined();
    expectNoOp(accepted);
  });
});
