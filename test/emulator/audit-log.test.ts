/**
 * The emulator's audit log (issue 23, item 6): an entry for every write made through it, by the
 * user of the API key that made it; served at /activity_log/audit_logs with filter, sort and pages;
 * 403 for a key without the permission.
 */
import { describe, expect, it } from 'vitest';
import { NO_AUDIT_PERMISSION } from '../../src/emulator/routes-audit-log.js';
import { api, createTree, INTEGRATION, MICROSECOND_ISO, startTestEmulator } from './emulator-client.js';

const ANA = { email: 'ana@acme.com', first_name: 'Ana', last_name: 'Silva' };
const query = (filter?: unknown, sort?: unknown, page?: number) =>
  '/activity_log/audit_logs/?' +
  new URLSearchParams({
    ...(filter === undefined ? {} : { filter: JSON.stringify(filter) }),
    ...(sort === undefined ? {} : { sort: JSON.stringify(sort) }),
    ...(page === undefined ? {} : { page: String(page) }),
  }).toString();

describe('the audit log', () => {
  it('records every write made through the API, by the key’s user, and nothing for reads', async () => {
    const emulator = await startTestEmulator({ apiKeys: { 'ana-key': ANA } });
    const { category, event, property } = await createTree(emulator);
    const http = api(emulator);
    await http.get('/event/events/');
    expect((await http.patch(`/event/events/${event.id}/`, { description: 'Edited' }, { auth: 'Bearer ana-key' })).status).toBe(200);
    expect((await http.delete(`/event/event_properties/${property.id}/`, { auth: 'Bearer ana-key' })).status).toBe(200);

    const entries = emulator.audit.entries;
    expect(entries.map((e) => [e.activity_type, e.resource_type, e.resource_id, e.performer_metadata.email])).toEqual([
      ['create', 'event_category', category.id, 'api@emulator.tpsync.dev'],
      ['create', 'event', event.id, 'api@emulator.tpsync.dev'],
      ['create', 'event_property', property.id, 'api@emulator.tpsync.dev'],
      ['update', 'event', event.id, 'ana@acme.com'],
      ['delete', 'event_property', property.id, 'ana@acme.com'],
    ]);
    expect(entries[3]).toMatchObject({
      performer_type: 'user',
      performer_metadata: { email: 'ana@acme.com', first_name: 'Ana', last_name: 'Silva', name: 'Ana Silva' },
      resource_metadata: { title: 'CTA Clicked', integration_id: INTEGRATION },
    });
    expect(entries.every((e) => MICROSECOND_ISO.test(e.logged_at))).toBe(true);
  });

  it('records a write whose reply a fault then loses: it was committed', async () => {
    const emulator = await startTestEmulator({ failAfterCommitRate: 1 });
    const reply = await api(emulator).post('/event/category/', { title: 'Lost Reply', integration: INTEGRATION });
    expect(reply.status).toBe(500);
    expect(emulator.audit.entries.map((e) => e.resource_metadata.title)).toEqual(['Lost Reply']);
  });

  it('serves the log filtered like the catalog, newest first by default, sorted and paged as asked', async () => {
    const emulator = await startTestEmulator({ pageSize: 2 });
    const log = emulator.audit;
    log.insert({ performer: ANA, resource_id: 'r1', logged_at: '2026-11-30T10:00:00Z' });
    log.insert({ performer: ANA, resource_id: 'r2', logged_at: '2026-12-02T10:00:00Z' });
    log.insert({ performer: { email: 'bo@acme.com' }, resource_id: 'r1', logged_at: '2026-12-01T09:00:00Z' });
    log.insert({ performer: ANA, resource_id: 'r3', logged_at: '2026-12-03T09:00:00Z' });
    const http = api(emulator);
    const stamps = (body: { results: readonly { readonly [key: string]: unknown }[] }) =>
      body.results.map((r) => String(r['logged_at']).slice(0, 10));

    const filtered = await http.get(query({ operator: 'in', field: 'resource_id', value: ['r1', 'r2'] }));
    expect(filtered.status).toBe(200);
    expect([filtered.body.count, filtered.body.total_pages]).toEqual([3, 2]);
    expect(stamps(filtered.body)).toEqual(['2026-12-02', '2026-12-01']);
    const rest = await http.get(query({ operator: 'in', field: 'resource_id', value: ['r1', 'r2'] }, undefined, 2));
    expect(stamps(rest.body)).toEqual(['2026-11-30']);

    const ascending = await http.get(query({ operator: 'exact', field: 'resource_id', value: 'r1' }, { field: 'logged_at', order: 'asc' }));
    expect(stamps(ascending.body)).toEqual(['2026-11-30', '2026-12-01']);
    expect((await http.get(query(undefined, { field: 'logged_at', order: 'sideways' }))).status).toBe(400);
    expect((await http.get(query({ operator: 'like' }))).status).toBe(400);
  });

  it('answers 403 to a key whose user may not read it, and still records that key’s writes', async () => {
    const emulator = await startTestEmulator({ apiKeys: { 'viewer-key': { email: 'vi@acme.com', auditLogAccess: false } } });
    const http = api(emulator);
    expect((await http.post('/event/category/', { title: 'By Vi', integration: INTEGRATION }, { auth: 'Bearer viewer-key' })).status).toBe(
      201,
    );
    const refused = await http.get(query(), { auth: 'Bearer viewer-key' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(NO_AUDIT_PERMISSION);
    expect(refused.body.detail).toBe('User does not have permission to access audit logs');
    const allowed = await http.get(query());
    expect(allowed.body.results.map((r) => (r['performer_metadata'] as { email: string }).email)).toEqual(['vi@acme.com']);
  });

  it('accepts the API keys given besides its token, and no other', async () => {
    const emulator = await startTestEmulator({ apiKeys: { 'ana-key': ANA } });
    expect((await api(emulator).get(query(), { auth: 'Bearer ana-key' })).status).toBe(200);
    expect((await api(emulator).get(query(), { auth: 'Bearer someone-else' })).status).toBe(401);
  });
});
