/**
 * Scenario (c): a paced apply. The client paces writes at the configured rate and the
 * emulator enforces the same rate over Secoda's 60 s window, answering 429 past it. The run
 * lasts longer than one window, so the server's limit really bites: a pacer that drifts ahead
 * of the window even once shows up as a 429.
 */
import { executePlan } from '../src/apply/execute-plan.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { SecodaClient } from '../src/secoda/client.js';
import { achievedRatePerMinute, pacedSpanBoundMs } from './bounds.js';
import type { BenchEmulator } from './emulator-protocol.js';
import type { PlanShape } from './generate-plan.js';
import { loadGeneratedPlan } from './fixtures.js';

export interface PacedOptions {
  readonly concurrency: number;
  readonly writesPerMinute: number;
}

export interface PacedResult {
  readonly shape: PlanShape;
  readonly writesPerMinute: number;
  readonly writes: number;
  readonly achievedPerMinute: number;
  readonly throttled: number;
  readonly clientSaw429: number;
  readonly spanMs: number;
  readonly spanBoundMs: number;
  readonly wallMs: number;
  readonly failedSteps: number;
}

export async function runPaced(emulator: BenchEmulator, shape: PlanShape, options: PacedOptions): Promise<PacedResult> {
  const trackingPlan = loadGeneratedPlan(shape);
  await emulator.reset([]);
  await emulator.configure({ writeRateLimit: options.writesPerMinute });
  try {
    const client = new SecodaClient({
      baseUrl: emulator.url,
      token: emulator.token,
      concurrency: options.concurrency,
      writesPerMinute: options.writesPerMinute,
    });
    const plan = buildPlan(trackingPlan, await client.readState(trackingPlan.integration), { writesPerMinute: options.writesPerMinute });
    await emulator.clearLog();
    const start = performance.now();
    const result = await executePlan(plan.operations, client, { integration: trackingPlan.integration });
    const wallMs = performance.now() - start;
    const summary = await emulator.requests();
    const arrivals = summary.writeArrivals;
    return {
      shape,
      writesPerMinute: options.writesPerMinute,
      writes: arrivals.length,
      achievedPerMinute: achievedRatePerMinute(arrivals),
      throttled: summary.throttled,
      clientSaw429: client.transport.stats.rateLimited,
      spanMs: (arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0),
      spanBoundMs: pacedSpanBoundMs(arrivals.length, options.writesPerMinute),
      wallMs,
      failedSteps: result.counts.failed + result.counts.skipped,
    };
  } finally {
    await emulator.configure({ writeRateLimit: undefined });
  }
}
