/**
 * The mass-destroy guard counts what a plan destroys — deletes and replaces, children included —
 * and groups the cause (issue 11, item 3).
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { executePlan, type ExecuteOptions } from '../../src/apply/execute-plan.js';
import { Store } from '../../src/emulator/store.js';
import { StorePort } from '../../src/emulator/store-port.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { checkDeleteGuard } from '../../src/plan/delete-guard.js';
import { guardCauseLines, guardTripText } from '../../src/render/delete-guard-text.js';
import type { PlanProperty, TrackingPlan } from '../../src/tracking-plan/types.js';
import { INTEGRATION, cat, category, ev, event, plan, prop, property, resetClock, state } from '../support/remote-fixtures.js';

const opts = { writesPerMinute: 0 };
/** The verdict, with its words as apply and plan print them. */
const guard = (tp: TrackingPlan, remote: ReturnType<typeof state>, maxDeletes = 10) => {
  const verdict = checkDeleteGuard(buildPlan(tp, remote, opts), { maxDeletes, allowDeletes: false });
  return { ...verdict, tripped: guardTripText(verdict), causes: guardCauseLines(verdict) };
};
/** Execution in process: no stagger before creating categories (a random wait), no pacing. */
const run: ExecuteOptions = { integration: INTEGRATION, categoryStaggerMs: 0, quietMs: 0 };

beforeEach(() => resetClock());

