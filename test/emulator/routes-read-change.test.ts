/** The emulator's routes after a create: get, list filters, patch, delete, and the paths it answers (split from routes.test.ts, which holds create and its validation). */
import { describe, it, expect } from 'vitest';
import { api, call, createTree, INTEGRATION, startTestEmulator } from './emulator-client.js';

describe('get', () => {
  it('finds each kind by id, with or without dashes, and 404s otherwise', async () => {
    const emulator = await startTestEmulator();
    const http = api(emulator);
    const { category, event, property } = await createTree(emulator);
    expect((await http.get(`/event/category/${category.id}`)).body).toEqual({ ...category, children_count: 1 });
    expect((await http.get(`/event/events/${event.id.replace(/-/g, '')}`)).body).toEqual({ ...event, children_count: 1 });
    expect((await http.get(`/event/event_properties/${property.id}`)).body).toEqual(property);
    // "404 Not Found"
    const missing = await http.get('/event/events/226dc8aafa8d46468b116652cdc64065');
    expect(missing).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
    // An id of another kind is not found either.
    expect((await http.get(`/event/events/${category.id}`)).status).toBe(404);
    expect((await http.get(`/event/category/${event.id}`)).status).toBe(404);
  });
});

describe('list filters', () => {
  it('filters events by integration_id, parent_id and exact title', async () => {
    const emulator = await startTestEmulator();
    const { store } = emulator;
    const c1 = store.insert('event_category', { title: 'One', integration: INTEGRATION });
    const c2 = store.insert('event_category', { title: 'Two', integration: INTEGRATION });
    const foreign = store.insert('event_category', { title: 'One', integration: 'other-integration' });
    store.insert('event', { title: 'Clicked', integration: INTEGRATION, parent: c1.id });
    store.insert('event', { title: 'CTA Clicked', integration: INTEGRATION, parent: c1.id });
    store.insert('event', { title: 'Clicked', integration: INTEGRATION, parent: c2.id });
    store.insert('event', { title: 'Clicked', integration: 'other-integration', parent: foreign.id });
    const titles = async (query: string) =>
      (await api(emulator).get(`/event/events${query}`)).body.results.map((r) => `${r.title}@${r.parent}`);

    expect(await titles('')).toHaveLength(4);
    expect(await titles(`?integration_id=${INTEGRATION}`)).toEqual([`Clicked@${c1.id}`, `CTA Clicked@${c1.id}`, `Clicked@${c2.id}`]);
    expect(await titles(`?integration_id=${INTEGRATION.replace(/-/g, '')}&parent_id=${c1.id}`)).toEqual([
      `Clicked@${c1.id}`,
      `CTA Clicked@${c1.id}`,
    ]);
    // "title … Example: Clicked" — exact, so "CTA Clicked" does not match.
    expect(await titles(`?integration_id=${INTEGRATION}&title=Clicked`)).toEqual([`Clicked@${c1.id}`, `Clicked@${c2.id}`]);
    expect(await titles('?title=clicked')).toEqual([]);
    // An empty filter value filters nothing (django-filter).
    expect(await titles('?title=')).toHaveLength(4);
  });

  it('filters properties by parent event and categories by title, keeping duplicates in created_at order', async () => {
    const emulator = await startTestEmulator();
    const { store } = emulator;
    // Seeded out of order: list order is created_at, not insertion.
    const insertedFirst = store.insert('event_category', { title: 'Dup', integration: INTEGRATION, created_at: '2023-01-01T00:00:00Z' });
    const createdFirst = store.insert('event_category', { title: 'Dup', integration: INTEGRATION, created_at: '2022-01-01T00:00:00.5Z' });
    store.insert('event_category', { title: 'Other', integration: INTEGRATION });
    const categories = (await api(emulator).get('/event/category?title=Dup')).body.results;
    expect(categories.map((c) => c.id)).toEqual([createdFirst.id, insertedFirst.id]);
    expect(categories[0]?.created_at).toBe('2022-01-01T00:00:00.500000Z');

    const event = store.insert('event', { title: 'E', integration: INTEGRATION, parent: insertedFirst.id });
    const otherEvent = store.insert('event', { title: 'F', integration: INTEGRATION, parent: insertedFirst.id });
    const p = store.insert('event_property', { title: 'p', integration: INTEGRATION, parent: event.id, type: 'string' });
    store.insert('event_property', { title: 'q', integration: INTEGRATION, parent: otherEvent.id });
    const properties = (await api(emulator).get(`/event/event_properties?parent_id=${event.id}`)).body.results;
    expect(properties.map((x) => x.id)).toEqual([p.id]);
  });
});

