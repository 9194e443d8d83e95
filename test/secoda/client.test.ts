import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { catalogEventFilter } from '../../src/secoda/catalog-listing.js';
import { SecodaClient } from '../../src/secoda/client.js';
import type { SecodaError } from '../../src/secoda/errors.js';
import {
  OutcomeUnknownError,
  SecodaAuthError,
  SecodaInvalidResponseError,
  SecodaNetworkError,
  SecodaNotFoundError,
  SecodaRateLimitError,
  SecodaServerError,
} from '../../src/secoda/errors.js';
import type { TransportOptions } from '../../src/secoda/http-transport.js';
import { json, page, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'test-token-6f1d2c';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const FOREIGN = '0b7e1d44-8a0a-4a57-9a57-0c6f3b0f2e11';
const fastRetry = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 };

let emulator: RunningEmulator | undefined;
let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await emulator?.close();
  await scripted?.close();
  emulator = undefined;
  scripted = undefined;
});

async function withEmulator(options: Parameters<typeof startEmulator>[0] = {}) {
  emulator = await startEmulator({ token: TOKEN, ...options });
  return emulator;
}

const client = (baseUrl: string, options: Partial<TransportOptions> = {}) =>
  new SecodaClient({ baseUrl, token: TOKEN, retry: fastRetry, ...options });

function seed(target: RunningEmulator, events: number, propertiesPerEvent = 0) {
  const category = target.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
  for (let i = 0; i < events; i++) {
    const event = target.store.insert('event', {
      title: `Event ${String(i).padStart(3, '0')}`,
      integration: INTEGRATION,
      parent: category.id,
    });
    for (let j = 0; j < propertiesPerEvent; j++)
      target.store.insert('event_property', { title: `p${j}`, integration: INTEGRATION, parent: event.id, type: 'string' });
  }
  return category;
}

