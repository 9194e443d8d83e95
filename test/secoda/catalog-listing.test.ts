/**
 * Events through Secoda's Resources catalog (issue 23, item 5), over real HTTP: the documented
 * filter, the 10,000 cap refused before anything else is read, and the catalog's own field names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { CATALOG_CAP, catalogEventFilter } from '../../src/secoda/catalog-listing.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { SecodaListCapError } from '../../src/secoda/errors.js';
import { json, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'catalog-token-1c2d';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const OTHER = '0b7e1d44-8a0a-4a57-9a57-0c6f3b0f2e11';
const fastRetry = { attempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 10 };

let emulator: RunningEmulator | undefined;
let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await emulator?.close();
  await scripted?.close();
  emulator = undefined;
  scripted = undefined;
});

const client = (baseUrl: string, catalogCap?: number) =>
  new SecodaClient({ baseUrl, token: TOKEN, retry: fastRetry, ...(catalogCap === undefined ? {} : { catalogCap }) });

async function seeded(events: number, options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  emulator = await startEmulator({ token: TOKEN, ...options });
  const category = emulator.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
  for (let i = 0; i < events; i++) emulator.store.insert('event', { title: `E${i}`, integration: INTEGRATION, parent: category.id });
  return emulator;
}

const catalogRequests = (server: RunningEmulator) => server.log.entries.filter((e) => e.route === '/resource/catalog');

describe('the catalog filter', () => {
  it('is a group of type event and the integration, narrowed by parent and title when asked', () => {
    expect(catalogEventFilter(INTEGRATION)).toEqual({
      operator: 'and',
      operands: [
        { operator: 'exact', field: 'type', value: 'event' },
        { operator: 'exact', field: 'integration_id', value: INTEGRATION },
      ],
    });
    expect(catalogEventFilter(INTEGRATION, { parentId: 'c1', title: 'Order Completed' })).toMatchObject({
      operands: [
        {},
        {},
        { operator: 'exact', field: 'parent_id', value: 'c1' },
        { operator: 'exact', field: 'title', value: 'Order Completed' },
      ],
    });
  });

  it('selects only this integration’s events at the emulator, and a parent’s when asked', async () => {
    const server = await seeded(3);
    const otherCategory = server.store.insert('event_category', { title: 'Other', integration: OTHER });
    server.store.insert('event', { title: 'Theirs', integration: OTHER, parent: otherCategory.id });
    const api = client(server.url);
    expect((await api.listEvents(INTEGRATION)).map((e) => e.title)).toEqual(['E0', 'E1', 'E2']);
    const [first] = await api.listEvents(INTEGRATION, { title: 'E1' });
    expect(first?.title).toBe('E1');
    expect(server.log.entries.every((e) => e.route === '/resource/catalog' && e.status === 200)).toBe(true);
  });
});

describe('the 10,000 cap', () => {
  it('refuses a list whose count reaches the cap, from page 1 alone', async () => {
    const server = await seeded(7, { catalogCap: 5 });
    const error = await client(server.url, 5)
      .listEvents(INTEGRATION)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecodaListCapError);
    expect((error as SecodaListCapError).userMessage).toMatch(
      /^Secoda's list GET \/resource\/catalog\/ holds 5 items, and Secoda returns at most 5 across all pages: the list may be cut short, and a plan made from it would delete what it leaves out\. Nothing was planned or changed$/,
    );
    expect(catalogRequests(server).map((e) => e.query['page'])).toEqual(['1']);
  });

  it('reads a list one short of the cap whole', async () => {
    const server = await seeded(4, { catalogCap: 5, pageSize: 2 });
    expect(await client(server.url, 5).listEvents(INTEGRATION)).toHaveLength(4);
  });

  it('refuses at Secoda’s own 10,000 without reading past page 1', async () => {
    expect(CATALOG_CAP).toBe(10_000);
    const server = await seeded(10_000);
    await expect(client(server.url).listEvents(INTEGRATION)).rejects.toThrow(/holds 10,000 items, and Secoda returns at most 10,000/);
    expect(catalogRequests(server)).toHaveLength(1);
  });

  it('refuses a list without a count once the items read reach the cap', async () => {
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      const results = n <= 3 ? [0, 1].map((i) => ({ id: `e${n}-${i}`, title: `E${n}-${i}`, integration: INTEGRATION })) : [];
      json(res, 200, { meta: { page: n, next_page: n < 3 ? n + 1 : null }, results });
    });
    await expect(client(scripted.url, 6).listEvents(INTEGRATION)).rejects.toBeInstanceOf(SecodaListCapError);
    expect((await client(scripted.url, 7).listEvents(INTEGRATION)).map((e) => e.id)).toHaveLength(6);
  });
});

describe('catalog resources', () => {
  it('take their parent and integration from parent_id and integration_id, and another integration’s are dropped', async () => {
    scripted = await startScriptedServer((_req, res) =>
      json(res, 200, {
        count: 2,
        total_pages: 1,
        meta: { page: 1, next_page: null },
        results: [
          { id: 'a', title: 'Ours', type: 'event', parent_id: 'cat-1', integration_id: INTEGRATION },
          { id: 'b', title: 'Theirs', type: 'event', parent_id: 'cat-2', integration_id: OTHER },
        ],
      }),
    );
    const events = await client(scripted.url).listEvents(INTEGRATION);
    expect(events.map((e) => [e.id, e.parent, e.integration])).toEqual([['a', 'cat-1', INTEGRATION]]);
    expect(scripted.requests[0]?.url.pathname).toBe('/api/v1/resource/catalog/');
    expect(JSON.parse(scripted.requests[0]?.url.searchParams.get('filter') ?? '')).toEqual(catalogEventFilter(INTEGRATION));
  });
});
