/**
 * A read is consistent, or it is refused (issue 11, item 1): lists that move while they are read,
 * envelopes that contradict themselves, and lists without a stable order, over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server.js';
import type { FaultOptions } from '../../src/emulator/faults.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { SecodaInconsistentListError } from '../../src/secoda/errors.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { cat, ev, plan } from '../support/remote-fixtures.js';
import { json, page, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const TOKEN = 'read-test-token';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const fastRetry = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 10 };

let emulator: RunningEmulator | undefined;
let scripted: ScriptedServer | undefined;
afterEach(async () => {
  await emulator?.close();
  await scripted?.close();
  emulator = undefined;
  scripted = undefined;
});

const client = (baseUrl: string) => new SecodaClient({ baseUrl, token: TOKEN, retry: fastRetry, concurrency: 4 });

/** 130 events (three pages of 50) under one category; returns their ids. */
async function seeded(faults: Partial<FaultOptions> & EmulatorOptions): Promise<{ server: RunningEmulator; ids: string[] }> {
  const server = await startEmulator({ token: TOKEN, ...faults });
  emulator = server;
  const category = server.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
  const ids = Array.from(
    { length: 130 },
    (_, i) => server.store.insert('event', { title: `Event ${i}`, integration: INTEGRATION, parent: category.id }).id,
  );
  return { server, ids };
}

/** Events are listed through the Resources catalog (issue 23), or the events list once the catalog is gone. */
const EVENT_LISTS = new Set(['/resource/catalog', '/event/events']);
const listRequests = (server: RunningEmulator) => server.log.entries.filter((e) => EVENT_LISTS.has(e.route));

