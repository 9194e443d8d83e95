/**
 * The pull contract, for any remote the emulator can hold: the pulled YAML validates, pulls
 * nothing of another integration, is the same whatever order Secoda lists in, and plans as a
 * no-op against the remote it came from — except for exactly what the pull reported (skipped
 * resources are deleted with their children, moved ones are moved), and nothing else.
 *
 * Remote states come from fast-check and are read over real HTTP from the emulator, with its
 * nulls, duplicates, foreign integrations, odd titles and enum strings.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { Store } from '../../src/emulator/store.js';
import { pullTrackingPlan } from '../../src/pull/pull-plan.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { DIRECTORY_KINDS, SecodaDirectories, type Directories } from '../../src/secoda/directories.js';
import type { RemoteState } from '../../src/secoda/types.js';
import { FOREIGN, INTEGRATION } from '../support/remote-fixtures.js';
import { expectPlanExplainedByNotes, pullAndPlan } from './pull-support.js';

const TOKEN = 'round-trip-secret-token';
const UUID_A = '8680f886-97d2-4f4e-92c8-c80b46a3017d';
const UUID_B = '33733f42-8ff7-460b-9e20-50a2133d3bb0';

/** Characters that stress YAML and the title rules. */
const oddChar = fc.constantFrom(
  'a',
  'B',
  ' ',
  '\n',
  '\t',
  ',',
  ':',
  '#',
  '-',
  '"',
  "'",
  '|',
  '>',
  '&',
  '*',
  '!',
  '%',
  '@',
  '`',
  '\r',
  'é',
  'e\u0301',
  '\u00a0',
  '\u2028',
  '😀',
  '\\',
);
const oddString = (maxLength: number) => fc.string({ unit: oddChar, maxLength });

const title = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom('Order Completed', 'order completed', 'Signed Up', 'SIGNED UP', 'Checkout', 'checkout', 'Search'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ' Padded',
      'Trail ',
      'two\nlines',
      '',
      'é',
      'e\u0301',
      'true',
      '123',
      '- dash',
      '#hash',
      'a: b',
      '[x]',
      'null',
      '\ud800lone',
      'x'.repeat(256),
      'tracking-plan',
    ),
  },
  { weight: 2, arbitrary: oddString(8) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
);
const text = fc.option(
  fc.oneof(
    fc.constantFrom(
      '',
      'None',
      'Fires once.',
      'multi\nline\n',
      'trailing \nspace',
      'crlf\r\nx',
      '\n',
      '  ',
      'tab\tx\n',
      'bom\ufeff',
      '\u0000nul',
      'half \ud83d emoji',
      '\n\nlead',
      'end\n\n\n',
    ),
    oddString(30),
    fc.string({ unit: 'binary', maxLength: 8 }),
  ),
  { nil: null },
);
const flag = fc.option(fc.boolean(), { nil: null });
const ids = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(UUID_A, UUID_A.toUpperCase(), UUID_A.replace(/-/g, ''), UUID_B, 'plain-id') },
    { weight: 1, arbitrary: fc.constantFrom('bad id', 'ada@example.com', '_x') },
    { weight: 2, arbitrary: fc.uuid() },
  ),
  { maxLength: 3 },
);
const propertyType = fc.option(
  fc.constantFrom(
    'string',
    'enum',
    'enum',
    'enum',
    'integer',
    'number',
    'boolean',
    'object',
    'array',
    'date',
    'datetime',
    'money',
    'Enum',
    'None',
    '',
  ),
  { nil: null },
);
const enumText = fc.option(
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom('red, green', 'red,green', '1,000, 2,000', ' , ', '', 'a, a, b', 'x', 'None', ' spaced , values ', 'a,,b'),
    },
    { weight: 1, arbitrary: oddString(15) },
  ),
  { nil: null },
);
const owner = fc.oneof(
  { weight: 8, arbitrary: fc.constant('ours') },
  { weight: 1, arbitrary: fc.constant('foreign') },
  { weight: 1, arbitrary: fc.constant('none') },
);
const at = fc.integer({ min: 0, max: 40 });

const common = {
  title,
  description: text,
  definition: text,
  pii: flag,
  verified: flag,
  published: flag,
  teams: ids,
  owners: ids,
  owners_groups: ids,
  collections: ids,
  tags: ids,
  subscribers: ids,
  at,
  owner,
  parent: fc.oneof({ weight: 12, arbitrary: fc.nat(30) }, { weight: 1, arbitrary: fc.constant(-1) }),
  compactParent: fc.boolean(),
};
const model = fc.record({
  categories: fc.array(fc.record({ title, teams: ids, at, owner }), { minLength: 1, maxLength: 6 }),
  events: fc.array(fc.record(common), { minLength: 1, maxLength: 14 }),
  properties: fc.array(fc.record({ ...common, type: propertyType, enum: enumText, is_required: flag }), { maxLength: 24 }),
});
type Model = typeof model extends fc.Arbitrary<infer T> ? T : never;