describe('checkDeleteGuard: what counts, and why', () => {
  it('an event that moves to another category is destroyed with its properties: "it and its 16 properties are re-created"', () => {
    const props = Array.from({ length: 16 }, (_, i) => property(`p${i}`, 'e1', `p${i}`));
    const remote = state({
      categories: [category('c1', 'Checkout'), category('c2', 'Cart')],
      events: [event('e1', 'c1', 'Order Completed')],
      properties: props,
    });
    const tp = plan([
      cat('Checkout'),
      cat('Cart', [
        ev(
          'Order Completed',
          props.map((p) => prop(p.title)),
        ),
      ]),
    ]);
    const verdict = guard(tp, remote);
    expect(verdict).toMatchObject({ destroys: 17, duplicates: 0, refused: true, notInPlan: false });
    expect(verdict.tripped).toBe(
      'this plan destroys 17 events and properties (deleted, or deleted and re-created): more than --max-deletes 10, and more than a quarter of the 17 events and properties under the integration',
    );
    expect(verdict.causes).toEqual(['event "Order Completed" moves to category "Cart": it and its 16 properties are re-created']);
    // The same cause, as data.
    expect(checkDeleteGuard(buildPlan(tp, remote, opts), { maxDeletes: 10, allowDeletes: false }).causes).toEqual([
      { kind: 'moved', events: ['Order Completed'], from: 'Checkout', to: 'Cart', properties: 16 },
    ]);
  });

  it('several events moving the same way are one cause', () => {
    const remote = state({
      categories: [category('c1', 'Old'), category('c2', 'New')],
      events: [event('e1', 'c1', 'A'), event('e2', 'c1', 'B')],
      properties: [property('p1', 'e1', 'x'), property('p2', 'e2', 'y'), property('p3', 'e2', 'z')],
    });
    const tp = plan([cat('Old'), cat('New', [ev('A', [prop('x')]), ev('B', [prop('y'), prop('z')])])]);
    expect(guard(tp, remote).causes).toEqual([
      '2 events move from category "Old" to category "New": they and their 3 properties are re-created',
    ]);
  });

  it('a changed enum re-creates every property it is on: "enum of 160 properties changed"', () => {
    const events = Array.from({ length: 16 }, (_, i) => event(`e${i}`, 'c1', `E${i}`));
    const properties = events.flatMap((e) =>
      Array.from({ length: 10 }, (_, j) => property(`${e.id}-p${j}`, e.id, `colour${j}`, { type: 'enum', enum: 'red, green' })),
    );
    const tp = plan([
      cat(
        'C',
        events.map((e) =>
          ev(
            e.title,
            Array.from({ length: 10 }, (_, j): PlanProperty => prop(`colour${j}`, { type: 'enum', enum: ['red', 'green', 'blue'] })),
          ),
        ),
      ),
    ]);
    const verdict = guard(tp, state({ categories: [category('c1', 'C')], events, properties }));
    expect(verdict).toMatchObject({ destroys: 160, refused: true });
    expect(verdict.causes).toEqual(['enum of 160 properties changed (each is re-created)']);
  });

  it('names the shared definition a mass re-create comes from', () => {
    const events = Array.from({ length: 12 }, (_, i) => event(`e${i}`, 'c1', `E${i}`));
    const properties = events.map((e) => property(`${e.id}-p`, e.id, 'currency', { type: 'enum', enum: 'USD, EUR' }));
    const currency = (): PlanProperty =>
      prop('currency', { type: 'enum', enum: ['USD'], shared: { definition: 'currency', overrides: [] } });
    const tp = plan([
      cat(
        'C',
        events.map((e) => ev(e.title, [currency()])),
      ),
    ]);
    const verdict = guard(tp, state({ categories: [category('c1', 'C')], events, properties }));
    expect(verdict).toMatchObject({ destroys: 12, refused: true });
    expect(verdict.causes).toEqual(['enum of 12 properties changed (each is re-created), from shared property "currency"']);
  });

  it('duplicates are surplus copies: deleted with their properties, named, never counted', () => {
    const events = [event('e1', 'c1', 'A'), event('e2', 'c1', 'A'), event('e3', 'c1', 'B'), event('e4', 'c1', 'B'), event('e5', 'c1', 'B')];
    const properties = [property('p1', 'e1', 'x'), property('p2', 'e2', 'x'), property('p3', 'e3', 'y'), property('p4', 'e3', 'y')];
    const tp = plan([cat('C', [ev('A', [prop('x')]), ev('B', [prop('y')])])]);
    const verdict = guard(tp, state({ categories: [category('c1', 'C')], events, properties }), 0);
    // e2 (with its x), e4, e5 and the second y: 5 duplicates.
    expect(verdict).toMatchObject({ destroys: 0, duplicates: 5, refused: false, tripped: null });
    expect(verdict.causes).toEqual([
      '5 duplicates (surplus copies of resources the plan keeps, e.g. from two applies at once; not counted)',
    ]);
  });

  it('says "not in the tracking plan: check the plan path" only when that is the cause', () => {
    const remote = state({
      categories: [category('c1', 'C')],
      events: Array.from({ length: 12 }, (_, i) => event(`e${i}`, 'c1', `E${i}`)),
      properties: [property('p1', 'e0', 'x')],
    });
    const verdict = guard(plan([cat('C')]), remote);
    expect(verdict).toMatchObject({ destroys: 13, notInPlan: true, refused: true });
    expect(verdict.causes).toEqual([
      '12 events and 1 property are not in the tracking plan: check the plan path (a wrong directory, a file left out)',
    ]);
  });

  it('groups mixed causes, each once', () => {
    const remote = state({
      categories: [category('c1', 'C'), category('c2', 'D')],
      events: [event('e1', 'c1', 'Moved'), event('e2', 'c1', 'Gone'), event('e3', 'c1', 'Kept'), event('e4', 'c1', 'Kept')],
      properties: [property('p1', 'e3', 'n', { type: 'string' }), property('p2', 'e1', 'q')],
    });
    const tp = plan([cat('C', [ev('Kept', [prop('n', { type: 'integer' })])]), cat('D', [ev('Moved', [prop('q')])])]);
    const verdict = guard(tp, remote, 0);
    expect(verdict.destroys).toBe(4);
    expect(verdict.causes).toEqual([
      'event "Moved" moves to category "D": it and its 1 property are re-created',
      'type of 1 property changed (it is re-created)',
      '1 event is not in the tracking plan: check the plan path (a wrong directory, a file left out)',
      '1 duplicate (surplus copies of resources the plan keeps, e.g. from two applies at once; not counted)',
    ]);
  });

  it('surplus copies do not dilute the quarter: 3 of 8 events is a mass destroy, however many duplicates sit beside them', () => {
    // 8 events; the 5 the plan keeps have 9 surplus copies each (45 duplicates); the plan drops the other 3.
    const dropped = ['A', 'B', 'C'].map((title) => event(`e-${title}`, 'c1', title));
    const kept = ['K0', 'K1', 'K2', 'K3', 'K4'];
    const copies = kept.flatMap((title) => Array.from({ length: 10 }, (_, copy) => event(`e-${title}-${copy}`, 'c1', title)));
    const tp = plan([
      cat(
        'C',
        kept.map((title) => ev(title)),
      ),
    ]);
    const verdict = guard(tp, state({ categories: [category('c1', 'C')], events: [...dropped, ...copies] }), 100);
    expect(verdict).toMatchObject({ destroys: 3, duplicates: 45, refused: true });
    expect(verdict.tripped).toBe(
      'this plan destroys 3 events and properties (deleted, or deleted and re-created): more than a quarter of the 8 events and properties under the integration that are not surplus copies',
    );
  });

  it('lets a plan that destroys little go through', () => {
    const remote = state({
      categories: [category('c1', 'C')],
      events: Array.from({ length: 10 }, (_, i) => event(`e${i}`, 'c1', `E${i}`)),
    });
    const tp = plan([
      cat(
        'C',
        Array.from({ length: 9 }, (_, i) => ev(`E${i}`)),
      ),
    ]);
    expect(guard(tp, remote)).toMatchObject({ destroys: 1, refused: false, tripped: null });
  });
});

