/**
 * Scenario (b): an apply from empty, unpaced. Planning reads three empty lists; the apply
 * creates every category, event and property (each child after its parent); a verification
 * plan reads everything back and must find nothing left. Requests are counted from the
 * emulator's log, phase by phase.
 */
import { executePlan } from '../src/apply/execute-plan.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { SecodaClient } from '../src/secoda/client.js';
import { applyRequestBound, applyTimeBoundMs, levelByLevelRounds, pageBound } from './bounds.js';
import type { BenchEmulator } from './emulator-protocol.js';
import type { PlanShape } from './generate-plan.js';
import { loadGeneratedPlan } from './fixtures.js';

export interface ApplyOptions {
  readonly concurrency: number;
  readonly latencyMs: number;
}

export interface ApplyResult {
  readonly shape: PlanShape;
  readonly changes: number;
  /** Write requests (POST, PUT, PATCH, DELETE) the emulator saw during the apply. */
  readonly applyWrites: number;
  /** Reads (GET) during the apply: the look-ups by title before a create (issue 11), not rate limited. */
  readonly applyReads: number;
  /** Write requests of the apply beyond one per change (retries, duplicates, …). */
  readonly redundant: number;
  readonly failedSteps: number;
  readonly planningRequests: number;
  readonly planningBound: number;
  readonly verifyRequests: number;
  readonly verifyBound: number;
  readonly wallMs: number;
  readonly timeBoundMs: number;
  readonly levelByLevelMs: number;
  readonly maxInFlight: number;
  /** The emulator's CPU time during the apply. */
  readonly emulatorCpuMs: number;
  /** This process's CPU time during the apply (client and executor). */
  readonly clientCpuMs: number;
}

export async function runApply(emulator: BenchEmulator, shape: PlanShape, options: ApplyOptions): Promise<ApplyResult> {
  const trackingPlan = loadGeneratedPlan(shape);
  await emulator.reset([]);
  const client = new SecodaClient({ baseUrl: emulator.url, token: emulator.token, concurrency: options.concurrency, writesPerMinute: 0 });

  const plan = buildPlan(trackingPlan, await client.readState(trackingPlan.integration), { writesPerMinute: 0 });
  const planning = await emulator.requests();

  await emulator.clearLog();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await executePlan(plan.operations, client, { integration: trackingPlan.integration });
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const applied = await emulator.requests();

  await emulator.clearLog();
  const verification = buildPlan(trackingPlan, await client.readState(trackingPlan.integration), { writesPerMinute: 0 });
  const verify = await emulator.requests();
  if (verification.operations.length !== 0) throw new Error(`the verification plan has ${verification.operations.length} operations left`);

  const levels = (['category', 'event', 'property'] as const).map((kind) => plan.operations.filter((op) => op.kind === kind).length);
  const changes = plan.summary.write_calls;
  return {
    shape,
    changes,
    applyWrites: writesOf(applied.byMethod),
    applyReads: applied.byMethod['GET'] ?? 0,
    redundant: writesOf(applied.byMethod) - applyRequestBound(changes),
    failedSteps: result.counts.failed + result.counts.skipped,
    planningRequests: planning.total,
    planningBound: pageBound({ categories: 0, events: 0, properties: 0 }),
    verifyRequests: verify.total,
    verifyBound: pageBound(shape),
    wallMs,
    timeBoundMs: applyTimeBoundMs(levels, options.concurrency, options.latencyMs),
    levelByLevelMs: levelByLevelRounds(levels, options.concurrency) * options.latencyMs,
    maxInFlight: applied.maxInFlight,
    emulatorCpuMs: applied.cpuMs,
    clientCpuMs: (used.user + used.system) / 1000,
  };
}

/** Write requests in a by-method count: every method but GET (reads are not rate limited). */
function writesOf(byMethod: Readonly<Record<string, number>>): number {
  return Object.entries(byMethod).reduce((sum, [method, n]) => (method === 'GET' ? sum : sum + n), 0);
}
