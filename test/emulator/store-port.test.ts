/**
 * The in-process SecodaPort (StorePort) answers as the HTTP client over the emulator does: the
 * same script of calls, run through both, gives the same results and the same errors (ids and
 * timestamps, which each store hands out, aside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { Store } from '../../src/emulator/store.js';
import { StorePort } from '../../src/emulator/store-port.js';
import { SecodaClient } from '../../src/secoda/client.js';
import type { SecodaPort } from '../../src/secoda/port.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
const OTHER = 'f0f0f0f0-0000-4000-8000-000000000000';

/** A script of calls; every result (or error) is recorded with ids replaced by the order they were first seen in. */
async function script(port: SecodaPort): Promise<unknown[]> {
  const names = new Map<string, string>();
  const name = (id: string) => names.get(id) ?? (names.set(id, `#${names.size}`), `#${names.size - 1}`);
  const plain = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value, (key, v: unknown) => {
        if (key === 'created_at') return v === null ? null : 'stamp';
        if ((key === 'id' || key === 'parent') && typeof v === 'string') return name(v);
        return v;
      }),
    ) as unknown;
  const results: unknown[] = [];
  const record = async (call: () => Promise<unknown>) => {
    try {
      results.push(plain(await call()));
    } catch (error) {
      const e = error as Error & { status?: number; fieldErrors?: readonly string[] };
      results.push({ error: e.name, status: e.status, fieldErrors: e.fieldErrors });
    }
  };

  const checkout = await port.createCategory({ title: 'Checkout', integration: INTEGRATION, teams: ['t1'] });
  results.push(plain(checkout));
  const theirs = await port.createCategory({ title: 'Theirs', integration: OTHER });
  const order = await port.createEvent({ title: 'Order Completed', integration: INTEGRATION, parent: checkout.id, description: 'Once.' });
  results.push(plain(order));
  await port.createEvent({ title: 'Elsewhere', integration: OTHER, parent: theirs.id });
  const currency = await port.createProperty({
    title: 'currency',
    integration: INTEGRATION,
    parent: order.id,
    type: 'enum',
    enum: 'USD, EUR',
    is_required: true,
    pii: false,
    owners_groups: ['g1'],
  });
  results.push(plain(currency));
  await port.createProperty({ title: 'coupon', integration: INTEGRATION, parent: order.id });
  await record(() => port.patchEvent(order.id, { description: 'Twice.', tags: ['x'] }));
  await record(() => port.patchProperty(currency.id, { pii: true, owners: ['u1'] }));
  await record(() => port.listCategories({ title: 'Checkout' }));
  await record(() => port.getCategory(checkout.id));
  await record(() => port.listEvents(INTEGRATION));
  await record(() => port.listProperties(INTEGRATION, { parentId: order.id, title: 'coupon' }));
  await record(() => port.readState(INTEGRATION));
  // What Secoda refuses, and what it does not find.
  await record(() => port.createEvent({ title: 'X', integration: INTEGRATION, parent: 'no-such-category' }));
  await record(() => port.createProperty({ title: 'x', integration: INTEGRATION, parent: 'no-such-event' }));
  await record(() => port.createCategory({ title: '', integration: INTEGRATION }));
  await record(() => port.patchEvent('no-such-event', { description: 'x' }));
  await record(() => port.getCategory('no-such-category'));
  // A delete takes the event's properties with it; deleting what is gone is no error.
  await record(() => port.deleteEvent(order.id));
  await record(() => port.deleteProperty(currency.id));
  await record(() => port.readState(INTEGRATION));
  return results;
}

describe('StorePort', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ token: 'store-port' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers a script of calls as the client over HTTP does', async () => {
    const overHttp = await script(new SecodaClient({ baseUrl: emulator.url, token: 'store-port', concurrency: 2 }));
    const inProcess = await script(new StorePort(new Store()));
    expect(inProcess).toEqual(overHttp);
    // The script reaches the interesting answers: a refused create, and a state after a cascading delete.
    expect(inProcess).toContainEqual({ error: 'SecodaBadRequestError', status: 400, fieldErrors: [expect.stringMatching(/^parent: /)] });
    expect(inProcess).toContainEqual({ error: 'SecodaNotFoundError', status: 404, fieldErrors: undefined });
    expect(inProcess.at(-1)).toMatchObject({ categories: [{ title: 'Checkout' }], events: [], properties: [] });
  });
});