describe('a list read while it moves, lies or has no order', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'an unordered list (a new row order per page request) is read whole, each item once (seed %i)',
    async (seed) => {
      const { server, ids } = await seeded({ seed, unorderedLists: true });
      const events = await client(server.url).listEvents(INTEGRATION);
      expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
      // One pass over three shuffled pages cannot be whole: it was read again.
      expect(listRequests(server).length).toBeGreaterThan(3);
      expect(listRequests(server).every((e) => e.fault === 'unordered')).toBe(true);
    },
  );

  it.each([1, 2, 3, 4, 5, 6])('pages shifted by rows moving between requests are read again until whole (seed %i)', async (seed) => {
    const { server, ids } = await seeded({ seed, shiftPagesRate: 0.6 });
    const events = await client(server.url).listEvents(INTEGRATION);
    expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it.each([
    ['shifted pages', { shiftPagesRate: 0.6 }, 'shifted-page'],
    ['lying envelopes (count, total_pages, next_page)', { lyingEnvelopeRate: 0.3 }, 'lying-envelope'],
  ] as const)('%s: the faults really fire, and every read is whole (read again when a pass was not)', async (_name, faults, kind) => {
    let faulted = 0;
    let reread = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const { server, ids } = await seeded({ seed, ...faults });
      const events = await client(server.url).listEvents(INTEGRATION);
      expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
      if (listRequests(server).some((e) => e.fault === kind)) faulted++;
      if (listRequests(server).length > 3) reread++;
      await server.close();
      emulator = undefined;
    }
    expect(faulted).toBeGreaterThan(3);
    expect(reread).toBeGreaterThan(0);
  });

  it.each([1, 2, 3, 4, 5, 6])('envelopes that lie now and then give the whole list, never a short one (seed %i)', async (seed) => {
    const { server, ids } = await seeded({ seed, lyingEnvelopeRate: 0.3 });
    const events = await client(server.url).listEvents(INTEGRATION);
    expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
  });

  it('stops at the count: a total_pages of 40,000 on a 3-page list costs 3 requests', async () => {
    const items = Array.from({ length: 130 }, (_, i) => ({ id: `id-${i}`, title: `T${i}` }));
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      const body = page(items.slice((n - 1) * 50, n * 50), n, 3, {}, 130) as Record<string, unknown>;
      json(res, 200, { ...body, total_pages: 40_000 });
    });
    const categories = await client(scripted.url).listCategories();
    expect(categories).toHaveLength(130);
    expect(scripted.requests).toHaveLength(3);
  });

  it('refuses a list whose count says more than it holds, after a bounded number of reads', async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `id-${i}`, title: `T${i}` }));
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      json(res, 200, page(items.slice((n - 1) * 50, n * 50), n, 3, {}, 120));
    });
    const error = await client(scripted.url)
      .listCategories()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecodaInconsistentListError);
    expect((error as SecodaInconsistentListError).userMessage).toMatch(
      /Secoda's list GET \/event\/category\/ did not read consistently \(read \d+ times\): .*page 1 says 120 items, but 100 distinct items were read.*Nothing was planned or changed/,
    );
    expect(scripted.requests.length).toBeLessThan(40);
  });

  it('refuses a list whose count says less than its pages hold (a create would be planned from it)', async () => {
    // 130 items; the envelope claims 100 in 2 pages, but page 2 says a page 3 follows.
    const items = Array.from({ length: 130 }, (_, i) => ({ id: `id-${i}`, title: `T${i}` }));
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      const body = page(items.slice((n - 1) * 50, n * 50), n, 3, {}, 100) as Record<string, unknown>;
      json(res, 200, { ...body, total_pages: 2 });
    });
    await expect(client(scripted.url).listCategories()).rejects.toThrow(
      /page 2 should be the last for 100 items in pages of 50, but says page 3 follows/,
    );
  });

  it('reads again when the list changed between two page requests, and takes the consistent read', async () => {
    // The first pass sees a delete between page 1 and page 2 (the count drops, a row slides back).
    let pass = 0;
    const items = Array.from({ length: 60 }, (_, i) => ({ id: `id-${i}`, title: `T${i}` }));
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      if (n === 1) pass++;
      const rows = pass === 1 && n === 2 ? items.slice(1) : items;
      json(res, 200, page(rows.slice((n - 1) * 50, n * 50), n, 2, {}, rows.length));
    });
    const categories = await client(scripted.url).listCategories();
    expect(categories.map((c) => c.id)).toEqual(items.map((i) => i.id));
    expect(scripted.requests).toHaveLength(4);
  });

  it('keeps items of an integration-filtered list that name no integration (null or "None"), and drops other integrations', async () => {
    const rows = [
      { id: 'a', title: 'Ours', integration: INTEGRATION },
      { id: 'b', title: 'Null', integration: null },
      { id: 'c', title: 'None', integration: 'None' },
      { id: 'd', title: 'Theirs', integration: '0b7e1d44-8a0a-4a57-9a57-0c6f3b0f2e11' },
    ];
    scripted = await startScriptedServer((_req, res) => json(res, 200, page(rows, 1, 1)));
    expect((await client(scripted.url).listEvents(INTEGRATION)).map((e) => e.id)).toEqual(['a', 'b', 'c']);
  });

  it.each([404, 410] as const)(
    'reads the events list with the same protections once the catalog answers %i (shifted pages, seeds 1–4)',
    async (status) => {
      let faulted = 0;
      for (let seed = 1; seed <= 4; seed++) {
        const { server, ids } = await seeded({ seed, shiftPagesRate: 0.6, catalogGone: status });
        const events = await client(server.url).listEvents(INTEGRATION);
        expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
        expect(server.log.entries.filter((e) => e.route === '/resource/catalog').map((e) => e.status)).toEqual([status]);
        if (server.log.entries.some((e) => e.route === '/event/events' && e.fault === 'shifted-page')) faulted++;
        await server.close();
        emulator = undefined;
      }
      expect(faulted).toBeGreaterThan(0);
    },
  );

  it('reads a well-behaved list exactly once: one request per page', async () => {
    const { server } = await seeded({});
    await client(server.url).readState(INTEGRATION);
    // 1 category page + 3 event pages + 1 (empty) property page.
    expect(server.log.entries).toHaveLength(5);
  });

  it('reads once a list whose same titles are in different integrations or under different parents (no twins to confirm)', async () => {
    const { server } = await seeded({});
    server.store.insert('event_category', { title: 'Checkout', integration: 'f0f0f0f0-0000-4000-8000-000000000000' });
    const other = server.store.insert('event_category', { title: 'Other', integration: INTEGRATION });
    server.store.insert('event', { title: 'Event 1', integration: INTEGRATION, parent: other.id });
    await client(server.url).readState(INTEGRATION);
    expect(server.log.entries).toHaveLength(5);
  });

  it('reads twice a list that holds two items with one title under one parent, and keeps both when the reads agree', async () => {
    const { server } = await seeded({});
    const category = server.store.list('event_category')[0];
    server.store.insert('event', { title: 'Event 1', integration: INTEGRATION, parent: category?.id ?? null });
    const events = await client(server.url).listEvents(INTEGRATION);
    expect(events.filter((e) => e.title === 'Event 1')).toHaveLength(2);
    expect(listRequests(server)).toHaveLength(6);
  });
});

/**
 * Issue 21: Secoda holds `Obsolete` and E000–E119 (pages of 50); `Obsolete` is deleted just before
 * page 2 is read. Page 1 still held it; E049 slid from page 2 onto page 1, after page 1 was read.
 * The count fell by one with it, so the rows read (Obsolete, E000–E048, E050–E119) matched the new
 * count: only a read in which every page agrees on the count, or that counts only what pages at
 * the agreed count held, is whole.
 */
