/**
 * What the SecodaClient tests over HTTP share (client.test.ts, client-retries-pacing.test.ts): the
 * token, a retry policy quick enough for tests, the emulator or a scripted server each test starts
 * (closed after it), a client for either, and a seeded category of events.
 */
import { afterEach } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { SecodaClient } from '../../src/secoda/client.js';
import type { TransportOptions } from '../../src/secoda/http-transport.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

export const TOKEN = 'test-token-6f1d2c';
export const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';
export const fastRetry = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 };

let emulator: RunningEmulator | undefined;
let scripted: ScriptedServer | undefined;

/** Closes, after each test of the calling file, the servers it started. */
export function closeServersAfterEach(): void {
  afterEach(async () => {
    await emulator?.close();
    await scripted?.close();
    emulator = undefined;
    scripted = undefined;
  });
}

/** The emulator for this test (closed after it). */
export async function withEmulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  emulator = await startEmulator({ token: TOKEN, ...options });
  return emulator;
}

/** A scripted server for this test (closed after it). */
export async function withScripted(handler: Parameters<typeof startScriptedServer>[0]): Promise<ScriptedServer> {
  scripted = await startScriptedServer(handler);
  return scripted;
}

export const client = (baseUrl: string, options: Partial<TransportOptions> = {}): SecodaClient =>
  new SecodaClient({ baseUrl, token: TOKEN, retry: fastRetry, ...options });

/** A category "Checkout" with `events` events, each with `propertiesPerEvent` string properties. */
export function seed(target: RunningEmulator, events: number, propertiesPerEvent = 0) {
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
