import { describe, it, expect } from 'vitest';
import { api, call, createTree, INTEGRATION, MICROSECOND_ISO, startTestEmulator, UUID_WITH_DASHES } from './emulator-client.js';

// The keys of every resource in the reference's examples, in their order.
// prettier-ignore
const REFERENCE_KEYS = [
  'id', 'created_at', 'updated_at', 'entity_type', 'native_type', 'bookmarked_by', 'icon', 'title', 'title_full', 'title_cased',
  'description', 'definition', 'definition_version', 'multiplayers', 'multiplayer_last_modified_by', 'multiplayer_last_modified',
  'owners', 'owners_groups', 'collections', 'tags', 'workspace_id', 'total_usage', 'published', 'archived', 'pii', 'verified', 'url',
  'parent', 'children_count', 'integration', 'external_updated_at', 'internal_usage', 'internal_users', 'external_users',
  'external_usage', 'databuilder_id', 'search_metadata', 'sources', 'subscribers', 'teams', 'stale', 'current_user_permissions',
];
// "type": "enum", "enum": "red, green, yellow", "is_required": true — after the common keys, on properties.
const PROPERTY_KEYS = [...REFERENCE_KEYS, 'type', 'enum', 'is_required'];

describe('create', () => {
  it('answers 201 for a category and an event, and 200 for a property, as the reference documents', async () => {
    const emulator = await startTestEmulator();
    const http = api(emulator);
    // "Responses 201 Event category created"
    const category = await http.post('/event/category', { title: 'Landing Page', integration: INTEGRATION, teams: ['team-1'] });
    expect(category.status).toBe(201);
    // "Responses 201 Event created"
    const event = await http.post('/event/events', { title: 'CTA Clicked', integration: INTEGRATION, parent: category.body.id });
    expect(event.status).toBe(201);
    // "Responses 200 Event property created."
    const property = await http.post('/event/event_properties', {
      title: 'color',
      integration: INTEGRATION,
      parent: event.body.id,
      type: 'string',
    });
    expect(property.status).toBe(200);
    expect(emulator.store.list().map((r) => r.kind)).toEqual(['event_category', 'event', 'event_property']);
  });

  it('returns the full resource shape of the reference, with dashed UUIDs and microsecond timestamps', async () => {
    const emulator = await startTestEmulator();
    const { category, event, property } = await createTree(emulator);
    expect(Object.keys(category)).toEqual(REFERENCE_KEYS);
    expect(Object.keys(event)).toEqual(REFERENCE_KEYS);
    expect(Object.keys(property)).toEqual(PROPERTY_KEYS);
    for (const resource of [category, event, property]) {
      expect(resource.id).toMatch(UUID_WITH_DASHES);
      expect(resource.created_at).toMatch(MICROSECOND_ISO);
      expect(resource.updated_at).toMatch(MICROSECOND_ISO);
      expect(resource.integration).toBe(INTEGRATION);
    }
    // Created before its event, the category had no children yet.
    expect(category).toMatchObject({
      entity_type: 'event_category',
      parent: null,
      teams: ['8680f886-97d2-4f4e-92c8-c80b46a3017d'],
      children_count: 0,
    });
    expect(event).toMatchObject({
      entity_type: 'event',
      parent: category.id,
      title_full: 'Landing Page.CTA Clicked',
      description: 'A click.',
    });
    expect(property).toMatchObject({
      parent: event.id,
      type: 'enum',
      enum: 'red, green, yellow',
      is_required: true,
      title_full: 'Landing Page.CTA Clicked.button_color',
    });
  });

  it('stores every documented create field of an event and ignores unknown keys', async () => {
    const emulator = await startTestEmulator();
    const http = api(emulator);
    const category = (await http.post('/event/category', { title: 'C', integration: INTEGRATION })).body;
    const body = {
      title: 'Sample Title',
      integration: INTEGRATION,
      description: 'This is a description.',
      entity_type: 'glossary', // in the reference's example body; not a field tpsync manages
      definition: '# Docs',
      parent: category.id,
      pii: true,
      verified: true,
      published: true,
      teams: ['t1', 't2'],
      owners: ['o1'],
      owners_groups: ['g1'],
      collections: ['c1'],
      tags: ['tag1'],
      subscribers: ['s1'],
      no_such_field: 'ignored',
    };
    const created = await http.post('/event/events', body);
    expect(created.status).toBe(201);
    const { entity_type: _ignored, no_such_field: _unknown, ...stored } = body;
    expect(created.body).toMatchObject(stored);
    expect(created.body.entity_type).toBe('event');
    expect(created.body).not.toHaveProperty('no_such_field');
  });

  it('gives created_at that strictly increases, even for creates in quick succession', async () => {
    const emulator = await startTestEmulator();
    const http = api(emulator);
    const stamps: string[] = [];
    for (let i = 0; i < 20; i++)
      stamps.push((await http.post('/event/category', { title: `C${i}`, integration: INTEGRATION })).body.created_at);
    const sorted = [...stamps].sort();
    expect(stamps).toEqual(sorted);
    expect(new Set(stamps).size).toBe(stamps.length);
  });
});

