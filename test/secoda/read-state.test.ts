/**
 * Reading the three lists of an integration while another run creates in it (issue 11, item 2):
 * the lists are read side by side, not at one instant, so a property may be read whose event was
 * created after the events were read. Such a property is no orphan, and must never be planned
 * for deletion.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { LogEntry } from '../../src/emulator/request-log.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { SecodaClient } from '../../src/secoda/client.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';

const TOKEN = 'read-state-token';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const EVENTS = ['Signed Up', 'Logged In', 'Logged Out', 'Password Reset', 'Profile Updated'];

const trackingPlan: TrackingPlan = {
  version: 1,
  integration: INTEGRATION,
  categories: [{ title: 'Account', events: EVENTS.map((title) => ({ title, properties: [{ title: 'user_id', type: 'string' }] })) }],
};

/** Resolves once every request of `route` seen so far has been answered. */
async function answered(server: RunningEmulator, route: string): Promise<void> {
  const done = (e: LogEntry) => e.route !== route || e.method !== 'GET' || e.endedAt !== undefined;
  while (!server.log.entries.every(done)) await nextTurn();
}

describe('readState while another run creates events and their properties', () => {
  it('a property whose event was created after the events were read is not an orphan: nothing is deleted', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const category = server.store.insert('event_category', { title: 'Account', integration: INTEGRATION });
    // The other run: every time we read the properties, it has just created one more event and
    // its property — after our read of the events was answered, before our read of the properties.
    let next = 0;
    server.gate = async (entry) => {
      if (entry.method !== 'GET' || entry.route !== '/event/event_properties' || (entry.query['page'] ?? '1') !== '1') return;
      if (entry.query['title'] !== undefined || next >= EVENTS.length) return;
      await answered(server, '/event/events');
      const event = server.store.insert('event', { title: EVENTS[next++]!, integration: INTEGRATION, parent: category.id });
      server.store.insert('event_property', { title: 'user_id', type: 'string', integration: INTEGRATION, parent: event.id });
    };
    const client = new SecodaClient({ baseUrl: server.url, token: TOKEN });
    const state = await client.readState(INTEGRATION);
    server.gate = undefined;

    // Every property read names an event that was read.
    const events = new Set(state.events.map((e) => e.id));
    expect(state.properties.filter((p) => !events.has(p.parent ?? ''))).toEqual([]);
    const plan = buildPlan(trackingPlan, state, { writesPerMinute: 0 });
    expect(plan.operations.filter((op) => op.action === 'delete')).toEqual([]);
    // What the other run made is planned as there: only the events it had not made yet are created.
    expect(plan.operations.filter((op) => op.kind === 'event').map((op) => op.path[1])).toEqual(EVENTS.slice(state.events.length));
  });
});
