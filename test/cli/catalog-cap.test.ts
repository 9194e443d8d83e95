/**
 * A catalog listing at Secoda's 10,000 cap is refused before any write (issue 23, item 5): a list
 * cut at the cap would plan the deletion of every event it left out. Over real HTTP to the emulator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'cap-secret-token-77e1';
const EXAMPLE = 'tracking-plan.example';
const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let emulator: RunningEmulator;
let env: Record<string, string>;

beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
});
afterEach(() => emulator.close());

const writes = () => emulator.log.entries.filter((e) => e.method !== 'GET').length;

describe('the catalog at its cap', () => {
  it('fails plan and apply with a clear error, and apply writes nothing', async () => {
    const category = emulator.store.insert('event_category', { title: 'Made Elsewhere', integration: INTEGRATION });
    for (let i = 0; i < 10_000; i++) emulator.store.insert('event', { title: `Event ${i}`, integration: INTEGRATION, parent: category.id });

    const planned = await runCli(['plan', EXAMPLE], env);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain('holds 10,000 items, and Secoda returns at most 10,000 across all pages');
    expect(planned.stderr).toContain('Nothing was planned or changed');
    expect(planned.stderr).not.toMatch(/\n\s+at /);

    const applied = await runCli(['apply', EXAMPLE, '--auto-approve', '--writes-per-minute', '0'], env);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('Secoda returns at most 10,000');
    expect(writes()).toBe(0);
    expect(emulator.audit.entries).toEqual([]);
  }, 60_000);
});
