/**
 * Lists whose envelope gives no `count` (absent, null, or the string "None", as the API writes
 * absent values): a pass cannot be checked against the count, so it is checked against itself —
 * the rows it read, each once — and the list is read up to where it really ends, whatever the
 * page count or the next page say. A list is read whole, or refused; never short (issue 11, item 1).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/emulator/faults.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { SecodaInconsistentListError } from '../../src/secoda/errors.js';
import { json, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'countless-token';

let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await scripted?.close();
  scripted = undefined;
});

/** Re-reads are not spaced out here: the pauses between passes only let a real catalog settle. */
const noWaiting = { now: () => Date.now(), sleep: () => Promise.resolve() };
const client = (baseUrl: string) =>
  new SecodaClient({
    baseUrl,
    token: TOKEN,
    concurrency: 4,
    clock: noWaiting,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 5 },
  });

interface Shape {
  /** How the envelope writes its count: the true count, or none at all. */
  readonly count: 'true' | 'absent' | 'null' | 'None';
  /** `total_pages`: the truth, absent, or a lie. */
  readonly totalPages: 'true' | 'absent' | 'one' | 'huge';
  /** `meta.next_page` / `links.next`: the truth, absent (no meta, no links), or "none" on every page. */
  readonly next: 'true' | 'absent' | 'never';
  /** A new row order on every page request (a Django list without ordering). */
  readonly unordered: boolean;
}

/** A server of `n` rows in pages of `size`, its envelope written as `shape` says. */
function serve(n: number, size: number, shape: Shape, seed = 1): Promise<ScriptedServer> {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `id-${i}`, title: `T${i}` }));
  const random = mulberry32(seed);
  const pages = Math.max(1, Math.ceil(n / size));
  return startScriptedServer((req, res) => {
    const number = Number(req.url.searchParams.get('page') ?? '1');
    if (!Number.isInteger(number) || number < 1 || number > pages) return json(res, 404, { detail: 'Invalid page.' });
    const order = [...rows];
    if (shape.unordered)
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    const next = number < pages && shape.next === 'true' ? number + 1 : null;
    const body: Record<string, unknown> = { results: order.slice((number - 1) * size, number * size) };
    if (shape.count === 'true') body['count'] = n;
    else if (shape.count !== 'absent') body['count'] = shape.count === 'null' ? null : 'None';
    if (shape.totalPages !== 'absent') body['total_pages'] = { true: pages, one: 1, huge: 40_000 }[shape.totalPages];
    if (shape.next !== 'absent') {
      body['meta'] = { page: number, next_page: next ?? 'None', previous_page: number > 1 ? number - 1 : 'None' };
      body['links'] = { next: next === null ? null : `https://elsewhere.example/resource/all/?page=${next}`, previous: 'None' };
    }
    json(res, 200, body);
  });
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`).sort();

describe('a list without a count', () => {
  it.each([1, 2, 3])('without a stable row order, is read whole, each item once (seed %i)', async (seed) => {
    scripted = await serve(130, 50, { count: 'None', totalPages: 'true', next: 'true', unordered: true }, seed);
    const categories = await client(scripted.url).listCategories();
    expect(categories.map((c) => c.id).sort()).toEqual(ids(130));
  });

  it('without a stable row order or a page count, following next_page, is read whole', async () => {
    scripted = await serve(130, 50, { count: 'null', totalPages: 'absent', next: 'true', unordered: true });
    expect((await client(scripted.url).listCategories()).map((c) => c.id).sort()).toEqual(ids(130));
  });

  it('whose pages say nothing of a next page is read to its last page, not to the second', async () => {
    scripted = await serve(130, 50, { count: 'absent', totalPages: 'true', next: 'absent', unordered: false });
    expect((await client(scripted.url).listCategories()).map((c) => c.id).sort()).toEqual(ids(130));
  });

  it('whose pages all say no page follows, while its page count says more, is read to the page count', async () => {
    scripted = await serve(130, 50, { count: 'None', totalPages: 'true', next: 'never', unordered: false });
    expect((await client(scripted.url).listCategories()).map((c) => c.id).sort()).toEqual(ids(130));
  });

  it('whose page count says 1, while its pages say more follow, is read to its last page', async () => {
    scripted = await serve(130, 50, { count: 'absent', totalPages: 'one', next: 'true', unordered: true });
    expect((await client(scripted.url).listCategories()).map((c) => c.id).sort()).toEqual(ids(130));
  });

  it('whose page count says 40,000 costs a few requests more than its pages, not 40,000', async () => {
    scripted = await serve(130, 50, { count: 'absent', totalPages: 'huge', next: 'true', unordered: false });
    expect(await client(scripted.url).listCategories()).toHaveLength(130);
    // Read twice (a list without a count is taken once a second read agrees), a window of 16 pages past the end each time.
    expect(scripted.requests.length).toBeLessThanOrEqual(2 * (3 + 16));
  });
});

/**
 * Property: whatever the envelope says or leaves out, and whether the rows keep their order, the
 * list read is exactly the server's rows, each once — or the read is refused. Never short. (Only
 * an envelope that says nowhere how long the list is — no count, no page count or a page count of
 * 1, no next page — cannot be told from a short list: those are left out.)
 */
describe('a list read is whole or refused (property, over HTTP)', () => {
  const shape = (
    fc.record({
      count: fc.constantFrom('true', 'absent', 'null', 'None'),
      totalPages: fc.constantFrom('true', 'absent', 'one', 'huge'),
      next: fc.constantFrom('true', 'absent', 'never'),
      unordered: fc.boolean(),
    }) as fc.Arbitrary<Shape>
  ).filter((s) => s.count === 'true' || s.next === 'true' || s.totalPages === 'true' || s.totalPages === 'huge');

  it('holds for any envelope and size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 25 }), shape, fc.nat(), async (n, size, s, seed) => {
        const server = await serve(n, size, s, seed);
        try {
          const read = await client(server.url)
            .listCategories()
            .then((items) => items.map((c) => c.id).sort())
            .catch((error: unknown) => {
              if (error instanceof SecodaInconsistentListError) return 'refused';
              throw error;
            });
          if (read !== 'refused') expect(read).toEqual(ids(n));
        } finally {
          await server.close();
        }
      }),
      { numRuns: 80, seed: 42 },
    );
  }, 120_000);
});

describe('a list without a count that changes while it is read', () => {
  it('is read until two reads agree: a row deleted before page 2 does not hide the row that slid onto page 1', async () => {
    // Obsolete and E000–E119 in pages of 50; Obsolete is deleted once page 1 has been served.
    const rows = [{ id: 'obsolete', title: 'Obsolete' }, ...Array.from({ length: 120 }, (_, i) => ({ id: `e-${i}`, title: `E${i}` }))];
    let live = rows;
    scripted = await startScriptedServer((req, res) => {
      const number = Number(req.url.searchParams.get('page') ?? '1');
      if (number > 1) live = rows.slice(1);
      const pages = Math.max(1, Math.ceil(live.length / 50));
      if (number > pages) return json(res, 404, { detail: 'Invalid page.' });
      const next = number < pages ? number + 1 : null;
      json(res, 200, {
        count: null,
        total_pages: pages,
        meta: { page: number, next_page: next ?? 'None', previous_page: number > 1 ? number - 1 : 'None' },
        results: live.slice((number - 1) * 50, number * 50),
      });
    });
    const categories = await client(scripted.url).listCategories();
    expect(categories.map((c) => c.title).sort()).toEqual(
      rows
        .slice(1)
        .map((r) => r.title)
        .sort(),
    );
  });
});
