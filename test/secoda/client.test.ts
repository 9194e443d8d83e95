import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { catalogEventFilter } from '../../src/secoda/catalog-listing.js';
import { SecodaAuthError, SecodaInvalidResponseError, SecodaNetworkError } from '../../src/secoda/errors.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { json, page } from '../support/scripted-server.js';
import { client, closeServersAfterEach, fastRetry, INTEGRATION, seed, TOKEN, withEmulator, withScripted } from './client-harness.js';

const FOREIGN = '0b7e1d44-8a0a-4a57-9a57-0c6f3b0f2e11';
closeServersAfterEach();

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
    const scripted = await withScripted((_req, res) => json(res, 200, page([own, other], 1, 1)));
    expect((await client(scripted.url).listEvents(INTEGRATION)).map((e) => e.title)).toEqual(['Mine']);
  });

  it('pages by number on the requested path, accepting "None", null and extra keys, never following links.next', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `id-${i}`, title: `t${i}`, integration: INTEGRATION }));
    const scripted = await withScripted((req, res) => {
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
    const scripted = await withScripted((req, res) => {
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
    const scripted = await withScripted((_req, res) =>
      json(res, 200, { count: 100, total_pages: 2, meta: { page: 1 }, links: {}, results: [{ id: 'a', title: 'A' }] }),
    );
    await expect(client(scripted.url).listCategories()).rejects.toThrow(/asked for page 2, Secoda answered page 1/);
  });

  it('follows next_page numbers when no page count is given', async () => {
    const scripted = await withScripted((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      json(res, 200, { meta: { page: n, next_page: n < 3 ? n + 1 : null }, results: [{ id: `id-${n}`, title: `T${n}` }] });
    });
    expect((await client(scripted.url).listCategories()).map((c) => c.id)).toEqual(['id-1', 'id-2', 'id-3']);
  });

  it('takes the next page number from links.next when nothing else gives it, on its own path', async () => {
    const scripted = await withScripted((req, res) => {
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
    const scripted = await withScripted((_req, res) => {
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
    const scripted = await withScripted((_req, res) => json(res, 200, page([{ id: 'x', title: 42 }], 1, 1)));
    await expect(client(scripted.url).listCategories()).rejects.toThrow(/a resource's title must be string — got \{"id":"x","title":42\}/);
  });

  it('takes ID lists as null, strings or expanded objects, and names the field of one that is none of these', async () => {
    const teams = [null, ['t1', 7], [{ id: 't2' }, 't3'], []];
    const scripted = await withScripted((_req, res) =>
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
      const scripted = await withScripted((_req, res) => json(res, 200, page([{ id: 'x', title: 'X', teams: bad }], 1, 1)));
      await expect(client(scripted.url).listCategories()).rejects.toThrow(problem);
      await scripted.close();
    }
  });
  it('treats an HTML error page as an error with a short body', async () => {
    const scripted = await withScripted((_req, res) => {
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
    const scripted = await withScripted((_req, res) => json(res, 200, page([], 1, 1)));
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
