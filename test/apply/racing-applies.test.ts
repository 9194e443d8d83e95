/**
 * Two applies of one tracking plan against one Secoda (issue 21): the run that is behind sees
 * what the other made before it makes it again. Each interleaving is forced by holding one run's
 * requests in the emulator until the other has got as far as the test says, never by sleeping;
 * the runs wait for each other without a time limit (a long quiet time), so the outcome does not
 * depend on how fast the machine is. The two runs are told apart by their base URL: run A sends
 * paths under /api/v1, run B without it (the emulator answers both).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { executePlan, type ExecuteResult } from '../../src/apply/execute-plan.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { LogEntry } from '../../src/emulator/request-log.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { SecodaClient } from '../../src/secoda/client.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { cat, ev, gridPlan, plan, prop } from '../support/remote-fixtures.js';

const TOKEN = 'racing-token';
const fastRetry = { attempts: 6, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 20 };
/** A run that follows another waits for it as long as the test takes. */
const PATIENT = { quietMs: 600_000, categoryStaggerMs: 0, reconcileDelayMs: 1 };

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** One plan for both runs: 3 categories, 9 events, 27 properties (three levels, several of each). */
const onePlan = (): TrackingPlan => gridPlan(3, 3, 3);

/** Run A's client (paths under /api/v1) or run B's (without it). */
function clients(server: RunningEmulator, writesPerMinute: number): { a: SecodaClient; b: SecodaClient } {
  const make = (baseUrl: string) => new SecodaClient({ baseUrl, token: TOKEN, retry: fastRetry, concurrency: 4, writesPerMinute });
  return { a: make(server.url), b: make(server.origin) };
}

const fromA = (entry: LogEntry) => entry.path.startsWith('/api/v1/');
const isLook = (entry: LogEntry, route: string) =>
  entry.method === 'GET' && entry.route === route && entry.query['parent_id'] !== undefined;
/** A look for a category's events: through the Resources catalog, its filter naming the parent (issue 23). */
const isEventsLook = (entry: LogEntry) =>
  isLook(entry, '/event/events') ||
  (entry.method === 'GET' && entry.route === '/resource/catalog' && (entry.query['filter'] ?? '').includes('"parent_id"'));

async function planFor(tp: TrackingPlan, client: SecodaClient): Promise<Plan> {
  return buildPlan(tp, await client.readState(tp.integration), { writesPerMinute: 0 });
}

function apply(tp: TrackingPlan, client: SecodaClient, plan: Plan): Promise<ExecuteResult> {
  return executePlan(plan.operations, client, { integration: tp.integration, ...PATIENT });
}

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => {};
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** Creates (successful POSTs) by run A and by run B. */
function creates(server: RunningEmulator): { a: number; b: number } {
  const made = server.log.entries.filter((e) => e.method === 'POST' && e.status >= 200 && e.status < 300);
  return { a: made.filter(fromA).length, b: made.filter((e) => !fromA(e)).length };
}

