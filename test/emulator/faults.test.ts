import { describe, it, expect } from 'vitest';
import { api, call, INTEGRATION, startTestEmulator } from './emulator-client.js';
import { FaultInjector, mulberry32 } from '../../src/emulator/faults.js';
import type { RunningEmulator } from '../../src/emulator/server.js';

async function statuses(emulator: RunningEmulator, n: number, method = 'GET'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const body = method === 'GET' ? undefined : { title: `C${i}`, integration: INTEGRATION };
    out.push((await call(emulator, method, '/api/v1/event/category', { body })).status);
  }
  return out;
}

describe('seeded fault injection', () => {
  it('gives the same faults for the same seed and request sequence, and other faults for another seed', async () => {
    const run = async (seed: number) => statuses(await startTestEmulator({ seed, failBeforeRate: 0.3 }), 40);
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(10);
    expect(first.filter((s) => s >= 500).length).toBeGreaterThan(3);
    expect(await run(43)).not.toEqual(first);
  });

  it('mulberry32 is a pure function of its seed, with values in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });

  it('failBeforeRate answers 500, 502 or 503 before doing anything: no write is committed, not even auth is checked', async () => {
    const emulator = await startTestEmulator({ seed: 5, failBeforeRate: 1 });
    const got = await statuses(emulator, 30, 'POST');
    expect(new Set(got)).toEqual(new Set([500, 502, 503]));
    const failed = await api(emulator).post('/event/category', { title: 'x', integration: INTEGRATION });
    expect(Object.keys(failed.body)).toEqual(['detail']);
    expect(emulator.store.size).toBe(0);
    expect((await call(emulator, 'GET', '/event/category', { auth: null })).status).toBeGreaterThanOrEqual(500);
    expect(emulator.log.entries.every((e) => e.fault === 'fail-before')).toBe(true);
  });

  it('failAfterCommitRate commits the write and then answers 500; reads are untouched', async () => {
    const emulator = await startTestEmulator({ seed: 1, failAfterCommitRate: 1 });
    const reply = await api(emulator).post('/event/category', { title: 'Landing Page', integration: INTEGRATION });
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ detail: 'A server error occurred.' });
    const list = await api(emulator).get('/event/category?title=Landing%20Page');
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(1);
  });

  it('dropAfterCommitRate commits the POST and then drops the connection without a response', async () => {
    const emulator = await startTestEmulator({ seed: 1, dropAfterCommitRate: 1 });
    await expect(api(emulator).post('/event/category', { title: 'Lost Reply', integration: INTEGRATION })).rejects.toThrow();
    // The resource exists although the client never heard of it: the case a blind POST retry would duplicate.
    expect(emulator.store.list('event_category').map((c) => c.title)).toEqual(['Lost Reply']);
    const entry = emulator.log.entries.find((e) => e.method === 'POST');
    expect(entry).toMatchObject({ dropped: true, status: 0, fault: 'drop-after-commit' });
    emulator.setFaults({ dropAfterCommitRate: 0 });
    expect((await api(emulator).get('/event/category?title=Lost%20Reply')).body.count).toBe(1);
  });

  it('does not apply after-commit faults to writes that fail validation (nothing was committed)', async () => {
    const emulator = await startTestEmulator({ seed: 1, failAfterCommitRate: 1 });
    expect((await api(emulator).post('/event/category', { integration: INTEGRATION })).status).toBe(400);
  });

  it('rateLimitBurstRate starts a burst of a few 429s with Retry-After: 1', async () => {
    const emulator = await startTestEmulator({ seed: 3, rateLimitBurstRate: 1 });
    const first = await api(emulator).get('/event/category');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.body.detail).toMatch(/^Request was throttled\. Expected available in 1 seconds?\.$/);
    // No new bursts from here on; the one under way runs its course.
    emulator.setFaults({ rateLimitBurstRate: 0 });
    const rest = await statuses(emulator, 6);
    const burst = 1 + rest.findIndex((s) => s === 200);
    expect(burst).toBeGreaterThanOrEqual(2);
    expect(burst).toBeLessThanOrEqual(4);
    expect(rest.slice(burst - 1).every((s) => s === 200)).toBe(true);
  });

  it('faultMethods restricts faults to the methods listed', async () => {
    const emulator = await startTestEmulator({ seed: 9, failBeforeRate: 1, faultMethods: ['POST'] });
    expect(await statuses(emulator, 5, 'GET')).toEqual([200, 200, 200, 200, 200]);
    expect((await statuses(emulator, 5, 'POST')).every((s) => s >= 500)).toBe(true);
  });

  it('setFaults changes faults at runtime, and a new seed restarts the stream', async () => {
    const emulator = await startTestEmulator();
    expect(await statuses(emulator, 3)).toEqual([200, 200, 200]);
    emulator.setFaults({ seed: 11, failBeforeRate: 0.5 });
    const a = await statuses(emulator, 20);
    emulator.setFaults({ seed: 11 });
    expect(await statuses(emulator, 20)).toEqual(a);
    expect(a).toContain(200);
    expect(a.some((s) => s >= 500)).toBe(true);
    emulator.setFaults({ failBeforeRate: 0 });
    expect(await statuses(emulator, 3)).toEqual([200, 200, 200]);
  });

  it('rejects rates outside 0..1', () => {
    expect(() => new FaultInjector({ failBeforeRate: 1.5 })).toThrow(RangeError);
    expect(() => new FaultInjector({ failAfterCommitRate: 0.6, dropAfterCommitRate: 0.6 })).toThrow(RangeError);
  });
});

describe('write rate limit', () => {
  it('answers 429 with Retry-After past N writes a minute, without committing; reads and deletes are not writes', async () => {
    const emulator = await startTestEmulator({ writeRateLimit: 3 });
    expect(await statuses(emulator, 3, 'POST')).toEqual([201, 201, 201]);
    const throttled = await api(emulator).post('/event/category', { title: 'fourth', integration: INTEGRATION });
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get('retry-after'));
    // Within the one-minute window, counted from the first write (however slow this machine is).
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(throttled.body).toEqual({ detail: `Request was throttled. Expected available in ${retryAfter} seconds.` });
    expect(emulator.store.size).toBe(3);
    expect((await api(emulator).get('/event/category')).status).toBe(200);
    expect((await api(emulator).patch('/event/events/226dc8aafa8d46468b116652cdc64065', {})).status).toBe(429);
    // DELETE is not one of the counted writes (POST/PUT/PATCH).
    const event = emulator.store.insert('event', { title: 'E', integration: INTEGRATION, parent: emulator.store.list()[0]!.id });
    expect((await api(emulator).delete(`/event/events/${event.id}`)).status).toBe(200);
  });

  it('slides: writes are admitted again once the oldest leaves the window', async () => {
    const emulator = await startTestEmulator({ writeRateLimit: 2, writeRateWindowMs: 400 });
    expect(await statuses(emulator, 3, 'POST')).toEqual([201, 201, 429]);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await statuses(emulator, 3, 'POST')).toEqual([201, 201, 429]);
  });
});

describe('latency', () => {
  it('delays every response by latencyMs', async () => {
    const emulator = await startTestEmulator({ latencyMs: 150 });
    const started = performance.now();
    await api(emulator).get('/event/category');
    // A lower bound only: a loaded machine can make a request slower, never faster.
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });
});