/**
 * Property: whatever the tracking plan and the remote state, the guard's count (with the
 * duplicates it names) is exactly the number of remote events and properties that executing the
 * plan against the emulator's store (in process, through StorePort) makes disappear.
 */
describe('checkDeleteGuard: its count is what the plan destroys (property, executed in process)', () => {
  const titles = fc.constantFrom('A', 'B', 'C');
  const propertyShape = fc.record({ title: titles, type: fc.constantFrom('string', 'integer'), required: fc.boolean() });
  const eventShape = fc.record({
    title: titles,
    category: fc.constantFrom('X', 'Y'),
    properties: fc.array(propertyShape, { maxLength: 3 }),
  });
  const world = fc.record({ remote: fc.array(eventShape, { maxLength: 5 }), wanted: fc.array(eventShape, { maxLength: 5 }) });

  it('holds for random plans and remote states', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ remote, wanted }) => {
        const store = new Store();
        const port = new StorePort(store);
        const categories = new Map(
          ['X', 'Y'].map((title) => [title, store.insert('event_category', { title, integration: INTEGRATION }).id]),
        );
        for (const e of remote) {
          const created = store.insert('event', { title: e.title, integration: INTEGRATION, parent: categories.get(e.category)! });
          for (const p of e.properties)
            store.insert('event_property', {
              title: p.title,
              integration: INTEGRATION,
              parent: created.id,
              type: p.type,
              is_required: p.required,
            });
        }
        // The YAML cannot name a title twice under one parent: keep the first of each.
        const tp = plan(
          ['X', 'Y'].map((title) =>
            cat(
              title,
              uniqueBy(
                wanted.filter((e) => e.category === title),
                (e) => e.title,
              ).map((e) =>
                ev(
                  e.title,
                  uniqueBy(e.properties, (p) => p.title).map((p) => prop(p.title, { type: p.type, required: p.required })),
                ),
              ),
            ),
          ),
        );
        const before = new Set(
          store
            .list()
            .filter((r) => r.kind !== 'event_category')
            .map((r) => r.id),
        );
        const planned = buildPlan(tp, await port.readState(INTEGRATION), opts);
        const verdict = checkDeleteGuard(planned, { maxDeletes: 10, allowDeletes: true });
        // No other run is at work: a run that creates under categories seeded moments ago need not wait for one (quietMs 0).
        const result = await executePlan(planned.operations, port, run);
        expect(result.counts.failed).toBe(0);
        const after = new Set(store.list().map((r) => r.id));
        const destroyed = [...before].filter((id) => !after.has(id)).length;
        expect(verdict.destroys + verdict.duplicates).toBe(destroyed);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

/**
 * Property: a remote that holds what the plan keeps plus surplus copies — of events, of
 * properties, of a whole category with copies of its events (two applies at once) — is never a
 * destroy: the guard counts nothing, lets it through with --max-deletes 0, and one apply removes
 * every copy.
 */
describe('checkDeleteGuard: surplus copies are never a destroy (property, executed in process)', () => {
  const titles = fc.constantFrom('A', 'B', 'C');
  const world = fc.record({
    wanted: fc.array(
      fc.record({ title: titles, category: fc.constantFrom('X', 'Y'), properties: fc.uniqueArray(titles, { maxLength: 3 }) }),
      { maxLength: 5 },
    ),
    // Which resources get a surplus copy, by position among those of their kind.
    eventCopies: fc.array(fc.nat(), { maxLength: 4 }),
    propertyCopies: fc.array(fc.nat(), { maxLength: 4 }),
    // A second copy of a category, holding copies of some of its events.
    categoryCopy: fc.option(fc.record({ category: fc.constantFrom('X', 'Y'), events: fc.array(fc.nat(), { maxLength: 3 }) })),
  });

  it('holds for random plans and copies', async () => {
    await fc.assert(
      fc.asyncProperty(world, async ({ wanted, eventCopies, propertyCopies, categoryCopy }) => {
        const store = new Store();
        const port = new StorePort(store);
        const tp = plan(
          ['X', 'Y'].map((title) =>
            cat(
              title,
              uniqueBy(
                wanted.filter((e) => e.category === title),
                (e) => e.title,
              ).map((e) =>
                ev(
                  e.title,
                  e.properties.map((p) => prop(p, { type: 'string' })),
                ),
              ),
            ),
          ),
        );
        await executePlan(buildPlan(tp, await port.readState(INTEGRATION), opts).operations, port, run);

        // Surplus copies, younger than what they copy.
        const copyEvent = (original: { title: string; parent: string | null; id: string }, parent: string) => {
          const twin = store.insert('event', { title: original.title, integration: INTEGRATION, parent });
          for (const p of store.list('event_property').filter((q) => q.parent === original.id))
            store.insert('event_property', { title: p.title, type: p.type, integration: INTEGRATION, parent: twin.id });
        };
        const events = store.list('event');
        for (const n of eventCopies) if (events.length > 0) copyEvent(events[n % events.length]!, events[n % events.length]!.parent!);
        const properties = store.list('event_property');
        for (const n of propertyCopies) {
          const original = properties[n % Math.max(1, properties.length)];
          if (original)
            store.insert('event_property', {
              title: original.title,
              type: original.type,
              integration: INTEGRATION,
              parent: original.parent,
            });
        }
        if (categoryCopy) {
          const original = store.list('event_category').find((c) => c.title === categoryCopy.category);
          if (original) {
            const copy = store.insert('event_category', { title: original.title, integration: INTEGRATION });
            const inOriginal = events.filter((e) => e.parent === original.id);
            for (const n of categoryCopy.events) if (inOriginal.length > 0) copyEvent(inOriginal[n % inOriginal.length]!, copy.id);
          }
        }

        const planned = buildPlan(tp, await port.readState(INTEGRATION), opts);
        const verdict = checkDeleteGuard(planned, { maxDeletes: 0, allowDeletes: false });
        expect(verdict).toMatchObject({ destroys: 0, refused: false });
        expect(planned.operations.every((op) => op.action === 'delete')).toBe(true);
        await executePlan(planned.operations, port, run);
        expect(buildPlan(tp, await port.readState(INTEGRATION), opts).operations).toEqual([]);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