/** (kind, parent, title) groups with more than one member, categories included. */
function duplicates(server: RunningEmulator): string[] {
  const seen = new Map<string, number>();
  for (const r of server.store.list()) {
    const key = `${r.kind} ${r.parent ?? ''} ${r.title}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([key]) => key);
}

/** Nothing left to do, nothing twice, and what each run did was done. */
async function expectConverged(server: RunningEmulator, tp: TrackingPlan, results: readonly ExecuteResult[]): Promise<void> {
  for (const result of results) expect(result.counts).toMatchObject({ failed: 0, skipped: 0, 'not-started': 0 });
  expect(duplicates(server)).toEqual([]);
  const again = await planFor(tp, new SecodaClient({ baseUrl: server.url, token: TOKEN, retry: fastRetry }));
  expect(again.operations).toEqual([]);
  expect(again.warnings).toEqual([]);
}

describe('two applies of one plan, one a step behind the other', () => {
  it.each([
    ['unpaced', 0],
    ['paced', 60_000],
  ])(
    '%s: the run that starts once the other made its first category makes nothing; it adopts each level as the other makes it',
    async (_name, pace) => {
      emulator = await startEmulator({ token: TOKEN });
      const server = emulator;
      const tp = onePlan();
      const { a, b } = clients(server, pace);
      // Both plans are read before either run writes: they are the same plan.
      const [planA, planB] = [await planFor(tp, a), await planFor(tp, b)];
      const bLookedAtEvents = signal();
      const bLookedAtProperties = signal();
      let runB: Promise<ExecuteResult> | undefined;
      // A makes each level only once B has looked for it there and found nothing: B is behind,
      // but at every level it looks before A makes what it looks for.
      server.gate = async (entry) => {
        if (!fromA(entry)) {
          // (A create by B lets A go too: a B that creates without looking fails the test rather than hanging it.)
          if (isEventsLook(entry) || entry.method === 'POST') bLookedAtEvents.fire();
          if (isLook(entry, '/event/event_properties') || entry.method === 'POST') bLookedAtProperties.fire();
          return;
        }
        if (entry.method !== 'POST') return;
        if (entry.route === '/event/events') {
          // A's first category is made (its events come next): B starts now.
          runB ??= apply(tp, b, planB);
          await bLookedAtEvents.promise;
        }
        if (entry.route === '/event/event_properties') await bLookedAtProperties.promise;
      };
      const resultA = await apply(tp, a, planA);
      const resultB = await runB!;
      server.gate = undefined;

      expect(creates(server)).toEqual({ a: planA.summary.create, b: 0 });
      expect(resultB.steps.every((step) => step.note?.includes('another run created it'))).toBe(true);
      await expectConverged(server, tp, [resultA, resultB]);
    },
    60_000,
  );

  it('a run whose plan was read while the other was stuck halfway, and that looks before the other goes on, waits for it and makes nothing', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const tp = onePlan();
    const { a, b } = clients(server, 0);
    const planA = await planFor(tp, a);
    const aAtProperties = signal();
    const bLooked = signal();
    let bLooks = 0;
    // A makes its categories and events, then stops before its properties until B has looked
    // twice (its first look found nothing of A's properties: it then waits, and looks again)
    // or has created something (which a B that did not wait would do right after its first look).
    server.gate = async (entry) => {
      if (!fromA(entry)) {
        if (isEventsLook(entry) || isLook(entry, '/event/event_properties')) bLooks++;
        if (bLooks >= 2 || entry.method === 'POST') bLooked.fire();
        return;
      }
      if (entry.method === 'POST' && entry.route === '/event/event_properties') {
        aAtProperties.fire();
        await bLooked.promise;
      }
    };
    const runA = apply(tp, a, planA);
    await aAtProperties.promise;
    // B reads Secoda now: A's categories, some of its events, none of its properties.
    const planB = await planFor(tp, b);
    expect(planB.summary.create).toBeGreaterThan(tp.categories.length);
    const [resultA, resultB] = await Promise.all([runA, apply(tp, b, planB)]);
    server.gate = undefined;

    // B found its parents made moments ago by someone else, and under them created nothing
    // until that run went quiet: A made everything, B adopted it.
    expect(creates(server)).toEqual({ a: planA.summary.create, b: 0 });
    await expectConverged(server, tp, [resultA, resultB]);
  });

  it('a plan made before another run applied it: what it would create is adopted, nothing is made twice', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const tp = onePlan();
    const { a, b } = clients(server, 0);
    const [planA, planB] = [await planFor(tp, a), await planFor(tp, b)];
    const resultA = await apply(tp, a, planA);
    const resultB = await apply(tp, b, planB);
    expect(creates(server)).toEqual({ a: planA.summary.create, b: 0 });
    await expectConverged(server, tp, [resultA, resultB]);
  });

  it('both create the same event at the same instant: the run whose copy is younger deletes it at once, and both use the older', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    // A category made long ago (no run is at work under it), and a plan that adds an event to it.
    server.store.insert('event_category', {
      title: 'Checkout',
      integration: plan([]).integration,
      created_at: '2024-01-01T00:00:00.000000Z',
    });
    const tp = plan([cat('Checkout', [ev('Order Completed', [prop('order_id', { type: 'string' }), prop('total', { type: 'number' })])])]);
    const { a, b } = clients(server, 0);
    const [planA, planB] = [await planFor(tp, a), await planFor(tp, b)];
    expect(planA.summary.create).toBe(3);
    // Both looked and found nothing; their event creates are held until both have been sent.
    let held = 0;
    const both = signal();
    server.gate = async (entry) => {
      if (entry.method !== 'POST' || entry.route !== '/event/events') return;
      if (++held === 2) both.fire();
      await both.promise;
    };
    const [resultA, resultB] = await Promise.all([apply(tp, a, planA), apply(tp, b, planB)]);
    server.gate = undefined;

    const made = creates(server);
    expect(made.a + made.b).toBe(planA.summary.create + 1);
    expect(server.log.entries.filter((e) => e.method === 'DELETE' && e.route.startsWith('/event/events/'))).toHaveLength(1);
    const converged = [...resultA.steps, ...resultB.steps].filter((step) => step.note?.includes('at the same time'));
    expect(converged).toHaveLength(1);
    expect(converged[0]?.note).toMatch(/using the oldest copy \(id [^)]+\), not [^,]+, which was deleted$/);
    await expectConverged(server, tp, [resultA, resultB]);
  });
});
