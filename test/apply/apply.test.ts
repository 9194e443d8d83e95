import { afterEach, describe, expect, it } from 'vitest';
import { executePlan } from '../../src/apply/execute-plan.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { readTrackingPlan } from '../support/read-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import type { FaultOptions } from '../../src/emulator/faults.js';

const TOKEN = 'apply-test-token';
const fastRetry = { attempts: 6, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 20 };

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function examplePlan(): Promise<TrackingPlan> {
  const loaded = await readTrackingPlan('tracking-plan.example');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.plan;
}

const clientFor = (server: RunningEmulator, concurrency = 6) =>
  new SecodaClient({ baseUrl: server.url, token: TOKEN, retry: fastRetry, concurrency });

async function planAndApply(tp: TrackingPlan, server: RunningEmulator, signal?: AbortSignal) {
  const client = clientFor(server);
  const plan = buildPlan(tp, await client.readState(tp.integration), { writesPerMinute: 0 });
  const result = await executePlan(plan.operations, client, {
    integration: tp.integration,
    reconcileDelayMs: 1,
    ...(signal ? { signal } : {}),
  });
  return { plan, result };
}

async function remainingOperations(tp: TrackingPlan, server: RunningEmulator): Promise<number> {
  const client = clientFor(server);
  return buildPlan(tp, await client.readState(tp.integration), { writesPerMinute: 0 }).operations.length;
}

