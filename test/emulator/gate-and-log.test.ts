import { describe, it, expect } from 'vitest';
import { api, call, INTEGRATION, startTestEmulator } from './emulator-client.js';

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('gate', () => {
  it('holds replies until the test releases them, while the log counts them in flight', async () => {
    const emulator = await startTestEmulator();
    const releases: (() => void)[] = [];
    emulator.gate = () => new Promise<void>((resolve) => releases.push(resolve));
    let answered = 0;
    const requests = Array.from({ length: 5 }, () =>
      api(emulator)
        .get('/event/category')
        .then((r) => (answered++, r)),
    );

    await until(() => releases.length === 5);
    expect(emulator.log.inFlight).toBe(5);
    expect(emulator.log.maxInFlight).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).toBe(0);

    releases.splice(0, 2).forEach((release) => release());
    await until(() => answered === 2);
    expect(emulator.log.inFlight).toBe(3);

    emulator.gate = undefined;
    releases.forEach((release) => release());
    expect((await Promise.all(requests)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(emulator.log.inFlight).toBe(0);
    expect(emulator.log.maxInFlight).toBe(5);
  });

  it('sees which request it holds, so a test can hold only some', async () => {
    const emulator = await startTestEmulator();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    emulator.gate = (request) => (request.method === 'POST' ? held : undefined);
    const post = api(emulator).post('/event/category', { title: 'C', integration: INTEGRATION });
    expect((await api(emulator).get('/event/category')).body.count).toBe(0);
    release();
    expect((await post).status).toBe(201);
  });
});

describe('request log', () => {
  it('records method, path, normalised route, query, body, status and timing of each request', async () => {
    const emulator = await startTestEmulator();
    await call(emulator, 'GET', '/api/v1/event/events/?integration_id=abc&title=Clicked');
    await call(emulator, 'POST', '/event/category', { body: { title: 'C', integration: INTEGRATION } });
    await call(emulator, 'GET', '/event/category', { auth: null });
    const [list, create, denied] = emulator.log.entries;
    expect(list).toMatchObject({
      seq: 1,
      method: 'GET',
      path: '/api/v1/event/events/',
      route: '/event/events',
      query: { integration_id: 'abc', title: 'Clicked' },
      status: 200,
    });
    expect(create).toMatchObject({
      seq: 2,
      method: 'POST',
      route: '/event/category',
      body: { title: 'C', integration: INTEGRATION },
      status: 201,
      dropped: false,
    });
    expect(denied).toMatchObject({ status: 401 });
    for (const entry of emulator.log.entries) expect(entry.endedAt!).toBeGreaterThanOrEqual(entry.startedAt);
    expect(emulator.log.matching('POST', '/event/category')).toEqual([create]);
    emulator.log.clear();
    expect(emulator.log.entries).toEqual([]);
  });

  it('marks throttled requests', async () => {
    const emulator = await startTestEmulator({ writeRateLimit: 1 });
    for (const title of ['a', 'b']) await api(emulator).post('/event/category', { title, integration: INTEGRATION });
    expect(emulator.log.entries.map((e) => [e.status, e.fault])).toEqual([
      [201, undefined],
      [429, 'throttled'],
    ]);
  });
});