describe('a row deleted between two page reads', () => {
  async function shifting(): Promise<{ server: RunningEmulator; titles: string[]; deletes: () => number }> {
    const server = await startEmulator({ token: TOKEN });
    emulator = server;
    const category = server.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
    const obsolete = server.store.insert('event', { title: 'Obsolete', integration: INTEGRATION, parent: category.id });
    const titles = Array.from({ length: 120 }, (_, i) => `E${String(i).padStart(3, '0')}`);
    for (const title of titles) server.store.insert('event', { title, integration: INTEGRATION, parent: category.id });
    let deleted = 0;
    // The delete lands when the first page after page 1 arrives, before it is answered.
    server.gate = (entry) => {
      if (EVENT_LISTS.has(entry.route) && entry.query['page'] !== '1' && deleted === 0) {
        server.store.remove(obsolete.id);
        deleted++;
      }
    };
    return { server, titles, deletes: () => deleted };
  }

  it('is read again: the list holds E049 once, and not the deleted row', async () => {
    const { server, titles, deletes } = await shifting();
    const events = await client(server.url).listEvents(INTEGRATION);
    expect(deletes()).toBe(1);
    expect(events.map((e) => e.title).sort()).toEqual(titles);
    // The pass that saw the delete was not used: the list was read again.
    expect(listRequests(server).length).toBeGreaterThan(3);
  });

  it('plans no second E049 (a plan made from that read creates nothing)', async () => {
    const { server, titles } = await shifting();
    const wanted = plan([
      cat(
        'Checkout',
        titles.map((title) => ev(title)),
      ),
    ]);
    const built = buildPlan(wanted, await client(server.url).readState(INTEGRATION), { writesPerMinute: 0 });
    expect(built.operations.filter((op) => op.action === 'create')).toEqual([]);
    expect(built.operations).toEqual([]);
  });
});

/**
 * Secoda holds S (the oldest) and E000–E119 (pages of 50); S is deleted and created again (same
 * title, same parent) just before page 2 is read. The count stays 121: page 1 held the old S,
 * E000 slid onto page 1 unseen, and the last page holds the new S. One pass looks whole — 121
 * distinct items, the count — but holds two S (a "duplicate" whose younger copy is the live
 * one) and no E000.
 */
describe('a row deleted and created again between two page reads', () => {
  async function recreating(): Promise<{ server: RunningEmulator; titles: string[]; live: () => string | undefined }> {
    const server = await startEmulator({ token: TOKEN });
    emulator = server;
    const category = server.store.insert('event_category', { title: 'Checkout', integration: INTEGRATION });
    const old = server.store.insert('event', { title: 'S', integration: INTEGRATION, parent: category.id });
    const titles = Array.from({ length: 120 }, (_, i) => `E${String(i).padStart(3, '0')}`);
    for (const title of titles) server.store.insert('event', { title, integration: INTEGRATION, parent: category.id });
    let live: string | undefined;
    server.gate = (entry) => {
      if (EVENT_LISTS.has(entry.route) && entry.query['page'] !== '1' && live === undefined) {
        server.store.remove(old.id);
        live = server.store.insert('event', { title: 'S', integration: INTEGRATION, parent: category.id }).id;
      }
    };
    return { server, titles: [...titles, 'S'].sort(), live: () => live };
  }

  it('is read again: the list holds the new S once, and E000', async () => {
    const { server, titles, live } = await recreating();
    const events = await client(server.url).listEvents(INTEGRATION);
    expect(live()).toBeDefined();
    expect(events.map((e) => e.title).sort()).toEqual(titles);
    expect(events.find((e) => e.title === 'S')?.id).toBe(live());
  });

  it('plans no delete of the live S and no second E000', async () => {
    const { server, titles } = await recreating();
    const wanted = plan([
      cat(
        'Checkout',
        titles.map((title) => ev(title)),
      ),
    ]);
    const built = buildPlan(wanted, await client(server.url).readState(INTEGRATION), { writesPerMinute: 0 });
    expect(built.operations).toEqual([]);
  });
});

describe('a page count that contradicts the count', () => {
  it('too low, while the pages say more follow: the count and the pages win', async () => {
    const items = Array.from({ length: 130 }, (_, i) => ({ id: `id-${i}`, title: `T${i}` }));
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      const body = page(items.slice((n - 1) * 50, n * 50), n, 3, {}, 130) as Record<string, unknown>;
      json(res, 200, { ...body, total_pages: 1 });
    });
    expect(await client(scripted.url).listCategories()).toHaveLength(130);
    expect(scripted.requests).toHaveLength(3);
  });
});

describe('a next page that contradicts the count and the page count', () => {
  it.each([
    ['in order', false],
    ['without a stable row order', true],
  ])('on every read, %s: the next page it names is asked for, and its "Invalid page." settles it', async (_name, unordered) => {
    // 130 items in 3 pages, but every page, the last included, says another follows.
    const items = Array.from({ length: 130 }, (_, i) => ({ id: `id-${i}`, title: `T${i}` }));
    let seed = 7;
    scripted = await startScriptedServer((req, res) => {
      const n = Number(req.url.searchParams.get('page'));
      if (n > 3) return json(res, 404, { detail: 'Invalid page.' });
      const rows = unordered ? [...items].sort(() => ((seed = (seed * 16807) % 2147483647) % 3) - 1) : items;
      const body = page(rows.slice((n - 1) * 50, n * 50), n, 3, {}, 130) as { meta: Record<string, unknown> };
      json(res, 200, { ...body, meta: { ...body.meta, next_page: n + 1 } });
    });
    const categories = await client(scripted.url).listCategories();
    expect(categories.map((c) => c.id).sort()).toEqual(items.map((i) => i.id).sort());
    if (!unordered) expect(scripted.requests.map((r) => r.url.searchParams.get('page'))).toEqual(['1', '2', '3', '4']);
  });
});
