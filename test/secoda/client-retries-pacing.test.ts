/** SecodaClient over HTTP: retries, a POST never retried blindly, concurrency and pacing, an answer without end (pagination, bad answers and auth are in client.test.ts). */
import { describe, expect, it } from 'vitest';
import type { SecodaError } from '../../src/secoda/errors.js';
import {
  OutcomeUnknownError,
  SecodaNetworkError,
  SecodaNotFoundError,
  SecodaRateLimitError,
  SecodaServerError,
} from '../../src/secoda/errors.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { json, page } from '../support/scripted-server.js';
import { client, closeServersAfterEach, fastRetry, INTEGRATION, seed, TOKEN, withEmulator, withScripted } from './client-harness.js';

closeServersAfterEach();

describe('SecodaClient: retries', () => {
  it('retries a 429, waiting as long as Retry-After says', async () => {
    let calls = 0;
    const scripted = await withScripted((_req, res) =>
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
    const scripted = await withScripted((_req, res) => {
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
    const scripted = await withScripted((_req, res) => {
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
    const scripted = await withScripted((_req, res) => json(res, 500, { detail: 'boom' }));
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
    const scripted = await withScripted((_req, res) =>
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
      const scripted = await withScripted((_req, res) => {
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