/** (kind, parent, title) groups with more than one member, within the integration. */
function duplicates(server: RunningEmulator, integration: string): string[] {
  const seen = new Map<string, number>();
  for (const r of server.store.list()) {
    if (r.integration !== integration) continue;
    const key = `${r.kind} ${r.parent ?? ''} ${r.title}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([key]) => key);
}

describe('apply against the emulator', () => {
  it('converges, then plans no change', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const tp = await examplePlan();
    const { plan, result } = await planAndApply(tp, emulator);
    expect(result.counts).toEqual({ done: plan.operations.length, failed: 0, skipped: 0, 'not-started': 0 });
    expect(await remainingOperations(tp, emulator)).toBe(0);
    const events = emulator.store.list('event');
    expect(events).toHaveLength(tp.categories.reduce((n, c) => n + c.events.length, 0));
    const cta = events.find((e) => e.title === 'CTA Clicked');
    const category = emulator.store.get(cta?.parent ?? '');
    expect(category?.title).toBe('Landing Page');
  });

  it('runs independent branches in parallel and each parent before its children', async () => {
    emulator = await startEmulator({ token: TOKEN, latencyMs: 5 });
    const tp = await examplePlan();
    await planAndApply(tp, emulator);
    expect(emulator.log.maxInFlight).toBeGreaterThan(1);
    const created = new Map<string, number>();
    for (const entry of emulator.log.entries) {
      if (entry.method !== 'POST' || entry.status >= 300) continue;
      const body = entry.body as { parent?: string; title: string };
      // Every parent named in a POST already existed when the POST was sent.
      if (body.parent !== undefined) expect(emulator.store.get(body.parent)).toBeDefined();
      created.set(body.title, entry.seq);
    }
    expect(created.size).toBeGreaterThan(30);
  });

  it('leaves fields the YAML does not manage alone, and fixes drift', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const tp = await examplePlan();
    await planAndApply(tp, emulator);
    const event = emulator.store.list('event').find((e) => e.title === 'Cart Viewed')!;
    emulator.store.patch(event.id, { description: 'edited in the UI', collections: ['col-1'] });
    const { plan } = await planAndApply(tp, emulator);
    expect(plan.operations).toEqual([
      expect.objectContaining({ action: 'update', patch: { description: 'A shopper opened their cart.' } }),
    ]);
    expect(emulator.store.get(event.id)).toMatchObject({ description: 'A shopper opened their cart.', collections: ['col-1'] });
  });

  it('goes on past a failure, skips what depends on it, and a re-run converges', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const tp = await examplePlan();
    emulator.store.insert('event_category', { title: 'Checkout', integration: tp.integration });
    // Secoda fails every category create (before committing): only Checkout, which exists, can fill up.
    emulator.gate = (entry) => {
      if (entry.method === 'POST' && entry.route === '/event/category') throw new Error('boom');
    };
    const { plan, result } = await planAndApply(tp, emulator);
    const categoryCreates = plan.operations.filter((op) => op.kind === 'category').length;
    const checkoutOps = plan.operations.filter((op) => op.path[0] === 'Checkout').length;
    expect(result.counts).toEqual({
      done: checkoutOps,
      failed: categoryCreates,
      skipped: plan.operations.length - checkoutOps - categoryCreates,
      'not-started': 0,
    });
    const skipped = result.steps.find((s) => s.status === 'skipped' && s.operation.path[0] === 'Search');
    expect(skipped?.detail).toBe('category Search failed');
    expect(result.steps.find((s) => s.status === 'failed')?.detail).toMatch(/outcome of POST \/event\/category\/ is unknown/);
    // The re-run picks up exactly what is left.
    emulator.gate = undefined;
    const rerun = await planAndApply(tp, emulator);
    expect(rerun.plan.operations).toHaveLength(plan.operations.length - checkoutOps);
    expect(await remainingOperations(tp, emulator)).toBe(0);
    expect(duplicates(emulator, tp.integration)).toEqual([]);
  });

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('never duplicates under lost responses, 5xx and 429s (seed %i)', async (seed) => {
    const faults: Partial<FaultOptions> = {
      seed,
      dropAfterCommitRate: 0.15,
      failAfterCommitRate: 0.1,
      failBeforeRate: 0.1,
      rateLimitBurstRate: 0.03,
    };
    emulator = await startEmulator({ token: TOKEN, ...faults });
    const tp = await examplePlan();
    let runs = 0;
    for (; runs < 8; runs++) {
      const { plan, result } = await planAndApply(tp, emulator);
      if (plan.operations.length === 0) break;
      void result;
    }
    emulator.setFaults({ failBeforeRate: 0, failAfterCommitRate: 0, dropAfterCommitRate: 0, rateLimitBurstRate: 0 });
    expect(duplicates(emulator, tp.integration)).toEqual([]);
    expect(await remainingOperations(tp, emulator)).toBe(0);
    // Some faults really fired, and were reconciled rather than duplicated.
    expect(emulator.log.entries.some((e) => e.fault === 'drop-after-commit')).toBe(true);
    expect(runs).toBeLessThan(8);
  });

  it('stops starting work when interrupted; a re-run completes it', async () => {
    emulator = await startEmulator({ token: TOKEN, latencyMs: 2 });
    const tp = await examplePlan();
    const controller = new AbortController();
    const client = new SecodaClient({ baseUrl: emulator.url, token: TOKEN, retry: fastRetry, concurrency: 4, signal: controller.signal });
    const plan = buildPlan(tp, await client.readState(tp.integration), { writesPerMinute: 0 });
    let settled = 0;
    const result = await executePlan(plan.operations, client, {
      integration: tp.integration,
      signal: controller.signal,
      onStep: () => {
        if (++settled === 25) controller.abort('SIGINT');
      },
    });
    expect(result.interrupted).toBe(true);
    expect(result.counts.done).toBeGreaterThanOrEqual(25);
    expect(result.counts['not-started']).toBeGreaterThan(0);
    expect(result.counts.failed).toBe(0);
    // In-flight requests finished: nothing was cut off half-way.
    expect(emulator.log.entries.every((e) => e.status !== 0)).toBe(true);
    const rerun = await planAndApply(tp, emulator);
    expect(rerun.plan.operations).toHaveLength(plan.operations.length - result.counts.done);
    expect(await remainingOperations(tp, emulator)).toBe(0);
    expect(duplicates(emulator, tp.integration)).toEqual([]);
  });
});
