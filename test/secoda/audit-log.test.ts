/**
 * Reading who last changed a resource from Secoda's audit log (issue 23, item 4), over real HTTP:
 * the documented request, the newest entry whatever order the log answers in, 403 and an empty
 * log giving nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { readLatestChanges } from '../../src/secoda/audit-log.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { json, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'audit-token-0b1e';
const R1 = 'd935a76c-2125-4c30-9389-ef42fa7e23bb';
const R2 = '43d7c33d-ad74-4c1b-8f7e-1a2b3c4d5e6f';

let emulator: RunningEmulator | undefined;
let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await emulator?.close();
  await scripted?.close();
  emulator = undefined;
  scripted = undefined;
});

const transport = (baseUrl: string, token = TOKEN) =>
  new SecodaClient({ baseUrl, token, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 10 } }).transport;

const entry = (resourceId: string, email: string, loggedAt: string, activity = 'update') => ({
  activity_type: activity,
  performer_type: 'user',
  performer_metadata: { email, first_name: '', last_name: '', name: '' },
  resource_id: resourceId,
  resource_type: 'event',
  resource_metadata: { title: 'T', integration_id: null },
  logged_at: loggedAt,
});

/** A log that answers in the order given, two entries a page, whatever `sort` asks. */
function servedInOrder(entries: unknown[]) {
  return startScriptedServer((req, res) => {
    const n = Number(req.url.searchParams.get('page') ?? '1');
    json(res, 200, {
      links: { next: null, previous: 'None' },
      meta: { page: n, previous_page: n > 1 ? n - 1 : 'None', next_page: n * 2 < entries.length ? n + 1 : null },
      count: entries.length,
      total_pages: Math.max(1, Math.ceil(entries.length / 2)),
      results: entries.slice((n - 1) * 2, n * 2),
    });
  });
}

describe('readLatestChanges', () => {
  it('asks the documented endpoint about exactly those resources, newest first', async () => {
    scripted = await servedInOrder([]);
    await readLatestChanges(transport(scripted.url), [R1, R2, R1]);
    const request = scripted.requests[0]!;
    expect(request.url.pathname).toBe('/api/v1/activity_log/audit_logs/');
    expect(JSON.parse(request.url.searchParams.get('filter') ?? '')).toEqual({ operator: 'in', field: 'resource_id', value: [R1, R2] });
    expect(JSON.parse(request.url.searchParams.get('sort') ?? '')).toEqual({ field: 'logged_at', order: 'desc' });
    expect(request.url.searchParams.get('page')).toBe('1');
  });

  it.each([
    ['oldest first', ['2026-11-01T08:00:00Z', '2026-11-20T08:00:00Z', '2026-12-01T09:30:00.000001Z', '2026-12-01T09:30:00Z']],
    ['in no order', ['2026-11-20T08:00:00Z', '2026-12-01T09:30:00.000001Z', '2026-11-01T08:00:00Z', '2026-12-01T09:30:00Z']],
  ])('takes the newest entry by logged_at over every page when the log answers %s', async (_name, stamps) => {
    const newest = '2026-12-01T09:30:00.000001Z';
    const entries = stamps.map((stamp) => entry(R1, stamp === newest ? 'ana@acme.com' : 'bo@acme.com', stamp));
    // Another resource's entry (a log that ignores the filter) never counts.
    entries.push(entry('ffffffff-2125-4c30-9389-ef42fa7e23bb', 'eve@acme.com', '2027-01-01T00:00:00Z'));
    scripted = await servedInOrder(entries);
    const reading = await readLatestChanges(transport(scripted.url), [R1]);
    expect(reading).toEqual({
      access: 'granted',
      latest: new Map([[R1.replace(/-/g, ''), { resourceId: R1, by: 'ana@acme.com', loggedAt: newest, activity: 'update' }]]),
    });
    expect(scripted.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('matches an ID the log writes without dashes, and falls back to the name without an email', async () => {
    const noEmail = { ...entry(R2.replace(/-/g, ''), '', '2026-12-01T10:00:00Z'), performer_metadata: { email: null, name: 'Bo Li' } };
    scripted = await servedInOrder([noEmail]);
    const reading = await readLatestChanges(transport(scripted.url), [R2]);
    expect(reading.access === 'granted' && [...reading.latest.values()]).toEqual([
      { resourceId: R2, by: 'Bo Li', loggedAt: '2026-12-01T10:00:00Z', activity: 'update' },
    ]);
  });

  it('asks about 50 resources a request', async () => {
    scripted = await servedInOrder([]);
    const ids = Array.from({ length: 120 }, (_, i) => `id-${i}`);
    await readLatestChanges(transport(scripted.url), ids);
    const asked = scripted.requests.map((r) => (JSON.parse(r.url.searchParams.get('filter') ?? '') as { value: string[] }).value);
    expect(asked.map((value) => value.length).sort()).toEqual([20, 50, 50]);
    expect(asked.flat().sort()).toEqual([...ids].sort());
  });

  it('gives `denied` for a key without the permission (403), and nothing for an empty log', async () => {
    emulator = await startEmulator({ token: TOKEN, apiKeys: { 'no-audit': { email: 'vi@acme.com', auditLogAccess: false } } });
    expect(await readLatestChanges(transport(emulator.url, 'no-audit'), [R1])).toEqual({ access: 'denied' });
    expect(await readLatestChanges(transport(emulator.url), [R1])).toEqual({ access: 'granted', latest: new Map() });
    expect(emulator.log.entries.map((e) => `${e.status} ${e.route}`)).toEqual([
      '403 /activity_log/audit_logs',
      '200 /activity_log/audit_logs',
    ]);
  });

  it('reads the emulator’s record of a write made through it', async () => {
    emulator = await startEmulator({ token: TOKEN, apiKeys: { 'ana-key': { email: 'ana@acme.com' } } });
    const category = emulator.store.insert('event_category', { title: 'C', integration: null });
    const event = emulator.store.insert('event', { title: 'E', integration: null, parent: category.id });
    const response = await fetch(`${emulator.url}/event/events/${event.id}/`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer ana-key', 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'x' }),
    });
    expect(response.status).toBe(200);
    const reading = await readLatestChanges(transport(emulator.url), [event.id]);
    expect(reading.access === 'granted' && reading.latest.get(event.id.replace(/-/g, ''))?.by).toBe('ana@acme.com');
  });
});