describe('create validation (DRF field errors)', () => {
  it('requires a title and an integration', async () => {
    const emulator = await startTestEmulator();
    const reply = await api(emulator).post('/event/category', { teams: [] });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ title: ['This field is required.'], integration: ['This field is required.'] });
  });

  it('rejects a blank title and values of the wrong type, all fields at once', async () => {
    const emulator = await startTestEmulator();
    const category = (await api(emulator).post('/event/category', { title: 'C', integration: INTEGRATION })).body;
    const reply = await api(emulator).post('/event/events', {
      title: ' ',
      integration: INTEGRATION,
      parent: category.id,
      pii: 'yes',
      teams: 'team-1',
      tags: ['ok', 3],
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      title: ['This field may not be blank.'],
      pii: ['Must be a valid boolean.'],
      teams: ['Expected a list of items but got type "str".'],
      tags: { '1': ['Not a valid string.'] },
    });
    expect(emulator.store.list('event')).toEqual([]);
  });

  it('checks a property’s type, enum and is_required', async () => {
    const emulator = await startTestEmulator();
    const { event } = await createTree(emulator);
    const reply = await api(emulator).post('/event/event_properties', {
      title: 'p',
      integration: INTEGRATION,
      parent: event.id,
      type: 3,
      enum: ['a', 'b'],
      is_required: 'true',
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ type: ['Not a valid string.'], enum: ['Not a valid string.'], is_required: ['Must be a valid boolean.'] });
  });

  it('requires a parent for events and properties', async () => {
    const emulator = await startTestEmulator();
    const http = api(emulator);
    expect((await http.post('/event/events', { title: 'E', integration: INTEGRATION })).body).toEqual({
      parent: ['This field is required.'],
    });
    expect((await http.post('/event/event_properties', { title: 'P', integration: INTEGRATION })).body).toEqual({
      parent: ['This field is required.'],
    });
    expect((await http.post('/event/events', { title: 'E', integration: INTEGRATION, parent: 7 })).body).toEqual({
      parent: ['Incorrect type. Expected pk value, received int.'],
    });
  });

  it('answers 400 for an event whose parent category does not exist (DRF primary key field)', async () => {
    const emulator = await startTestEmulator();
    const missing = 'df2c0597-13d9-4159-bb6d-00b3f54235dc';
    const reply = await api(emulator).post('/event/events', { title: 'E', integration: INTEGRATION, parent: missing });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ parent: [`Invalid pk "${missing}" - object does not exist.`] });
  });

  it('answers 400 for an event whose parent is an event, not a category', async () => {
    const emulator = await startTestEmulator();
    const { event } = await createTree(emulator);
    const reply = await api(emulator).post('/event/events', { title: 'E', integration: INTEGRATION, parent: event.id });
    expect(reply.status).toBe(400);
  });

  it('answers 404 for a property whose parent event does not exist (the reference lists 404 for property create)', async () => {
    const emulator = await startTestEmulator();
    const { category } = await createTree(emulator);
    const reply = await api(emulator).post('/event/event_properties', { title: 'P', integration: INTEGRATION, parent: category.id });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ detail: 'Not found.' });
    expect(emulator.store.list('event_property')).toHaveLength(1);
  });

  it('accepts a parent id without dashes and stores the parent’s own id', async () => {
    const emulator = await startTestEmulator();
    const category = (await api(emulator).post('/event/category', { title: 'C', integration: INTEGRATION })).body;
    const reply = await api(emulator).post('/event/events', {
      title: 'E',
      integration: INTEGRATION,
      parent: category.id.replace(/-/g, '').toUpperCase(),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.parent).toBe(category.id);
  });
});

describe('malformed bodies', () => {
  it('answers 400 "JSON parse error - …" for broken JSON, in DRF’s shape rather than fastify’s', async () => {
    const emulator = await startTestEmulator();
    const reply = await call(emulator, 'POST', '/api/v1/event/category', { rawBody: '{"title": "x",' });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body)).toEqual(['detail']);
    expect(reply.body.detail).toMatch(/^JSON parse error - /);
  });

  it('answers 400 "JSON parse error - …" for a body that is not an object', async () => {
    const emulator = await startTestEmulator();
    for (const rawBody of ['[1, 2]', '"text"', '42', 'null']) {
      const reply = await call(emulator, 'POST', '/api/v1/event/category', { rawBody });
      expect(reply.status, rawBody).toBe(400);
      expect(reply.body.detail, rawBody).toMatch(/^JSON parse error - /);
    }
    expect(emulator.store.size).toBe(0);
  });

  it('parses a PATCH body the same way', async () => {
    const emulator = await startTestEmulator();
    const { event } = await createTree(emulator);
    const reply = await call(emulator, 'PATCH', `/api/v1/event/events/${event.id}`, { rawBody: '["description"]' });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/^JSON parse error - /);
  });

  it('keeps DRF’s error shape for errors fastify raises itself (body too large, undecodable path)', async () => {
    const emulator = await startTestEmulator();
    const tooLarge = await call(emulator, 'POST', '/api/v1/event/category', {
      rawBody: JSON.stringify({ title: 'x'.repeat(1_100_000), integration: 'i' }),
    });
    expect(tooLarge.status).toBe(413);
    expect(Object.keys(tooLarge.body)).toEqual(['detail']);
    const undecodable = await call(emulator, 'GET', '/api/v1/event/events/%zz');
    expect(undecodable).toMatchObject({ status: 404, body: { detail: 'Not found.' } });
  });

  it('reads a JSON body whatever content type it is sent with', async () => {
    const emulator = await startTestEmulator();
    const response = await fetch(`${emulator.url}/event/category`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'text/plain' },
      body: JSON.stringify({ title: 'C', integration: INTEGRATION }),
    });
    expect(response.status).toBe(201);
  });
});