describe('SecodaClient: pagination', () => {
  it('reads 130 events over 3 pages, pages 2 and 3 in parallel, in order, exactly once each', async () => {
    const server = await withEmulator();
    seed(server, 130);
    let held = 0;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    server.gate = async (entry) => {
      // Hold pages 2 and 3 until both have arrived: proves they were asked for together.
      if (entry.query['page'] === '2' || entry.query['page'] === '3') {
        held++;
        if (held === 2) release();
        await released;
      }
    };
    const events = await client(server.url).listEvents(INTEGRATION);
    expect(events).toHaveLength(130);
    expect(events.map((e) => e.title)).toEqual(Array.from({ length: 130 }, (_, i) => `Event ${String(i).padStart(3, '0')}`));
    // Through the Resources catalog (issue 23), filtered to this integration's events.
    const lists = server.log.entries.filter((e) => e.route === '/resource/catalog');
    expect(lists.map((e) => e.query['page']).sort()).toEqual(['1', '2', '3']);
    expect(lists.every((e) => e.query['filter'] === JSON.stringify(catalogEventFilter(INTEGRATION)))).toBe(true);
    // "adding a trailing slash to the endpoints … /resource/catalog/", under /api/v1.
    expect(lists.every((e) => e.path === '/api/v1/resource/catalog/')).toBe(true);
  });

  it('reads the whole integration in one list per kind, never one request per parent', async () => {
    const server = await withEmulator();
    seed(server, 60, 3);
    const state = await client(server.url).readState(INTEGRATION);
    expect(state).toMatchObject({ categories: [expect.objectContaining({ title: 'Checkout' })] });
    expect(state.events).toHaveLength(60);
    expect(state.properties).toHaveLength(180);
    // ⌈1/50⌉ + ⌈60/50⌉ + ⌈180/50⌉ = 1 + 2 + 4 pages.
    expect(server.log.entries).toHaveLength(7);
  });

  it('keeps only its own integration even when the server ignores the filter', async () => {
    const own = { id: 'a1', title: 'Mine', integration: INTEGRATION, parent: 'c1' };
    const other = { id: 'b1', title: 'Theirs', integration: FOREIGN, parent: 'c2' };
    scripted = await startScriptedServer((_req, res) => json(res, 200, page([own, other], 1, 1)));
    expect((await client(scripted.url).listEvents(INTEGRATION)).map((e) => e.title)).toEqual(['Mine']);
  });

  it('pages by number on the requested path, accepting "None", null and extra keys, never following links.next', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `id-${i}`, title: `t${i}`, integration: INTEGRATION }));
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      json(res, 200, page(items.slice((n - 1) * 2, n * 2), n, 3, { resource_totals: { event: 5 } }, 5));
    });
    const categories = await client(scripted.url).listCategories();
    expect(categories.map((c) => c.id)).toEqual(['id-0', 'id-1', 'id-2', 'id-3', 'id-4']);
    expect(scripted.requests.map((r) => `${r.url.pathname}?page=${r.url.searchParams.get('page')}`).sort()).toEqual([
      '/api/v1/event/category/?page=1',
      '/api/v1/event/category/?page=2',
      '/api/v1/event/category/?page=3',
    ]);
  });

  it('de-duplicates items that moved between pages while it read them', async () => {
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      const pages = [
        [
          { id: 'a', title: 'A' },
          { id: 'b', title: 'B' },
        ],
        [
          { id: 'b', title: 'B' },
          { id: 'c', title: 'C' },
        ],
      ];
      json(res, 200, page(pages[n - 1] ?? [], n, 2, {}, 3));
    });
    expect((await client(scripted.url).listCategories()).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('stops with a clear error when the server ignores ?page= instead of looping', async () => {
    scripted = await startScriptedServer((_req, res) =>
      json(res, 200, { count: 100, total_pages: 2, meta: { page: 1 }, links: {}, results: [{ id: 'a', title: 'A' }] }),
    );
    await expect(client(scripted.url).listCategories()).rejects.toThrow(/asked for page 2, Secoda answered page 1/);
  });

  it('follows next_page numbers when no page count is given', async () => {
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      json(res, 200, { meta: { page: n, next_page: n < 3 ? n + 1 : null }, results: [{ id: `id-${n}`, title: `T${n}` }] });
    });
    expect((await client(scripted.url).listCategories()).map((c) => c.id)).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('takes the next page number from links.next when nothing else gives it, on its own path', async () => {
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      json(res, 200, {
        links: { next: n < 2 ? `https://evil.example/other/path/?page=${n + 1}` : null },
        results: [{ id: `id-${n}`, title: `T${n}` }],
      });
    });
    expect((await client(scripted.url).listCategories()).map((c) => c.id)).toEqual(['id-1', 'id-2']);
    expect(scripted.requests.every((r) => r.url.pathname === '/api/v1/event/category/')).toBe(true);
  });

  it.each([404, 410] as const)('falls back to the deprecated events list when the catalog answers %i, and stays there', async (status) => {
    const server = await withEmulator({ catalogGone: status });
    seed(server, 3);
    const api = client(server.url);
    const events = await api.listEvents(INTEGRATION);
    expect(events.map((e) => e.title)).toEqual(['Event 000', 'Event 001', 'Event 002']);
    await api.listEvents(INTEGRATION);
    expect(server.log.entries.map((e) => `${e.status} ${e.route}`)).toEqual([
      `${status} /resource/catalog`,
      '200 /event/events',
      '200 /event/events',
    ]);
    expect(server.log.entries[1]?.query['integration_id']).toBe(INTEGRATION);
  });
});