const idOf = (kind: number, n: number) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, '0')}`;
const timestamp = (seconds: number) => `2024-01-01T00:00:${String(seconds).padStart(2, '0')}.000000Z`;
const integrationOf = (o: string) => (o === 'ours' ? INTEGRATION : o === 'foreign' ? FOREIGN : null);

/** Parents point at an earlier generated resource, or (-1) at one that does not exist; some written without dashes. */
function parentId(kind: number, index: number, count: number, compact: boolean): string {
  const id = index < 0 || count === 0 ? idOf(9, 999) : idOf(kind, index % count);
  return compact ? id.replace(/-/g, '') : id;
}

function seed(store: Store, m: Model): void {
  store.clear();
  m.categories.forEach((c, i) =>
    store.insert('event_category', {
      id: idOf(1, i),
      title: c.title,
      integration: integrationOf(c.owner),
      teams: c.teams,
      created_at: timestamp(c.at),
    }),
  );
  const fields = (r: Model['events'][number]) => ({
    title: r.title,
    integration: integrationOf(r.owner),
    created_at: timestamp(r.at),
    description: r.description,
    definition: r.definition,
    pii: r.pii,
    verified: r.verified,
    published: r.published,
    teams: r.teams,
    owners: r.owners,
    owners_groups: r.owners_groups,
    collections: r.collections,
    tags: r.tags,
    subscribers: r.subscribers,
  });
  m.events.forEach((e, i) =>
    store.insert('event', { id: idOf(2, i), ...fields(e), parent: parentId(1, e.parent, m.categories.length, e.compactParent) }),
  );
  m.properties.forEach((p, i) =>
    store.insert('event_property', {
      id: idOf(3, i),
      ...fields(p),
      parent: parentId(2, p.parent, m.events.length, p.compactParent),
      type: p.type,
      enum: p.enum,
      is_required: p.is_required,
    }),
  );
}

const reversed = (remote: RemoteState): RemoteState => ({
  categories: [...remote.categories].reverse(),
  events: [...remote.events].reverse(),
  properties: [...remote.properties].reverse(),
});

let emulator: RunningEmulator;
let client: SecodaClient;
beforeAll(async () => {
  emulator = await startEmulator({ token: TOKEN });
  client = new SecodaClient({ baseUrl: emulator.url, token: TOKEN });
});
afterAll(() => emulator.close());

/**
 * Remotes where events share properties: each property is a copy of one of a few templates
 * (sometimes with its own `is_required` or description), so that `pull --shared` has alike
 * copies to factor, and copies that differ to leave written out.
 */
const template = fc.record({
  title: fc.constantFrom('currency', 'Currency', 'user_id', 'platform', 'order id', 'a'),
  type: fc.constantFrom('enum', 'string', 'Enum', null),
  enum: fc.constantFrom('USD, EUR', 'web, ios', null, 'x,y, z'),
  description: fc.constantFrom('ISO 4217.', null, ''),
  pii: flag,
  tags: fc.constantFrom([UUID_A], [], [UUID_B, UUID_A]),
});
const sharedModel = fc.record({
  events: fc.integer({ min: 1, max: 8 }),
  templates: fc.array(template, { minLength: 1, maxLength: 4 }),
  copies: fc.array(
    fc.record({
      event: fc.nat(20),
      template: fc.nat(10),
      is_required: flag,
      description: fc.option(fc.constantFrom('Own words.', ''), { nil: undefined }),
      at,
    }),
    { maxLength: 30 },
  ),
});
type SharedModel = typeof sharedModel extends fc.Arbitrary<infer T> ? T : never;

function seedShared(store: Store, m: SharedModel): void {
  store.clear();
  store.insert('event_category', { id: idOf(1, 0), title: 'Checkout', integration: INTEGRATION, teams: [], created_at: timestamp(0) });
  for (let e = 0; e < m.events; e++)
    store.insert('event', { id: idOf(2, e), title: `Event ${e}`, parent: idOf(1, 0), integration: INTEGRATION, created_at: timestamp(e) });
  m.copies.forEach((copy, i) => {
    const t = m.templates[copy.template % m.templates.length]!;
    store.insert('event_property', {
      id: idOf(3, i),
      parent: idOf(2, copy.event % m.events),
      integration: INTEGRATION,
      created_at: timestamp(copy.at),
      title: t.title,
      type: t.type,
      enum: t.enum,
      description: copy.description ?? t.description,
      pii: t.pii,
      tags: [...t.tags],
      is_required: copy.is_required,
    });
  });
}

describe('pull --shared round trip (property)', () => {
  it('validates, is deterministic, plans only what it reported, and shares what is alike', async () => {
    let definitions = 0;
    let overrides = 0;
    await fc.assert(
      fc.asyncProperty(sharedModel, fc.constantFrom('file' as const, 'directory' as const), async (m, layout) => {
        seedShared(emulator.store, m);
        const remote = await client.readState(INTEGRATION);
        const trip = pullAndPlan(remote, layout, INTEGRATION, true);
        expectPlanExplainedByNotes(trip, remote);
        // Loaded back, each event's property is what it was in Secoda (the files expand to the same plan).
        expect(trip.loaded.categories.map((c) => c.events.map((e) => e.properties.length))).toEqual(
          trip.pulled.plan.categories.map((c) => c.events.map((e) => e.properties.length)),
        );
        const text = trip.pulled.files.map((f) => f.text).join('\n');
        if (text.includes('\nproperties:\n')) definitions++;
        overrides += (text.match(/- use: .*\n {12}required: /g) ?? []).length;
        const again = pullTrackingPlan(reversed(remote), { integration: INTEGRATION, layout, schemaRef: 'schema.json', shared: true });
        expect(again.files).toEqual(trip.pulled.files);
      }),
      { numRuns: 80 },
    );
    // The generator really exercises sharing: definitions, and uses that override `required`.
    expect(definitions).toBeGreaterThan(10);
    expect(overrides).toBeGreaterThan(0);
  });
});

describe('pull round trip (property)', () => {
  it('validates, holds nothing foreign, is deterministic, and plans only what it reported', async () => {
    await fc.assert(
      fc.asyncProperty(model, fc.constantFrom('file' as const, 'directory' as const), async (m, layout) => {
        seed(emulator.store, m);
        const remote = await client.readState(INTEGRATION);
        // pullAndPlan throws when the YAML does not validate.
        const trip = pullAndPlan(remote, layout);
        expectPlanExplainedByNotes(trip, remote);

        const ours = emulator.store.list(undefined, (r) => r.integration === INTEGRATION);
        for (const category of trip.loaded.categories) {
          for (const event of category.events) expect(ours.some((r) => r.kind === 'event' && r.title === event.title)).toBe(true);
        }
        const again = pullTrackingPlan(reversed(remote), { integration: INTEGRATION, layout, schemaRef: 'schema.json' });
        expect(again.files).toEqual(trip.pulled.files);
        expect(again.notes).toEqual(trip.pulled.notes);
      }),
      { numRuns: 100 },
    );
  });
});

/** Directories that name some of the IDs the generator uses: names alike (namesakes), emails in another case, names in NFD. */
const directoryModel = fc.record({
  users: fc
    .subarray([UUID_A, UUID_B, 'plain-id'])
    .map((ids) => ids.map((id, i) => ({ id, email: i === 0 ? `Ana.${i}@Acme.com` : `user${i}@acme.com`, pending: 'False' }))),
  teams: fc
    .subarray([UUID_A, UUID_B])
    .chain((ids) =>
      fc
        .constantFrom('Growth', 'Cafe\u0301', ' Padded ')
        .map((name) => ids.map((id, i) => ({ id, name: i === 0 ? name : `Team ${i}`, archived: i > 0 }))),
    ),
  tags: fc
    .subarray([UUID_A, UUID_B])
    .chain((ids) => fc.boolean().map((alike) => ids.map((id, i) => ({ id, name: alike ? 'PII' : `Tag ${i}`, integration_id: null })))),
  groups: fc.subarray([UUID_A]).map((ids) => ids.map((id) => ({ id, name: 'Stewards' }))),
  collections: fc.subarray([UUID_B]).map((ids) => ids.map((id) => ({ id, title: 'Core' }))),
});

describe('pull round trip with names (property)', () => {
  it('writes names where the directories know them, IDs with a comment where not, and plans only what it reported', async () => {
    const directoryReader = new SecodaDirectories(client.transport);
    let named = 0;
    let commented = 0;
    await fc.assert(
      fc.asyncProperty(model, directoryModel, fc.constantFrom('file' as const, 'directory' as const), async (m, d, layout) => {
        seed(emulator.store, m);
        emulator.store.setDirectories(d);
        const remote = await client.readState(INTEGRATION);
        // The directories over real HTTP, as `pull` reads them.
        const directories: Directories = {};
        for (const kind of DIRECTORY_KINDS) directories[kind] = await directoryReader.read(kind);
        const trip = pullAndPlan(remote, layout, INTEGRATION, false, directories);
        expectPlanExplainedByNotes(trip, remote);
        const text = trip.pulled.files.map((f) => f.text).join('\n');
        if (/Ana\.0@Acme\.com|Growth|Stewards|Core|Tag 0/.test(text)) named++;
        if (text.includes(' # ')) commented++;
      }),
      { numRuns: 60 },
    );
    // The generator really exercises both: names written, and IDs written with a comment.
    expect(named).toBeGreaterThan(5);
    expect(commented).toBeGreaterThan(5);
  });
});
