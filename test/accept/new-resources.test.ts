/**
 * `--new`: events and properties that Secoda holds under the integration and the YAML lacks are
 * appended to their category's (or event's) list, as `pull` writes them; a new category goes to
 * the file that holds the header. Nothing before the insertion moves; `plan` is then a no-op.
 */
import { describe, expect, it } from 'vitest';
import type { RemoteState } from '../../src/secoda/types.js';
import { acceptEdits, eventNamed, expectNoOp, OWNER_A } from './accept-support.js';

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b # header\n';
const CHECKOUT = `categories:
  - title: Checkout # one category
    events:
      - title: Cart Viewed
        properties:
          - title: items
            type: integer

      - title: Order Completed # last
`;

const LATER = '2030-01-01T00:00:00.000000Z';

function addEvent(r: RemoteState, title: string, extra: Partial<RemoteState['events'][number]> = {}): string {
  const like = eventNamed(r, 'Cart Viewed');
  const id = `e:new/${title}`;
  r.events.push({ ...like, id, title, created_at: LATER, ...extra });
  return id;
}

describe('accept --new', () => {
  it('an event goes to the end of its category, as pull writes it, with the blank line the list uses', () => {
    const accepted = acceptEdits(
      { 'plan/tracking-plan.yaml': HEADER, 'plan/checkout.yaml': CHECKOUT },
      (r) => {
        const id = addEvent(r, 'Order Refunded', { description: 'Money went back.\nTo the card.', owners: [OWNER_A], pii: true });
        r.properties.push({ ...r.properties[0]!, id: 'p:new', parent: id, title: 'amount', type: 'number', enum: null, created_at: LATER });
      },
      { addNew: true },
    );
    expect(accepted.files['plan/checkout.yaml']).toBe(
      `${CHECKOUT}
      - title: Order Refunded
        description: |-
          Money went back.
          To the card.
        pii: true
        owners: [${OWNER_A}]
        properties:
          - title: amount
            type: number
`,
    );
    expect(accepted.files['plan/tracking-plan.yaml']).toBe(HEADER);
    expect(accepted.result.added).toEqual([{ kind: 'event', path: ['Checkout', 'Order Refunded'], file: 'plan/checkout.yaml' }]);
    expectNoOp(accepted);
  });

  it('a property goes to its event; an event without a properties list gets one', () => {
    const accepted = acceptEdits(
      { 'plan/tracking-plan.yaml': HEADER, 'plan/checkout.yaml': CHECKOUT },
      (r) => {
        const cart = eventNamed(r, 'Cart Viewed');
        const order = eventNamed(r, 'Order Completed');
        const like = r.properties[0]!;
        r.properties.push({ ...like, id: 'p:1', parent: cart.id, title: 'coupon', type: 'string', created_at: LATER });
        r.properties.push({ ...like, id: 'p:2', parent: order.id, title: 'total', type: 'number', created_at: LATER });
      },
      { addNew: true },
    );
    expect(accepted.files['plan/checkout.yaml']).toBe(
      CHECKOUT.replace('            type: integer\n', '            type: integer\n          - title: coupon\n            type: string\n') +
        '        properties:\n          - title: total\n            type: number\n',
    );
    expectNoOp(accepted);
  });

  it('a new category goes to the header file, with its events', () => {
    const accepted = acceptEdits(
      { 'plan/tracking-plan.yaml': HEADER, 'plan/checkout.yaml': CHECKOUT },
      (r) => {
        r.categories.push({ id: 'c:new', title: 'Search', integration: r.categories[0]!.integration, teams: [], created_at: LATER });
        addEvent(r, 'Searched', { parent: 'c:new' });
      },
      { addNew: true },
    );
    expect(accepted.files['plan/tracking-plan.yaml']).toBe(
      `${HEADER}categories:\n  - title: Search\n    events:\n      - title: Searched\n`,
    );
    expect(accepted.files['plan/checkout.yaml']).toBe(CHECKOUT);
    expectNoOp(accepted);
  });

  it('an empty flow list (`events: []`) becomes a block list', () => {
    const yaml = `${HEADER}categories:\n  - title: Search\n    events: [] # none yet\n`;
    const accepted = acceptEdits(
      { 'plan.yaml': yaml },
      (r) => {
        r.events.push({ ...(r.events[0] ?? emptyEvent()), id: 'e:1', parent: r.categories[0]!.id, title: 'Searched', created_at: LATER });
      },
      { addNew: true },
    );
    expect(accepted.files['plan.yaml']).toBe(`${HEADER}categories:\n  - title: Search\n    events: # none yet\n      - title: Searched\n`);
    expectNoOp(accepted);
  });

  it("what a tracking plan cannot hold as Secoda does is left, with pull's reason", () => {
    const accepted = acceptEdits(
      { 'plan/tracking-plan.yaml': HEADER, 'plan/checkout.yaml': CHECKOUT },
      (r) => void addEvent(r, ' Padded '),
      { addNew: true },
    );
    expect(accepted.files['plan/checkout.yaml']).toBe(CHECKOUT);
    expect(accepted.result.left).toEqual([
      expect.objectContaining({
        kind: 'event',
        path: ['Checkout', ' Padded '],
        reason: expect.stringMatching(/^in Secoda, but a tracking plan cannot hold it as Secoda does \(the title/),
      }),
    ]);
  });
});

function emptyEvent(): RemoteState['events'][number] {
  return {
    id: '',
    title: '',
    parent: null,
    integration: 'ca529385-fbc9-4934-afae-e372affe795b',
    created_at: LATER,
    description: null,
    definition: null,
    pii: null,
    verified: null,
    published: null,
    teams: [],
    owners: [],
    owners_groups: [],
    collections: [],
    tags: [],
    subscribers: [],
  };
}
