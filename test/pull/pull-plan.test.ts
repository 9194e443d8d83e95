import { beforeEach, describe, expect, it } from 'vitest';
import type { PullNote } from '../../src/pull/pull-note.js';
import { pullTrackingPlan } from '../../src/pull/pull-plan.js';
import type { RemoteState } from '../../src/secoda/types.js';
import { FOREIGN, INTEGRATION, category, event, property, resetClock, state } from '../support/remote-fixtures.js';
import { expectPlanExplainedByNotes, pullAndPlan, summariseOps } from './pull-support.js';

const UUID_A = '8680f886-97d2-4f4e-92c8-c80b46a3017d';
const UUID_B = '33733f42-8ff7-460b-9e20-50a2133d3bb0';

beforeEach(() => resetClock());

const yamlOf = (remote: RemoteState, layout: 'file' | 'directory' = 'file') =>
  pullTrackingPlan(remote, { integration: INTEGRATION, layout, schemaRef: 'schema.json' });
/** A note in brief: "effect code kind path [fields]". */
const brief = (notes: readonly PullNote[]) =>
  notes.map((n) => `${n.effect} ${n.code} ${n.kind} ${n.path.join('/')}${n.fields ? ` [${n.fields.join(',')}]` : ''}`);

function realistic(): RemoteState {
  return state({
    categories: [category('cat-checkout', 'Checkout', { teams: [UUID_B, UUID_A] }), category('cat-landing', 'Landing Page')],
    events: [
      event('ev-order', 'cat-checkout', 'Order Completed', {
        description: 'A shopper placed an order.',
        definition: 'Fires once per order,\nafter payment succeeds.\n',
        pii: false,
        verified: true,
        published: null,
        owners: [UUID_B],
        tags: [UUID_A, UUID_B],
      }),
      event('ev-cta', 'cat-landing', 'CTA Clicked', { description: '', definition: null, pii: true }),
    ],
    properties: [
      property('p-currency', 'ev-order', 'currency', {
        type: 'enum',
        enum: 'USD, EUR, GBP',
        is_required: true,
        description: 'ISO 4217 code.',
      }),
      property('p-total', 'ev-order', 'total', { type: 'number', is_required: true }),
      property('p-coupon', 'ev-order', 'coupon', { type: 'string', is_required: false, description: '' }),
      property('p-color', 'ev-cta', 'button_color', { type: 'enum', enum: 'red,green', is_required: null }),
    ],
  });
}

describe('pull: the YAML it writes', () => {
  it('writes only fields that carry information, in a readable order', async () => {
    const { files, notes } = yamlOf(realistic());
    expect(notes).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(['tracking-plan.yaml']);
    await expect(files[0]!.text).toMatchFileSnapshot('__snapshots__/pulled-one-file.yaml');
  });

  it("leaves out nulls, empty text, empty lists and false flags and required (Secoda's default), and stays a no-op", () => {
    const text = yamlOf(realistic()).files[0]!.text;
    expect(text).not.toMatch(/null|""|\[\]/);
    expect(text).not.toContain('pii: false');
    expect(text).not.toContain('required: false');
    expect(text).toContain('required: true');
    expect(text).not.toContain('published');
    expect(pullAndPlan(realistic()).plan.operations).toEqual([]);
  });

  it('writes multi-line text as a block scalar, and quotes text an editor could change', () => {
    const remote = state({
      categories: [category('c', 'C')],
      events: [
        event('e1', 'c', 'Block', { definition: 'one\ntwo\n' }),
        event('e2', 'c', 'Trailing', { definition: 'one  \ntwo' }),
        event('e3', 'c', 'CRLF', { definition: 'one\r\ntwo' }),
      ],
    });
    const text = yamlOf(remote).files[0]!.text;
    expect(text).toContain('definition: |\n          one\n          two\n');
    // Trailing spaces would be lost to an editor's "trim on save": quoted, on one line.
    expect(text).toMatch(/definition: "one [^\n]*\\ntwo"\n/);
    expect(text).toContain('definition: "one\\r\\ntwo"');
    expect(pullAndPlan(remote).plan.operations).toEqual([]);
  });

  it('writes enum values as a list, and short ID lists on one line', () => {
    const text = yamlOf(realistic()).files[0]!.text;
    expect(text).toContain('enum: [USD, EUR, GBP]');
    expect(text).toContain('enum: [red, green]');
    expect(text).toContain(`owners: [${UUID_B}]`);
    // Two UUIDs do not fit on a line: one per line, sorted.
    expect(text).toContain(`tags:\n          - ${UUID_B}\n          - ${UUID_A}\n`);
  });

  it('is byte-identical whatever order Secoda lists things in', () => {
    const remote = realistic();
    const reversed = {
      categories: [...remote.categories].reverse(),
      events: [...remote.events].reverse(),
      properties: [...remote.properties].reverse(),
    };
    expect(yamlOf(reversed, 'directory')).toEqual(yamlOf(remote, 'directory'));
    expect(yamlOf(reversed).files).toEqual(yamlOf(remote).files);
  });

  it('splits a directory into tracking-plan.yaml and one file per category', () => {
    const remote = state({
      categories: [
        category('c1', 'Landing Page'),
        category('c2', 'Tracking Plan'),
        category('c3', 'Sign-Up'),
        category('c4', 'Sign Up'),
        category('c5', 'Égalité!'),
      ],
    });
    const { files } = yamlOf(remote, 'directory');
    expect(files.map((f) => f.path)).toEqual([
      'egalite.yaml',
      'landing-page.yaml',
      'sign-up-2.yaml',
      'sign-up.yaml',
      'tracking-plan-2.yaml',
      'tracking-plan.yaml',
    ]);
    expect(files.find((f) => f.path === 'tracking-plan.yaml')!.text).toBe(
      `# yaml-language-server: $schema=schema.json\nversion: 1\nintegration: ${INTEGRATION}\n`,
    );
    expect(files.find((f) => f.path === 'sign-up.yaml')!.text).toBe(
      '# yaml-language-server: $schema=schema.json\ncategories:\n  - title: Sign Up\n',
    );
    expect(pullAndPlan(remote, 'directory').plan.operations).toEqual([]);
  });

  it('names files for categories in other scripts recognisably, never a Windows device name, and stays a no-op', () => {
    const remote = state({
      categories: [category('c1', 'Оформление заказа'), category('c2', '購入'), category('c3', 'CON'), category('c4', 'Nul')],
    });
    const { files } = yamlOf(remote, 'directory');
    expect(files.map((f) => f.path)).toEqual([
      'con-category.yaml',
      'nul-category.yaml',
      'tracking-plan.yaml',
      'оформление-заказа.yaml',
      '購入.yaml',
    ]);
    expect(pullAndPlan(remote, 'directory').plan.operations).toEqual([]);
  });

  it('plans as a no-op against the remote it came from, and pulls nothing of another integration', () => {
    const remote = realistic();
    remote.categories.push(category('foreign-cat', 'Foreign Things', { integration: FOREIGN }));
    remote.events.push(event('foreign-ev', 'cat-checkout', 'Foreign Event', { integration: FOREIGN }));
    const trip = pullAndPlan(remote);
    expect(trip.plan.operations).toEqual([]);
    expect(trip.plan.warnings).toEqual([]);
    expect(trip.pulled.files[0]!.text).not.toMatch(/Foreign/);
  });
});

