import { describe, it, expect } from 'vitest';
import { api, createTree, INTEGRATION, startTestEmulator } from './emulator-client.js';
import type { RunningEmulator } from '../../src/emulator/server.js';

const catalog = async (emulator: RunningEmulator, filter?: unknown, path = '/resource/catalog') =>
  api(emulator).get(filter === undefined ? path : `${path}?filter=${encodeURIComponent(JSON.stringify(filter))}`);

describe('the Resources list (GET /resource/catalog)', () => {
  it('lists every resource with its type, paginated, when there is no filter', async () => {
    const emulator = await startTestEmulator();
    const { category, event, property } = await createTree(emulator);
    const reply = await catalog(emulator);
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(3);
    expect(reply.body.results.map((r) => [r.id, r.type])).toEqual([
      [category.id, 'event_category'],
      [event.id, 'event'],
      [property.id, 'event_property'],
    ]);
    // The property's own data type stays readable.
    expect(reply.body.results[2]?.property_type).toBe('enum');
    expect(reply.body.resource_totals).toEqual({ event_category: 1, event: 1, event_property: 1 });
  });

  it('selects events with the reference’s filter {"operator":"exact","field":"type","value":"event"}', async () => {
    const emulator = await startTestEmulator();
    const { event } = await createTree(emulator);
    await createTree(emulator, 'another-integration');
    const reply = await catalog(emulator, {
      operator: 'and',
      operands: [
        { operator: 'exact', field: 'type', value: 'event' },
        { operator: 'exact', field: 'integration', value: INTEGRATION },
      ],
    });
    expect(reply.body.results.map((r) => r.id)).toEqual([event.id]);
    // /resource/all (where the pagination links point) is the same list.
    expect((await catalog(emulator, { operator: 'exact', field: 'type', value: 'event' }, '/resource/all')).body.count).toBe(2);
  });

  it('supports contains, in, is_set, or and not', async () => {
    const emulator = await startTestEmulator();
    const { store } = emulator;
    const c = store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
    const a = store.insert('event', { title: 'Order Completed', integration: INTEGRATION, parent: c.id, tags: ['t1'] });
    const b = store.insert('event', { title: 'Order Refunded', integration: INTEGRATION, parent: c.id, description: '' });
    const d = store.insert('event', { title: 'Cart Viewed', integration: INTEGRATION, parent: c.id });
    const ids = async (filter: unknown) => (await catalog(emulator, filter)).body.results.map((r) => r.id);

    expect(await ids({ operator: 'contains', field: 'title', value: 'order' })).toEqual([a.id, b.id]);
    expect(await ids({ operator: 'in', field: 'title', value: ['Cart Viewed', 'Order Refunded'] })).toEqual([b.id, d.id]);
    expect(await ids({ operator: 'is_set', field: 'parent', value: true })).toEqual([a.id, b.id, d.id]);
    expect(await ids({ operator: 'is_set', field: 'tags', value: true })).toEqual([a.id]);
    expect(await ids({ operator: 'exact', field: 'tags', value: 't1' })).toEqual([a.id]);
    expect(
      await ids({
        operator: 'or',
        operands: [
          { operator: 'exact', field: 'id', value: a.id },
          { operator: 'exact', field: 'type', value: 'event_category' },
        ],
      }),
    ).toEqual([c.id, a.id]);
    expect(await ids({ operator: 'not', operands: [{ operator: 'exact', field: 'type', value: 'event' }] })).toEqual([c.id]);
  });

  it('answers 400 for a filter that is not JSON or not a filter', async () => {
    const emulator = await startTestEmulator();
    const notJson = await api(emulator).get('/resource/catalog?filter=%7Bnope');
    expect(notJson.status).toBe(400);
    expect(notJson.body.filter[0]).toMatch(/^Invalid JSON/);
    expect((await catalog(emulator, { operator: 'like', field: 'title', value: 'x' })).status).toBe(400);
    expect((await catalog(emulator, { operator: 'and' })).status).toBe(400);
    expect((await catalog(emulator, { operator: 'in', field: 'title', value: 'x' })).status).toBe(400);
  });
});

describe('eventsListGone', () => {
  it('makes the deprecated events list answer 410 while the Resources list and single events still work', async () => {
    const emulator = await startTestEmulator({ eventsListGone: true });
    const { event } = await createTree(emulator);
    const http = api(emulator);
    const gone = await http.get(`/event/events?integration_id=${INTEGRATION}`);
    expect(gone.status).toBe(410);
    expect(typeof gone.body.detail).toBe('string');
    expect((await http.get(`/event/events/${event.id}`)).status).toBe(200);
    expect((await http.get('/event/event_properties')).status).toBe(200);
    expect((await catalog(emulator, { operator: 'exact', field: 'type', value: 'event' })).body.results[0]?.id).toBe(event.id);
    emulator.configure({ eventsListGone: false });
    expect((await http.get('/event/events')).status).toBe(200);
  });
});

describe('the catalog’s cap and catalogGone', () => {
  it('returns at most catalogCap resources across all pages, its count and pages those of what it returns', async () => {
    const emulator = await startTestEmulator({ catalogCap: 3, pageSize: 2 });
    const c = emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
    const ids = Array.from(
      { length: 5 },
      (_, i) => emulator.store.insert('event', { title: `E${i}`, integration: INTEGRATION, parent: c.id }).id,
    );
    const filter = { operator: 'exact', field: 'type', value: 'event' };
    const first = await catalog(emulator, filter);
    expect([first.body.count, first.body.total_pages]).toEqual([3, 2]);
    const second = await api(emulator).get(`/resource/catalog?filter=${encodeURIComponent(JSON.stringify(filter))}&page=2`);
    expect([...first.body.results, ...second.body.results].map((r) => r.id)).toEqual(ids.slice(0, 3));
    emulator.configure({ catalogCap: 10 });
    expect((await catalog(emulator, filter)).body.count).toBe(5);
  });

  it.each([404, 410] as const)('answers %i while catalogGone says so, and the events list still works', async (status) => {
    const emulator = await startTestEmulator({ catalogGone: status });
    await createTree(emulator);
    expect((await catalog(emulator)).status).toBe(status);
    expect((await api(emulator).get(`/event/events?integration_id=${INTEGRATION}`)).body.count).toBe(1);
    emulator.configure({ catalogGone: false });
    expect((await catalog(emulator)).status).toBe(200);
  });
});