describe('SecodaClient: bad answers', () => {
  it('says "unexpected response" with a trimmed sample for a body that is not JSON', async () => {
    scripted = await startScriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"results": [');
    });
    const error = await client(scripted.url)
      .listCategories()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecodaInvalidResponseError);
    expect((error as Error).message).toMatch(
      /unexpected response from Secoda to GET \/event\/category\/: the 200 answer is not JSON — got \{"results": \[/,
    );
  });

  it('names the field when a resource is not in the documented shape', async () => {
    scripted = await startScriptedServer((_req, res) => json(res, 200, page([{ id: 'x', title: 42 }], 1, 1)));
    await expect(client(scripted.url).listCategories()).rejects.toThrow(/a resource's title must be string — got \{"id":"x","title":42\}/);
  });

  it('takes ID lists as null, strings or expanded objects, and names the field of one that is none of these', async () => {
    const teams = [null, ['t1', 7], [{ id: 't2' }, 't3'], []];
    scripted = await startScriptedServer((_req, res) =>
      json(
        res,
        200,
        page(
          teams.map((list, i) => ({ id: `c${i}`, title: `C${i}`, teams: list })),
          1,
          1,
        ),
      ),
    );
    expect((await client(scripted.url).listCategories()).map((c) => c.teams)).toEqual([[], ['t1', '7'], ['t2', 't3'], []]);
    await scripted.close();
    for (const [bad, problem] of [
      ['t1', "a resource's teams must be array,null"],
      [[{ name: 'no id' }], "a resource's teams.0 must be string,integer"],
      [[true], "a resource's teams.0 must be string,integer"],
    ] as const) {
      scripted = await startScriptedServer((_req, res) => json(res, 200, page([{ id: 'x', title: 'X', teams: bad }], 1, 1)));
      await expect(client(scripted.url).listCategories()).rejects.toThrow(problem);
      await scripted.close();
    }
  });
  it('treats an HTML error page as an error with a short body', async () => {
    scripted = await startScriptedServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Bad Request</body></html>');
    });
    await expect(client(scripted.url).getCategory('c1')).rejects.toThrow(
      'Secoda answered 400 Bad Request to GET /event/category/c1/: (an HTML page)',
    );
  });
});

describe('SecodaClient: auth and secrets', () => {
  it('gives a hint about SECODA_API_TOKEN on 401, and never shows the token', async () => {
    const server = await withEmulator();
    const error = await new SecodaClient({ baseUrl: server.url, token: 'wrong-secret-token', retry: fastRetry })
      .listCategories()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecodaAuthError);
    expect((error as SecodaAuthError).hint).toContain('SECODA_API_TOKEN');
    expect((error as SecodaAuthError).userMessage).toContain('401');
    expect(inspect(error, { depth: 10 })).not.toContain('wrong-secret-token');
    expect(JSON.stringify(error)).not.toContain('wrong-secret-token');
  });

  it('sends the token as a Bearer header', async () => {
    scripted = await startScriptedServer((_req, res) => json(res, 200, page([], 1, 1)));
    await client(scripted.url).listCategories();
    expect(scripted.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps the token out of network errors', async () => {
    const error = await new SecodaClient({ baseUrl: 'http://127.0.0.1:9/api/v1', token: 'net-secret', retry: fastRetry })
      .listCategories()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecodaNetworkError);
    expect(inspect(error, { depth: 10 })).not.toContain('net-secret');
  });
});

