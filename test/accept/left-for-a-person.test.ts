/**
 * What accept cannot take is said plainly and left alone — the YAML unchanged there — while the
 * rest of the drift is taken: a changed type, enum or required (tpsync replaces those), an event
 * moved to another category, duplicates, a category, something deleted in Secoda, what Secoda has
 * and the YAML lacks (without --new), and fields --fields did not ask for.
 */
import { describe, expect, it } from 'vitest';
import type { RemoteState } from '../../src/secoda/types.js';
import { acceptEdits, eventNamed, OWNER_A, OWNER_B, planOf, propertyNamed } from './accept-support.js';

const YAML = `version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b
categories:
  - title: Checkout
    teams: [${OWNER_A}]
    events:
      - title: Order Completed
        description: Placed.
        owners_groups: [${OWNER_A}]
        properties:
          - title: status
            type: enum
            enum: [paid, open]
            required: true
            description: State.
  - title: Search
    events:
      - title: Searched
        description: Looked.
`;

const status = (r: RemoteState) => propertyNamed(r, 'Order Completed', 'status');

describe('left for a person', () => {
  it.each([
    ['type', (r: RemoteState) => void (status(r).type = 'string'), 'Secoda has type "string", the YAML "enum"'],
    ['enum', (r: RemoteState) => void (status(r).enum = 'paid, open, void'), 'tpsync replaces a property to change its enum'],
    ['required', (r: RemoteState) => void (status(r).is_required = false), 'Secoda has required false, the YAML true'],
  ])('a changed %s: left, and the other fields of the property still taken', (field, edit, words) => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      edit(r);
      status(r).description = 'Order state.';
    });
    expect(accepted.files['plan.yaml']).toBe(YAML.replace('description: State.', 'description: Order state.'));
    expect(accepted.result.left).toEqual([
      {
        kind: 'property',
        path: ['Checkout', 'Order Completed', 'status'],
        field,
        reason: expect.stringContaining(words),
        cause: 'not-acceptable',
      },
    ]);
    // What plan still shows is exactly what was left.
    const plan = planOf(accepted.files, accepted.remote);
    expect(plan.operations.map((op) => [op.action, op.path.join(' › '), op.changes.map((c) => c.field)])).toEqual([
      ['replace', 'Checkout › Order Completed › status', [field]],
    ]);
  });

  it('owners_groups (a replace in the plan) is taken: the YAML then holds what Secoda does, and the replace goes away', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      const event = eventNamed(r, 'Order Completed');
      event.owners_groups = [OWNER_B];
      event.description = 'Placed and paid.';
      // Hidden behind the event's replace until it is accepted: found in the next round.
      status(r).description = 'Order state.';
    });
    expect(accepted.files['plan.yaml']).toBe(
      YAML.replace(`owners_groups: [${OWNER_A}]`, `owners_groups: [${OWNER_B}]`)
        .replace('description: Placed.', 'description: Placed and paid.')
        .replace('description: State.', 'description: Order state.'),
    );
    expect(accepted.result.left).toEqual([]);
    expect(planOf(accepted.files, accepted.remote).operations).toEqual([]);
  });

  it('an event moved to another category in Secoda: left whole', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      const searched = eventNamed(r, 'Searched');
      searched.parent = eventNamed(r, 'Order Completed').parent;
      searched.description = 'Looked up.';
    });
    expect(accepted.files['plan.yaml']).toBe(YAML);
    expect(accepted.result.left).toEqual([
      expect.objectContaining({
        kind: 'event',
        path: ['Search', 'Searched'],
        reason: expect.stringContaining('Secoda holds it in category "Checkout", the YAML in "Search"'),
      }),
    ]);
  });

  it('a duplicate in Secoda, a deleted resource, a category whose teams changed: each left, said why; the edits beside them taken', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      const searched = eventNamed(r, 'Searched');
      r.events.push({ ...searched, id: 'e:copy', created_at: '2030-01-01T00:00:00Z' });
      r.properties.splice(r.properties.indexOf(status(r)), 1);
      r.categories[0]!.teams = [OWNER_B];
      eventNamed(r, 'Order Completed').description = 'Placed and paid.';
    });
    expect(accepted.files['plan.yaml']).toBe(YAML.replace('description: Placed.', 'description: Placed and paid.'));
    expect(accepted.result.left.map((left) => [left.kind, left.path.join(' › '), left.reason])).toEqual([
      [
        'property',
        'Checkout › Order Completed › status',
        expect.stringMatching(/^the YAML has it and Secoda does not \(deleted in Secoda/),
      ],
      ['event', 'Search › Searched', expect.stringMatching(/^a duplicate in Secoda \(the YAML's is the oldest copy, e:Search\/Searched\)/)],
      ['category', 'Checkout', expect.stringMatching(/^category "Checkout" has teams \[8680f886.*the API cannot change categories/)],
    ]);
  });

  it('what Secoda has and the YAML lacks, without --new: left, pointing at --new', () => {
    const accepted = acceptEdits({ 'plan.yaml': YAML }, (r) => {
      r.events.push({ ...eventNamed(r, 'Searched'), id: 'e:new', title: 'Filtered', created_at: '2030-01-01T00:00:00Z' });
    });
    expect(accepted.files['plan.yaml']).toBe(YAML);
    expect(accepted.result.left).toEqual([
      {
        kind: 'event',
        path: ['Search', 'Filtered'],
        reason: 'in Secoda but not in the YAML: `--new` adds it; apply deletes it',
        cause: 'new',
      },
    ]);
  });

  it('--fields: only the fields asked for are taken; the others are left, said so', () => {
    const accepted = acceptEdits(
      { 'plan.yaml': YAML },
      (r) => {
        eventNamed(r, 'Searched').description = 'Looked up.';
        eventNamed(r, 'Order Completed').owners_groups = [OWNER_B];
      },
      { fields: new Set(['owners_groups']) },
    );
    expect(accepted.files['plan.yaml']).toBe(YAML.replace(`owners_groups: [${OWNER_A}]`, `owners_groups: [${OWNER_B}]`));
    expect(accepted.result.left).toEqual([
      {
        kind: 'event',
        path: ['Search', 'Searched'],
        field: 'description',
        reason: 'description differs; not taken (--fields)',
        cause: 'fields',
      },
    ]);
  });

  it('a flag Secoda holds no value for: left (the YAML cannot say "no value"), not written as false', () => {
    const yaml = YAML.replace('        description: Looked.\n', '        description: Looked.\n        pii: true\n');
    const accepted = acceptEdits({ 'plan.yaml': yaml }, (r) => void (eventNamed(r, 'Searched').pii = null));
    expect(accepted.files['plan.yaml']).toBe(yaml);
    expect(accepted.result.left).toEqual([
      expect.objectContaining({ field: 'pii', reason: expect.stringContaining('Secoda holds no value for pii') }),
    ]);
  });
});
