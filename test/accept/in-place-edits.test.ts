/**
 * Secoda's edits written into the YAML in place: each case edits the remote state that applying
 * the YAML left, accepts, and compares the whole file with the original where only the changed
 * value's characters differ (every other byte — comments, quotes, blank lines, anchors, line
 * endings — the same); and `plan` is then a no-op.
 */
import { describe, expect, it } from 'vitest';
import type { RemoteState } from '../../src/secoda/types.js';
import { acceptEdits, eventNamed, expectNoOp, OWNER_A, OWNER_B, OWNER_C, propertyNamed } from './accept-support.js';

const BASE = `# yaml-language-server: $schema=../schemas/tracking-plan.schema.json
version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b # the integration

categories:
  # Checkout events
  - title: Checkout
    events:
      - title: Order Completed # the big one
        description: An order was placed.  # plain, with a comment
        definition: |
          Fired once per order.
          After payment.
        pii: false
        owners: &owners [${OWNER_A}]
        tags:
          - ${OWNER_C} # first tag
        properties:
          - title: total
            type: number
            description: 'The total, in cents.'

      - title: Order Refunded
        description: "Money went back."
        owners: *owners
`;

interface Case {
  readonly name: string;
  readonly edit: (remote: RemoteState) => void;
  /** The original text with only these replacements made (each exactly once). */
  readonly replace: readonly (readonly [string, string])[];
  readonly yaml?: string;
}

const completed = (remote: RemoteState) => eventNamed(remote, 'Order Completed');
const refunded = (remote: RemoteState) => eventNamed(remote, 'Order Refunded');

const cases: readonly Case[] = [
  {
    name: 'a plain scalar stays plain; its comment stays',
    edit: (r) => void (completed(r).description = 'Paid and placed.'),
    replace: [['description: An order was placed.  #', 'description: Paid and placed.  #']],
  },
  {
    name: 'a plain scalar that would not read back is quoted',
    edit: (r) => void (completed(r).description = 'Note: paid'),
    replace: [['description: An order was placed.  #', 'description: "Note: paid"  #']],
  },
  {
    name: 'a single-quoted scalar stays single-quoted',
    edit: (r) => void (propertyNamed(r, 'Order Completed', 'total').description = "The order's total"),
    replace: [["description: 'The total, in cents.'", "description: 'The order''s total'"]],
  },
  {
    name: 'a double-quoted scalar stays double-quoted',
    edit: (r) => void (refunded(r).description = 'Money went back to the card.'),
    replace: [['description: "Money went back."', 'description: "Money went back to the card."']],
  },
  {
    name: 'a literal block stays a block: only the changed line differs',
    edit: (r) => void (completed(r).definition = 'Fired once per order.\nAfter payment, by the server.'),
    replace: [['          After payment.\n', '          After payment, by the server.\n']],
  },
  {
    name: 'a new multi-line value becomes a literal block under the key; the comment stays on the key line',
    edit: (r) => void (completed(r).description = 'An order was placed.\nPaid in full.'),
    replace: [
      [
        'description: An order was placed.  # plain, with a comment\n',
        'description: |  # plain, with a comment\n          An order was placed.\n          Paid in full.\n',
      ],
    ],
  },
  {
    name: 'a flag',
    edit: (r) => void (completed(r).pii = true),
    replace: [['pii: false', 'pii: true']],
  },
  {
    name: 'text cleared in Secoda becomes ""',
    edit: (r) => void (refunded(r).description = null),
    replace: [['description: "Money went back."', 'description: ""']],
  },
  {
    name: 'an alias whose place changed is written out; the anchor and its other uses stay',
    edit: (r) => void (refunded(r).owners = [OWNER_A, OWNER_B]),
    // Written afresh as pull writes a list: on one line while it fits 72 characters (one ID), else a line each.
    replace: [['owners: *owners', `owners:\n          - ${OWNER_A}\n          - ${OWNER_B}`]],
  },
  {
    name: 'an anchored value that changed alone: the anchor moves, with the old value, to the alias that keeps it',
    edit: (r) => void (completed(r).owners = [OWNER_B]),
    replace: [
      [`owners: &owners [${OWNER_A}]`, `owners: [${OWNER_B}]`],
      ['owners: *owners', `owners: &owners [${OWNER_A}]`],
    ],
  },
  {
    name: 'an anchored value changed alike in every place it is used: edited once, in place',
    edit: (r) => {
      completed(r).owners = [OWNER_A, OWNER_B];
      refunded(r).owners = [OWNER_B, OWNER_A];
    },
    replace: [[`owners: &owners [${OWNER_A}]`, `owners: &owners [${OWNER_A}, ${OWNER_B}]`]],
  },
  {
    name: 'a block list: the item that stays keeps its comment, the new one is appended as a line like it',
    edit: (r) => void (completed(r).tags = [OWNER_B, OWNER_C]),
    replace: [[`          - ${OWNER_C} # first tag\n`, `          - ${OWNER_C} # first tag\n          - ${OWNER_B}\n`]],
  },
  {
    name: 'a block list whose items all go becomes []',
    edit: (r) => void (completed(r).tags = []),
    replace: [[`tags:\n          - ${OWNER_C} # first tag\n`, 'tags: []\n']],
  },
  {
    name: 'a block list: an item gone and one new',
    edit: (r) => void (completed(r).tags = [OWNER_A]),
    replace: [[`          - ${OWNER_C} # first tag\n`, `          - ${OWNER_A}\n`]],
  },
  {
    name: 'IDs written with dashes and compared without: no change when Secoda drops the dashes',
    edit: (r) => void (completed(r).tags = [OWNER_C.replace(/-/g, '').toUpperCase(), OWNER_A]),
    replace: [[`          - ${OWNER_C} # first tag\n`, `          - ${OWNER_C} # first tag\n          - ${OWNER_A}\n`]],
  },
  {
    name: 'text Secoda only normalised (white space at the ends, line endings, Unicode form) is not rewritten',
    edit: (r) => {
      completed(r).definition = '  Fired once per order.\r\nAfter payment.  ';
      refunded(r).description = 'Money went back.\n';
    },
    replace: [],
  },
];