describe('SecodaClient: retries', () => {
  it('retries a 429, waiting as long as Retry-After says', async () => {
    let calls = 0;
    scripted = await startScriptedServer((_req, res) =>
      ++calls === 1 ? json(res, 429, { detail: 'throttled' }, { 'retry-after': '1' }) : json(res, 200, page([], 1, 1)),
    );
    const started = Date.now();
    await client(scripted.url).listCategories();
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it.each([
    ['a 429 asking for 999,999,999 s', 429, '999999999', 'more than a year', SecodaRateLimitError],
    ['a 503 asking for a date in 2099', 503, 'Wed, 21 Oct 2099 07:28:00 GMT', 'more than a year', SecodaServerError],
    ['a 503 asking for 3 days', 503, String(3 * 86_400), '3 days', SecodaServerError],
  ] as const)('%s: gives up at once, saying what Secoda asked and the limit, in words', async (_name, status, header, words, type) => {
    let calls = 0;
    scripted = await startScriptedServer((_req, res) => {
      calls++;
      json(res, status, { detail: 'later' }, { 'retry-after': header });
    });
    const error = await client(scripted.url, { retry: { attempts: 8, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 120_000 } })
      .listCategories()
      .catch((e: unknown) => e);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(type);
    const { message, hint } = error as SecodaError;
    expect(hint).toBe(
      `Secoda asked to wait ${words} (Retry-After); more than the time limit of 2 min tpsync waits for one: try again later`,
    );
    expect(`${message} ${hint}`).not.toMatch(/\d{4,}/);
  });

  it('retries a 429 without Retry-After with backoff, and 5xx and dropped connections on GET', async () => {
    let calls = 0;
    scripted = await startScriptedServer((_req, res) => {
      calls++;
      if (calls === 1) return json(res, 429, { detail: 'throttled' });
      if (calls === 2) return json(res, 503, { detail: 'unavailable' });
      if (calls === 3) return res.destroy();
      json(res, 200, page([{ id: 'c', title: 'C' }], 1, 1));
    });
    expect(await client(scripted.url).listCategories()).toHaveLength(1);
    expect(calls).toBe(4);
  });

  it('gives up after the last attempt with the server error', async () => {
    scripted = await startScriptedServer((_req, res) => json(res, 500, { detail: 'boom' }));
    await expect(client(scripted.url).listCategories()).rejects.toThrow(
      'Secoda answered 500 Internal Server Error to GET /event/category/: {"detail":"boom"}',
    );
    expect(scripted.requests).toHaveLength(fastRetry.attempts);
  });

  it('retries PATCH and DELETE on 5xx, and counts a DELETE 404 as done', async () => {
    const server = await withEmulator({ seed: 7, failBeforeRate: 0.5, faultMethods: ['PATCH', 'DELETE'] });
    const category = seed(server, 2);
    const [first, second] = server.store.list('event').filter((e) => e.parent === category.id);
    const api = client(server.url, { retry: { ...fastRetry, attempts: 10 } });
    await api.patchEvent(first!.id, { description: 'patched' });
    expect(server.store.get(first!.id)?.description).toBe('patched');
    await api.deleteEvent(second!.id);
    await api.deleteEvent(second!.id);
    expect(server.store.get(second!.id)).toBeUndefined();
    expect(server.log.entries.some((e) => e.fault === 'fail-before')).toBe(true);
  });

  it('does not retry other 4xx answers', async () => {
    const server = await withEmulator();
    await expect(client(server.url).createEvent({ title: 'E', integration: INTEGRATION, parent: 'no-such-category' })).rejects.toThrow(
      /400 Bad Request to POST \/event\/events\/: parent: Invalid pk "no-such-category" - object does not exist\./,
    );
    expect(server.log.entries).toHaveLength(1);
    await expect(client(server.url).getCategory('nope')).rejects.toBeInstanceOf(SecodaNotFoundError);
  });
});

describe('SecodaClient: POST is never retried blindly', () => {
  it('raises "outcome unknown" when the response to a committed POST is lost', async () => {
    const server = await withEmulator({ seed: 1, dropAfterCommitRate: 1, faultMethods: ['POST'] });
    const error = await client(server.url)
      .createCategory({ title: 'Checkout', integration: INTEGRATION })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(server.log.entries.filter((e) => e.method === 'POST')).toHaveLength(1);
    expect(server.store.list('event_category').map((c) => c.title)).toEqual(['Checkout']);
  });

  it('raises "outcome unknown" on a 5xx to a POST, without a second POST', async () => {
    const server = await withEmulator({ seed: 1, failAfterCommitRate: 1, faultMethods: ['POST'] });
    await expect(client(server.url).createCategory({ title: 'Checkout', integration: INTEGRATION })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(server.log.entries).toHaveLength(1);
  });

  it('retries a POST answered 429 (refused before any work)', async () => {
    let calls = 0;
    scripted = await startScriptedServer((_req, res) =>
      ++calls === 1 ? json(res, 429, { detail: 'throttled' }) : json(res, 201, { id: 'new', title: 'Checkout' }),
    );
    expect((await client(scripted.url).createCategory({ title: 'Checkout', integration: INTEGRATION })).id).toBe('new');
    expect(calls).toBe(2);
  });

  it('retries a POST whose connection was refused (it never left)', async () => {
    const api = new SecodaClient({ baseUrl: 'http://127.0.0.1:9/api/v1', token: TOKEN, retry: fastRetry });
    await expect(api.createCategory({ title: 'C', integration: INTEGRATION })).rejects.toBeInstanceOf(SecodaNetworkError);
    expect(api.transport.stats.requests).toBe(fastRetry.attempts);
  });
});

describe('SecodaClient: concurrency and pacing', () => {
  it('never has more requests in flight than --concurrency', async () => {
    const server = await withEmulator({ pageSize: 10 });
    seed(server, 200);
    const waiting: (() => void)[] = [];
    server.gate = () => new Promise<void>((resolve) => waiting.push(resolve));
    const reading = client(server.url, { concurrency: 3 }).listEvents(INTEGRATION);
    // Release held replies a few at a time; the peak must stay at the limit.
    while (server.log.entries.filter((e) => e.status !== 0).length < 20) {
      await new Promise((r) => setTimeout(r, 20));
      expect(server.log.inFlight).toBeLessThanOrEqual(3);
      waiting.splice(0).forEach((release) => release());
    }
    expect(await reading).toHaveLength(200);
    expect(server.log.maxInFlight).toBe(3);
  });

  it('spaces writes evenly at --writes-per-minute: each write waits for its slot, in order', async () => {
    // A clock that moves only when the test moves it: the spacing is checked without timing anything.
    let now = 0;
    const sleepers: { until: number; resolve: () => void }[] = [];
    const clock = {
      now: () => now,
      sleep: (ms: number) => new Promise<void>((resolve) => sleepers.push({ until: now + ms, resolve })),
    };
    const advanceTo = (time: number) => {
      now = time;
      for (const sleeper of sleepers.splice(0)) {
        if (sleeper.until <= now) sleeper.resolve();
        else sleepers.push(sleeper);
      }
    };
    const server = await withEmulator();
    const category = seed(server, 0);
    const arrived: number[] = [];
    let onArrival: () => void = () => {};
    server.gate = (entry) => {
      if (entry.method !== 'POST') return;
      arrived.push(now);
      onArrival();
    };
    const posts = () => arrived.length;
    const until = (n: number) => new Promise<void>((resolve) => (posts() >= n ? resolve() : (onArrival = () => posts() >= n && resolve())));
    const settle = async () => {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    };

    // 600 a minute: one write every 100 ms.
    const api = client(server.url, { writesPerMinute: 600, concurrency: 8, clock });
    const writes = Promise.all(
      Array.from({ length: 6 }, (_, i) => api.createEvent({ title: `E${i}`, integration: INTEGRATION, parent: category.id })),
    );
    await until(1);
    await settle();
    // The first write goes at once; the others wait for their slot, however long the test waits.
    expect(arrived).toEqual([0]);
    for (let slot = 1; slot < 6; slot++) {
      advanceTo(slot * 100 - 1);
      await settle();
      expect(posts()).toBe(slot);
      advanceTo(slot * 100);
      await until(slot + 1);
    }
    await writes;
    expect(arrived).toEqual([0, 100, 200, 300, 400, 500]);
  });
});

describe('SecodaClient: an answer without end', () => {
  it.each([
    ['streamed without end', undefined],
    ['announced larger than the bound', 100 * 1024 * 1024],
  ])(
    'stops reading past 64 MiB and fails clearly, once (%s)',
    async (_what, announced) => {
      let sent = 0;
      scripted = await startScriptedServer((_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          ...(announced === undefined ? {} : { 'content-length': String(announced) }),
        });
        const chunk = Buffer.alloc(1 << 20, 97);
        const pump = () => {
          while (!res.destroyed && sent < 200 * (1 << 20) && res.write(chunk)) sent += chunk.length;
        };
        res.on('drain', pump);
        res.write('{"detail":"');
        pump();
      });
      const error = await client(scripted.url)
        .listCategories()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ userMessage: expect.stringContaining('larger than 64 MiB') });
      expect((error as { userMessage: string }).userMessage).toContain('GET /api/v1/event/category/');
      // Not retried: the same server would send the same.
      expect(scripted.requests).toHaveLength(1);
      // The server was cut off long before what it would have sent.
      expect(sent).toBeLessThan(200 * (1 << 20));
    },
    120_000,
  );
});
