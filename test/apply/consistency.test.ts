/**
 * Nothing duplicated or destroyed by a read that moved, a second apply, or a value Secoda
 * normalises (issue 11), against the emulator over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { executePlan, type ExecuteOptions, type ExecuteResult } from '../../src/apply/execute-plan.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { FaultOptions } from '../../src/emulator/faults.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { SecodaClient } from '../../src/secoda/client.js';
import { readTrackingPlan } from '../support/read-plan.js';
import type { TrackingPlan } from '../../src/tracking-plan/types.js';
import { cat, ev, gridPlan, plan, prop } from '../support/remote-fixtures.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'consistency-token';
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

const clientFor = (server: RunningEmulator, writesPerMinute = 0, concurrency = 6) =>
  new SecodaClient({ baseUrl: server.url, token: TOKEN, retry: fastRetry, concurrency, writesPerMinute });

async function planFor(tp: TrackingPlan, client: SecodaClient): Promise<Plan> {
  return buildPlan(tp, await client.readState(tp.integration), { writesPerMinute: 0 });
}

async function run(tp: TrackingPlan, client: SecodaClient, plan: Plan, options: Partial<ExecuteOptions> = {}): Promise<ExecuteResult> {
  return executePlan(plan.operations, client, { integration: tp.integration, reconcileDelayMs: 1, ...options });
}

/** (kind, parent, title) groups with more than one member, events and properties only. */
function duplicates(server: RunningEmulator, integration: string): string[] {
  const seen = new Map<string, number>();
  for (const r of server.store.list()) {
    if (r.integration !== integration || r.kind === 'event_category') continue;
    const key = `${r.kind} ${r.parent ?? ''} ${r.title}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([key]) => key);
}

describe('lists that shift, lie or have no order', () => {
  const cases: [string, Partial<FaultOptions>][] = [
    ['shifting', { shiftPagesRate: 0.4 }],
    ['unordered', { unorderedLists: true }],
    ['lying', { lyingEnvelopeRate: 0.25 }],
    ['all three', { shiftPagesRate: 0.3, unorderedLists: true, lyingEnvelopeRate: 0.2 }],
  ];
  it.each(cases.flatMap(([name, faults]) => [1, 2, 3].map((seed) => [name, seed, faults] as const)))(
    '%s lists (seed %i): apply converges with no duplicate and no needless delete or re-create',
    async (_name, seed, faults) => {
      // Pages of 3, so that every list (4 categories, 12 events, 36 properties) spans pages.
      emulator = await startEmulator({ token: TOKEN, pageSize: 3, seed, ...faults });
      const tp = gridPlan(4, 3, 3);
      const client = clientFor(emulator);
      let runs = 0;
      for (; runs < 4; runs++) {
        const plan = await planFor(tp, client);
        // Only what is missing is ever planned: never a delete or a replace of what was created.
        expect(plan.operations.filter((op) => op.action === 'delete' || op.action === 'replace')).toEqual([]);
        if (plan.operations.length === 0) break;
        await run(tp, client, plan);
      }
      expect(runs).toBe(1);
      expect(duplicates(emulator, tp.integration)).toEqual([]);
      expect(emulator.store.list('event_category')).toHaveLength(tp.categories.length);
      expect(emulator.log.entries.some((e) => e.fault !== undefined)).toBe(true);
    },
  );
});

describe('two applies at once', () => {
  it.each([
    ['unpaced', 0],
    ['paced', 60_000],
  ])(
    '%s: both create the same category at the same instant: one spare copy of it, every event in the oldest copy, nothing else made twice',
    async (_name, pace) => {
      emulator = await startEmulator({ token: TOKEN });
      const server = emulator;
      const tp = gridPlan(3, 3, 3);
      const [a, b] = [clientFor(server, pace, 8), clientFor(server, pace, 8)];
      const [planA, planB] = [await planFor(tp, a), await planFor(tp, b)];
      // Hold the first category create of each run until both runs have sent theirs: each looked
      // first and found nothing. A run's first such create goes alone, so they meet on one category.
      let held = 0;
      let release: () => void = () => {};
      const together = new Promise<void>((resolve) => (release = resolve));
      server.gate = async (entry) => {
        if (entry.method !== 'POST' || entry.route !== '/event/category' || held >= 2) return;
        if (++held === 2) release();
        await together;
      };
      // A run that follows the other never gives up waiting here: the outcome does not depend on timing.
      const options = { quietMs: 60_000 };
      const [resultA, resultB] = await Promise.all([run(tp, a, planA, options), run(tp, b, planB, options)]);
      expect(resultA.counts.failed + resultB.counts.failed).toBe(0);

      // One category exists twice (the API can never delete one); every event sits in the oldest copy.
      const copies = server.store.list('event_category');
      expect(copies).toHaveLength(tp.categories.length + 1);
      const oldest = new Map<string, string>();
      for (const c of copies) if (!oldest.has(c.title)) oldest.set(c.title, c.id);
      for (const event of server.store.list('event')) expect([...oldest.values()]).toContain(event.parent);
      const converged = [...resultA.steps, ...resultB.steps].filter((s) => s.note?.includes('at the same time'));
      expect(converged.map((s) => s.operation.kind)).toEqual(['category']);
      expect(converged[0]?.note).toMatch(/another run created it at the same time; using the oldest copy/);
      // The run that made the younger copy adopted the rest from the other: nothing else was made twice.
      const created = server.log.entries.filter((e) => e.method === 'POST' && e.status >= 200 && e.status < 300).length;
      expect(created - planA.summary.create).toBe(1);
      expect(duplicates(server, tp.integration)).toEqual([]);

      const final = await planFor(tp, a);
      expect(final.operations).toEqual([]);
      // The empty copy stays, reported with its manual step.
      expect(final.warnings.map((w) => w.code)).toEqual(['category-duplicate']);
      expect(final.warnings[0]?.hint).toMatch(/delete the other copies in Secoda .*; the API cannot delete categories/);
    },
    60_000,
  );

  it('a create finds what another run made since the plan: paced, events and properties are looked up in the wait for their slot', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const tp = await examplePlan();
    const client = clientFor(server, 60_000);
    const plan = await planFor(tp, client);
    // Another run creates a category, an event and a property after our plan was made.
    const category = server.store.insert('event_category', { title: 'Checkout', integration: tp.integration });
    const event = server.store.insert('event', { title: 'Order Completed', integration: tp.integration, parent: category.id });
    server.store.insert('event_property', {
      title: 'order_id',
      integration: tp.integration,
      parent: event.id,
      type: 'string',
      is_required: true,
    });
    // No other run is at work any more: nothing to wait for once the copies are adopted.
    const result = await run(tp, client, plan, { quietMs: 0 });
    expect(result.counts.failed).toBe(0);
    const adopted = result.steps.filter((s) => s.note?.includes('another run created it'));
    expect(adopted.map((s) => s.operation.path.join(' › ')).sort()).toEqual([
      'Checkout',
      'Checkout › Order Completed',
      'Checkout › Order Completed › order_id',
    ]);
    expect(duplicates(server, tp.integration)).toEqual([]);
    expect(server.store.list('event_category')).toHaveLength(tp.categories.length);
    // What the other run made is used as it is: the next plan only sets the fields it left out.
    const next = await planFor(tp, client);
    expect(next.operations.map((op) => [op.action, op.path.join(' › ')])).toEqual([
      ['update', 'Checkout › Order Completed'],
      ['update', 'Checkout › Order Completed › order_id'],
    ]);
    // One POST per resource that was not there yet.
    expect(server.log.entries.filter((e) => e.method === 'POST')).toHaveLength(plan.summary.create - adopted.length);
  });

  it('unpaced, a create under a parent this run did not make looks first: an event another run made since the plan is adopted, not made again', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const tp = await examplePlan();
    const client = clientFor(server);
    const plan = await planFor(tp, client);
    const category = server.store.insert('event_category', { title: 'Checkout', integration: tp.integration });
    server.store.insert('event', { title: 'Order Completed', integration: tp.integration, parent: category.id });
    // No other run is at work any more: nothing to wait for once the copies are adopted.
    const result = await run(tp, client, plan, { quietMs: 0 });
    expect(result.counts.failed).toBe(0);
    const adopted = result.steps.filter((s) => s.note?.includes('another run created it'));
    expect(adopted.map((s) => s.operation.path.join(' › ')).sort()).toEqual(['Checkout', 'Checkout › Order Completed']);
    expect(server.store.list('event_category')).toHaveLength(tp.categories.length);
    expect(duplicates(server, tp.integration)).toEqual([]);
    expect(server.log.entries.filter((e) => e.method === 'POST')).toHaveLength(plan.summary.create - adopted.length);
    // What the other run made is used as it is: the next plan only sets the fields it left out.
    const next = await planFor(tp, client);
    expect(next.operations.map((op) => [op.action, op.path.join(' › ')])).toEqual([['update', 'Checkout › Order Completed']]);
  });
});

describe('two applies that each used their own copy of a category', () => {
  it('the next plain apply deletes the younger copy’s events as duplicates, without --allow-deletes', async () => {
    // Both runs created every category at the same instant and did not agree on the oldest (their
    // copies got the same created_at, or one listed before the other's copy was visible): each
    // put every event and property in its own copy.
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const tp = await examplePlan();
    const client = clientFor(server);
    await run(tp, client, await planFor(tp, client));
    server.log.clear();
    for (const original of server.store.list('event_category')) {
      const copy = server.store.insert('event_category', { title: original.title, integration: tp.integration });
      for (const event of server.store.list('event').filter((e) => e.parent === original.id)) {
        const twin = server.store.insert('event', { title: event.title, integration: tp.integration, parent: copy.id });
        for (const p of server.store.list('event_property').filter((q) => q.parent === event.id)) {
          server.store.insert('event_property', {
            title: p.title,
            type: p.type,
            enum: p.enum,
            is_required: p.is_required,
            integration: tp.integration,
            parent: twin.id,
          });
        }
      }
    }
    const result = await runCli(['apply', 'tracking-plan.example', '--auto-approve', '--writes-per-minute', '0'], {
      SECODA_API_URL: server.url,
      SECODA_API_TOKEN: TOKEN,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('Verified');
    // Every event is back in the oldest copy of its category, once; the copies stay (the API cannot delete them), empty.
    const oldest = new Map<string, string>();
    for (const c of server.store.list('event_category')) if (!oldest.has(c.title)) oldest.set(c.title, c.id);
    const kept = new Set(oldest.values());
    expect(server.store.list('event').every((e) => kept.has(e.parent ?? ''))).toBe(true);
    expect(duplicates(server, tp.integration)).toEqual([]);
    expect(server.log.entries.filter((e) => e.method === 'POST')).toHaveLength(0);
    expect(result.stdout).toMatch(/manual step:.*delete the other copies in Secoda/);
  });
});

describe('a duplicate that is no longer one when apply runs', () => {
  // The plan saw S twice (the live copy and one since deleted, or a stale row beside the copy
  // that replaced it) and deletes the younger as a duplicate: a fresh read before the delete
  // finds the copy it would keep gone, and the live copy stays.
  it('is not deleted when the copy it duplicates is gone: a fresh read refuses the delete, and its properties stay', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const tp = plan([cat('Checkout', [ev('S', [prop('step')]), ev('E')])]);
    const category = server.store.insert('event_category', { title: 'Checkout', integration: tp.integration });
    const older = server.store.insert('event', { title: 'S', integration: tp.integration, parent: category.id });
    const younger = server.store.insert('event', { title: 'S', integration: tp.integration, parent: category.id });
    server.store.insert('event', { title: 'E', integration: tp.integration, parent: category.id });
    for (const parent of [older.id, younger.id])
      server.store.insert('event_property', { title: 'step', type: 'string', integration: tp.integration, parent });
    const client = clientFor(server);
    const built = await planFor(tp, client);
    const deletes = built.operations.filter((op) => op.action === 'delete');
    expect(deletes.map((op) => [op.kind, op.remote_id])).toContainEqual(['event', younger.id]);
    server.store.remove(older.id);

    const result = await run(tp, client, built);
    const live = server.store.list('event').filter((e) => e.title === 'S');
    expect(live.map((e) => e.id)).toEqual([younger.id]);
    expect(server.store.list('event_property').filter((p) => p.parent === younger.id)).toHaveLength(1);
    const refused = result.steps.find((step) => step.operation.action === 'delete' && step.operation.kind === 'event');
    expect(refused?.status).toBe('failed');
    expect(refused?.detail).toMatch(/no longer holds the copy it duplicates/);
  });

  it('a duplicate that still is one is deleted (the confirming read agrees)', async () => {
    emulator = await startEmulator({ token: TOKEN });
    const server = emulator;
    const tp = plan([cat('Checkout', [ev('S')])]);
    const category = server.store.insert('event_category', { title: 'Checkout', integration: tp.integration });
    const older = server.store.insert('event', { title: 'S', integration: tp.integration, parent: category.id });
    server.store.insert('event', { title: 'S', integration: tp.integration, parent: category.id });
    const client = clientFor(server);
    const result = await run(tp, client, await planFor(tp, client));
    expect(result.counts.failed).toBe(0);
    expect(server.store.list('event').map((e) => e.id)).toEqual([older.id]);
  });
});

describe('a Secoda that trims text', () => {
  it('converges: a `definition: |` block (ending in a newline) stored trimmed is no difference', async () => {
    emulator = await startEmulator({ token: TOKEN, trimTextOnSave: true });
    const tp = await examplePlan();
    const client = clientFor(emulator);
    await run(tp, client, await planFor(tp, client));
    const yamlDefinition = tp.categories.flatMap((c) => c.events).find((e) => e.definition?.endsWith('\n'))!;
    const stored = emulator.store.list('event').find((e) => e.title === yamlDefinition.title)!;
    expect(stored.definition).toBe(yamlDefinition.definition!.trim());
    expect((await planFor(tp, client)).operations).toEqual([]);
  });

  it('converges on text it normalises to Unicode NFC, with CRLF and surrounding spaces: apply then verify', async () => {
    emulator = await startEmulator({ token: TOKEN, trimTextOnSave: true });
    const tp: TrackingPlan = {
      version: 1,
      integration: 'ca529385-fbc9-4934-afae-e372affe795b',
      categories: [
        {
          title: 'Cafe\u0301',
          events: [
            {
              title: 'Menu Viewed',
              description: '  The cafe\u0301 menu was viewed.\r\n',
              definition: '# Cre\u0300me bru\u0302le\u0301e\r\n\r\nFired once per view.\r\n',
              properties: [{ title: 'dish', type: 'string', description: 'Entre\u0301e or dessert.\n' }],
            },
          ],
        },
      ],
    };
    const client = clientFor(emulator);
    await run(tp, client, await planFor(tp, client));
    expect(emulator.store.list('event')[0]?.description).toBe('The caf\u00e9 menu was viewed.');
    expect((await planFor(tp, client)).operations).toEqual([]);
  });
});