describe('accept writes in place', () => {
  it.each(cases)('$name', ({ edit, replace, yaml }) => {
    const original = yaml ?? BASE;
    const accepted = acceptEdits({ 'plan.yaml': original }, edit);
    let expected = original;
    for (const [from, to] of replace) {
      expect(expected.split(from).length, `"${from}" occurs once`).toBe(2);
      expected = expected.replace(from, to);
    }
    expect(accepted.files['plan.yaml']).toBe(expected);
    expect(accepted.result.left).toEqual([]);
    expectNoOp(accepted);
  });

  it('keeps CRLF line endings and a byte-order mark, and writes new lines with CRLF', () => {
    const crlf = `\ufeff${BASE.replace(/\n/g, '\r\n')}`;
    const accepted = acceptEdits({ 'plan.yaml': crlf }, (r) => {
      completed(r).description = 'Placed.\nPaid.';
      completed(r).tags = [OWNER_C, OWNER_B];
    });
    const expected = crlf
      .replace(
        'description: An order was placed.  # plain, with a comment\r\n',
        'description: |  # plain, with a comment\r\n          Placed.\r\n          Paid.\r\n',
      )
      .replace(`# first tag\r\n`, `# first tag\r\n          - ${OWNER_B}\r\n`);
    expect(accepted.files['plan.yaml']).toBe(expected);
    expect(accepted.files['plan.yaml']?.replace(/\r\n/g, '')).not.toContain('\n');
    expectNoOp(accepted);
  });

  it('a field that comes from a merge key gets its own key; the mapping it merges stays', () => {
    const yaml = `version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b
categories:
  - title: Search
    events:
      - title: Searched
        <<: &common
          pii: true
          owners: [${OWNER_A}]
      - title: Filtered
        <<: *common
`;
    const accepted = acceptEdits({ 'plan.yaml': yaml }, (r) => void (eventNamed(r, 'Filtered').pii = false));
    expect(accepted.files['plan.yaml']).toBe(yaml.replace('        <<: *common\n', '        <<: *common\n        pii: false\n'));
    expectNoOp(accepted);
  });

  it('a field inside a mapping that a merge key shares is left for a person, said why', () => {
    const yaml = `version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b
categories:
  - title: Search
    events:
      - &searched
        title: Searched
        description: Looked.
      - title: Filtered
        <<: *searched
`.replace('<<: *searched', '<<: *searched\n        description: Narrowed.');
    const accepted = acceptEdits({ 'plan.yaml': yaml }, (r) => void (eventNamed(r, 'Searched').description = 'Looked up.'));
    expect(accepted.files['plan.yaml']).toBe(yaml);
    expect(accepted.result.left).toEqual([
      expect.objectContaining({
        kind: 'event',
        path: ['Search', 'Searched'],
        field: 'description',
        reason: expect.stringContaining('&searched'),
      }),
    ]);
  });

  it('several files: each edit lands in the file that writes the value; the others are untouched', () => {
    const header = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b # header\n';
    const search = `categories:\n  - title: Search # one\n    events:\n      - title: Searched\n        description: Looked. # keep\n`;
    const checkout = `# Checkout\ncategories:\n  - title: Checkout\n    events:\n      - title: Paid\n        verified: false\n        owners: [${OWNER_A}]\n`;
    const files = { 'plan/tracking-plan.yaml': header, 'plan/search.yaml': search, 'plan/checkout.yaml': checkout };
    const accepted = acceptEdits(files, (r) => {
      eventNamed(r, 'Searched').description = 'Looked up.';
      eventNamed(r, 'Paid').verified = true;
      eventNamed(r, 'Paid').owners = [];
    });
    expect(accepted.files).toEqual({
      'plan/tracking-plan.yaml': header,
      'plan/search.yaml': search.replace('Looked. # keep', 'Looked up. # keep'),
      'plan/checkout.yaml': checkout.replace('verified: false', 'verified: true').replace(`owners: [${OWNER_A}]`, 'owners: []'),
    });
    expect(accepted.result.accepted.map((c) => `${c.file}:${c.line} ${c.field}`)).toEqual([
      'plan/checkout.yaml:6 verified',
      'plan/checkout.yaml:7 owners',
      'plan/search.yaml:5 description',
    ]);
    expectNoOp(accepted);
  });

  it('a field the YAML leaves out is not added, whatever Secoda holds', () => {
    const yaml = `version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: Search\n    events:\n      - title: Searched\n`;
    const accepted = acceptEdits({ 'plan.yaml': yaml }, (r) => {
      const event = eventNamed(r, 'Searched');
      event.description = 'Set in Secoda.';
      event.owners = [OWNER_A];
    });
    expect(accepted.files['plan.yaml']).toBe(yaml);
    expect(accepted.result.accepted).toEqual([]);
    expect(accepted.result.left).toEqual([]);
  });
});
