/**
 * Two `tpsync apply` processes started together against one Secoda (the emulator, over real
 * HTTP): after at most one more plain apply — no --allow-deletes — nothing is duplicated, and
 * every event sits in the oldest copy of its category.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { REPO_ROOT, spawnCli } from '../support/spawn-cli.js';

const TOKEN = 'concurrent-token';
/** Two categories, each with an event and its properties: enough for the runs to meet on a category and under it. */
const PLAN = join(REPO_ROOT, 'test/fixtures/small-plan.yaml');

let emulator: RunningEmulator;
let env: Record<string, string>;
beforeEach(async () => {
  emulator = await startEmulator({ token: TOKEN });
  env = { SECODA_API_URL: emulator.url, SECODA_API_TOKEN: TOKEN };
});
afterEach(async () => {
  await emulator.close();
});

function duplicateEventsAndProperties(): string[] {
  const seen = new Map<string, number>();
  for (const r of emulator.store.list()) {
    if (r.kind === 'event_category') continue;
    const key = `${r.kind} ${r.parent ?? ''} ${r.title}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}

describe('two applies at once (real processes, one Secoda)', () => {
  it.each([
    ['unpaced', '0'],
    ['paced', '6000'],
  ])(
    '%s: converges after at most one more plain apply, with no duplicate event or property',
    async (_name, pace) => {
      const args = ['apply', PLAN, '--auto-approve', '--writes-per-minute', pace];
      const both = await Promise.all([spawnCli(args, { env }), spawnCli(args, { env })]);
      for (const result of both) {
        expect([0, 1], result.stdout + result.stderr).toContain(result.code);
        expect(result.stderr).not.toMatch(/Warning|unexpected error/);
        // A run that finds the other's surplus copies says so, rather than just "verification failed".
        if (result.code === 1) expect(result.stdout).toMatch(/created by another run at the same time\. Run apply again to delete/);
      }
      const again = await spawnCli(args, { env });
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(duplicateEventsAndProperties()).toEqual([]);
      // Every event is in the oldest copy of its category; any other copy is empty.
      const oldest = new Map<string, string>();
      for (const c of emulator.store.list('event_category')) if (!oldest.has(c.title)) oldest.set(c.title, c.id);
      for (const e of emulator.store.list('event')) expect([...oldest.values()]).toContain(e.parent);
      // Two runs that created a category at the same instant leave an empty copy, which the API
      // cannot delete: category drift with a manual step (exit 2), and nothing else to do.
      const copies = emulator.store.list('event_category').length - oldest.size;
      const planned = await spawnCli(['plan', PLAN, '--detailed-exitcode'], { env });
      expect(planned.code, planned.stdout).toBe(copies === 0 ? 0 : 2);
      if (copies > 0) {
        expect(planned.stdout).toContain(`Nothing to apply. ${copies} warning${copies === 1 ? '' : 's'} need`);
        expect(planned.stdout.match(/manual step: delete the other copies/g)).toHaveLength(copies);
      }
    },
    90_000,
  );
});