describe('patch', () => {
  it('changes the documented patchable fields and silently ignores the rest', async () => {
    const emulator = await startTestEmulator();
    const { category, property } = await createTree(emulator);
    const reply = await api(emulator).patch(`/event/event_properties/${property.id}`, {
      description: 'New',
      definition: '# New',
      pii: true,
      verified: true,
      published: true,
      teams: ['t'],
      owners: ['o'],
      collections: ['c'],
      tags: ['g'],
      subscribers: ['s'],
      // Not patchable (DESIGN §1): ignored, never an error.
      title: 'renamed',
      parent: category.id,
      type: 'string',
      enum: 'x, y',
      is_required: false,
      owners_groups: ['og'],
      integration: 'other',
    });
    expect(reply.status).toBe(200);
    // prettier-ignore
    expect(reply.body).toMatchObject({
      description: 'New', definition: '# New', pii: true, verified: true, published: true,
      teams: ['t'], owners: ['o'], collections: ['c'], tags: ['g'], subscribers: ['s'],
      title: 'button_color', parent: property.parent, type: 'enum', enum: 'red, green, yellow', is_required: true, owners_groups: [], integration: INTEGRATION,
    });
    expect(reply.body.created_at).toBe(property.created_at);
    expect(reply.body.updated_at > property.updated_at).toBe(true);
    expect((await api(emulator).get(`/event/event_properties/${property.id}`)).body).toEqual(reply.body);
  });

  it('answers 400 for a wrong type on a patchable field and changes nothing', async () => {
    const emulator = await startTestEmulator();
    const { event } = await createTree(emulator);
    const reply = await api(emulator).patch(`/event/events/${event.id}`, { description: 'changed', verified: 'yes', owners: 'me' });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ verified: ['Must be a valid boolean.'], owners: ['Expected a list of items but got type "str".'] });
    expect(emulator.store.get(event.id)?.description).toBe('A click.');
  });

  it('answers 404 for an unknown id', async () => {
    const emulator = await startTestEmulator();
    expect((await api(emulator).patch('/event/events/226dc8aa-fa8d-4646-8b11-6652cdc64065', { description: 'x' })).status).toBe(404);
  });
});

describe('delete', () => {
  it('answers 200 with the deleted resource, and 404 the second time', async () => {
    const emulator = await startTestEmulator();
    const { property } = await createTree(emulator);
    const reply = await api(emulator).delete(`/event/event_properties/${property.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(property);
    expect((await api(emulator).delete(`/event/event_properties/${property.id}`)).status).toBe(404);
  });

  it('deletes an event’s properties with it', async () => {
    const emulator = await startTestEmulator();
    const { category, event, property } = await createTree(emulator);
    await api(emulator).post('/event/event_properties', { title: 'second', integration: INTEGRATION, parent: event.id });
    expect((await api(emulator).delete(`/event/events/${event.id}`)).status).toBe(200);
    expect((await api(emulator).get(`/event/event_properties/${property.id}`)).status).toBe(404);
    expect((await api(emulator).get(`/event/event_properties?parent_id=${event.id}`)).body.count).toBe(0);
    expect(emulator.store.list().map((r) => r.id)).toEqual([category.id]);
  });
});

describe('paths', () => {
  it('serves every path with and without /api/v1, a trailing slash or doubled slashes', async () => {
    const emulator = await startTestEmulator();
    const { event } = await createTree(emulator);
    for (const path of ['/event/events', '/event/events/', '/api/v1/event/events', '/api/v1/event/events/', '//api/v1//event/events/']) {
      const reply = await call(emulator, 'GET', path);
      expect(reply.status, path).toBe(200);
      expect(
        reply.body.results.map((r) => r.id),
        path,
      ).toEqual([event.id]);
    }
    for (const path of [`/event/events/${event.id}`, `/api/v1/event/events/${event.id}/`]) {
      expect((await call(emulator, 'GET', path)).status, path).toBe(200);
    }
  });

  it('creates on a path with a trailing slash, without any redirect', async () => {
    const emulator = await startTestEmulator();
    for (const path of ['/event/category/', '/api/v1/event/category/', '/event/category']) {
      const reply = await call(emulator, 'POST', path, { body: { title: path, integration: INTEGRATION } });
      expect(reply.status, path).toBe(201);
    }
    expect(emulator.store.size).toBe(3);
  });

  it('answers 404 {"detail":"Not found."} for an unknown path, even without credentials', async () => {
    const emulator = await startTestEmulator();
    const reply = await call(emulator, 'GET', '/api/v1/event/nothing', { auth: null });
    expect(reply).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
  });

  it('answers 405 for an undocumented method on a known path (categories have no update or delete)', async () => {
    const emulator = await startTestEmulator();
    const { category } = await createTree(emulator);
    const patch = await call(emulator, 'PATCH', `/api/v1/event/category/${category.id}`, { body: { title: 'x' } });
    expect(patch).toMatchObject({ status: 405, body: { detail: 'Method "PATCH" not allowed.' } });
    expect(patch.headers.get('allow')).toBe('GET, HEAD');
    expect((await call(emulator, 'DELETE', `/event/category/${category.id}`)).status).toBe(405);
    expect((await call(emulator, 'PUT', '/event/events', { body: {} })).status).toBe(405);
  });
});