describe('pull: what a tracking plan cannot hold is reported, and the YAML still validates', () => {
  const cases: { name: string; remote: () => RemoteState; notes: string[]; absent?: string[] }[] = [
    {
      name: 'a title with surrounding spaces',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', ' Padded '), event('ok', 'c', 'Fine')],
          properties: [property('p', 'e', 'x')],
        }),
      notes: ['skipped title-not-representable event C/ Padded '],
      absent: ['Padded'],
    },
    {
      name: 'a title with a line break, and an empty title',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E')],
          properties: [property('p1', 'e', 'two\nlines'), property('p2', 'e', '')],
        }),
      notes: ['skipped title-not-representable property C/E/', 'skipped title-not-representable property C/E/two\nlines'],
      absent: ['two'],
    },
    {
      name: 'titles with an invisible or control character (the loader refuses them)',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E'), event('zw', 'c', 'Zero\u200bWidth')],
          properties: [property('p1', 'e', 'tab\there'), property('p2', 'e', 'nel\u0085')],
        }),
      notes: [
        'skipped title-not-representable event C/Zero\u200bWidth',
        'skipped title-not-representable property C/E/nel\u0085',
        'skipped title-not-representable property C/E/tab\there',
      ],
      absent: ['Zero', 'tab', 'nel'],
    },
    {
      name: 'titles that collide by case with an older sibling',
      remote: () => state({ categories: [category('c', 'C')], events: [event('e1', 'c', 'Signed Up'), event('e2', 'c', 'signed up')] }),
      notes: ['skipped title-case-collision event C/signed up'],
      absent: ['signed up'],
    },
    {
      name: 'categories that collide by case (the newer is skipped with its events)',
      remote: () => state({ categories: [category('c1', 'Checkout'), category('c2', 'CHECKOUT')], events: [event('e', 'c2', 'Lost')] }),
      notes: ['skipped title-case-collision category CHECKOUT'],
      absent: ['CHECKOUT', 'Lost'],
    },
    {
      name: 'remote duplicates (the oldest is kept)',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('old', 'c', 'E', { description: 'first' }), event('new', 'c', 'E', { description: 'second' })],
          properties: [property('p', 'new', 'x')],
        }),
      notes: ['skipped duplicate event C/E'],
      absent: ['second'],
    },
    {
      name: 'an enum value with a comma',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E')],
          properties: [property('p', 'e', 'amount', { type: 'enum', enum: '1,000, 2,000', is_required: true })],
        }),
      notes: ['field-unmanaged enum-unreadable property C/E/amount [type,enum]'],
      absent: ['1,000', 'type: enum'],
    },
    {
      name: 'an enum type with no values',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E')],
          properties: [property('p', 'e', 'x', { type: 'enum', enum: ' , ' })],
        }),
      notes: ['field-unmanaged enum-unreadable property C/E/x [type,enum]'],
      absent: ['type:'],
    },
    {
      name: 'an unknown property type',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E')],
          properties: [property('p', 'e', 'x', { type: 'money', enum: 'a, b' })],
        }),
      notes: ['field-unmanaged unknown-type property C/E/x [type,enum]'],
      absent: ['money'],
    },
    {
      name: 'enum values on a property that is not of type enum',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E')],
          properties: [property('p', 'e', 'x', { type: 'string', enum: 'a, b' }), property('q', 'e', 'y', { type: null, enum: 'c' })],
        }),
      notes: [
        'field-unmanaged enum-without-enum-type property C/E/x [enum]',
        'field-unmanaged enum-without-enum-type property C/E/y [enum]',
      ],
      absent: ['enum:'],
    },
    {
      name: 'an ID the schema rejects',
      remote: () =>
        state({
          categories: [category('c', 'C', { teams: ['team one'] })],
          events: [event('e', 'c', 'E', { owners: ['ada@example.com', UUID_A], tags: [UUID_B] })],
        }),
      notes: ['field-unmanaged invalid-id category C [teams]', 'field-unmanaged invalid-id event C/E [owners]'],
      absent: ['ada@example.com', 'team one', 'owners'],
    },
    {
      name: 'text that cannot be written as UTF-8',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E', { description: 'half \ud83d of an emoji', definition: 'fine' })],
        }),
      notes: ['field-unmanaged text-not-writable event C/E [description]'],
      absent: ['description'],
    },
    {
      name: 'events and properties whose parent is not under the integration',
      remote: () =>
        state({
          categories: [category('c', 'C')],
          events: [event('e', 'c', 'E'), event('lost', 'foreign-category', 'Lost'), event('none', null as unknown as string, 'Nowhere')],
          properties: [property('p', 'foreign-event', 'stray')],
        }),
      notes: [
        'skipped orphan event (category foreign-category)/Lost',
        'skipped orphan event (category none)/Nowhere',
        'skipped orphan property (no category)/(event foreign-event)/stray',
      ],
      absent: ['Lost', 'Nowhere', 'stray'],
    },
    {
      name: "a category that exists twice (its copy's events move to the oldest copy)",
      remote: () =>
        state({
          categories: [category('c1', 'C'), category('c2', 'C')],
          events: [event('kept', 'c1', 'Kept'), event('moves', 'c2', 'Moves', { description: 'keep me' }), event('dup', 'c2', 'Kept')],
          properties: [property('p', 'moves', 'x', { type: 'string' })],
        }),
      notes: ['merged category-copy category C', 'moved moved-from-copy event C/Moves', 'skipped duplicate event C/Kept'],
    },
  ];

  for (const { name, remote, notes, absent } of cases) {
    it(name, () => {
      const trip = pullAndPlan(remote());
      expect(brief(trip.pulled.notes).sort()).toEqual([...notes].sort());
      for (const text of absent ?? []) expect(trip.pulled.files[0]!.text).not.toContain(text);
      // The plan changes exactly what the notes say, and nothing else.
      expectPlanExplainedByNotes(trip, remote());
    });
  }

  it('says what was done in each note', () => {
    const trip = pullAndPlan(
      state({
        categories: [category('c', 'C')],
        events: [event('e', 'c', 'E'), event('e2', 'c', 'E ')],
        properties: [property('p', 'e', 'x', { type: 'money' }), property('q', 'e2', 'y')],
      }),
    );
    const messages = Object.fromEntries(trip.pulled.notes.map((n) => [n.remote_id, n.message]));
    expect(messages['e2']).toBe(
      'the title has leading or trailing spaces; not pulled, so the plan deletes it and its 1 property; rename it in Secoda and pull again to keep it',
    );
    expect(messages['p']).toBe(
      'the type "money" is not one a tracking plan knows; "type" is left out of the YAML, so tpsync leaves it alone in Secoda',
    );
    expect(summariseOps(trip.plan).deletes).toEqual(['e2', 'q']);
  });

  it('moves only the oldest event of a title when an older namesake is elsewhere', () => {
    const remote = state({
      categories: [category('c1', 'C'), category('c2', 'C')],
      events: [event('orphan', 'gone', 'Moves'), event('copy', 'c2', 'Moves')],
    });
    const trip = pullAndPlan(remote);
    expect(brief(trip.pulled.notes).sort()).toEqual([
      'merged category-copy category C',
      'skipped older-namesake event C/Moves',
      'skipped orphan event (category gone)/Moves',
    ]);
    expectPlanExplainedByNotes(trip, remote);
  });
});
