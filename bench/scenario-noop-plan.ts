/**
 * Scenario (a): a no-op plan of a large catalog. Secoda already holds exactly what the YAML
 * says; tpsync reads the three lists and finds nothing to do. Measured: requests (from the
 * emulator's log) and wall time of read + plan, against the page bound and the time bound.
 */
import { buildPlan } from '../src/plan/build-plan.js';
import { SecodaClient } from '../src/secoda/client.js';
import { bareRead } from './bare-read.js';
import { pageBound, readTimeBoundMs } from './bounds.js';
import type { BenchEmulator } from './emulator-protocol.js';
import { generatePlan, type PlanShape } from './generate-plan.js';
import { loadGeneratedPlan, median } from './fixtures.js';
import { matchingResources } from './remote-fixtures.js';

export interface NoopPlanOptions {
  readonly concurrency: number;
  readonly latencyMs: number;
  /** Timed runs after the first (cold) one. */
  readonly runs: number;
}

export interface NoopPlanResult {
  readonly shape: PlanShape;
  readonly requests: number;
  readonly clientRequests: number;
  readonly pageBound: number;
  /** The first run in this process: connections and JIT cold, as a CLI run is. */
  readonly coldMs: number;
  /** Median of the warm runs. */
  readonly wallMs: number;
  readonly runsMs: readonly number[];
  /** Median of the warm runs' read phase alone (readState: the three lists). */
  readonly readMs: number;
  readonly timeBoundMs: number;
  /** CPU time of buildPlan alone (its share of the wall time): median of the warm runs, and the cold run's. */
  readonly planCpuMs: number;
  readonly coldPlanCpuMs: number;
  readonly maxInFlight: number;
  /** Median over the warm runs: the emulator's CPU time, and this process's during the read. */
  readonly emulatorCpuMs: number;
  readonly clientReadCpuMs: number;
  /** Median of as many warm reads of the same pages by a bare node:http client (bare-read.ts): the floor on this machine. */
  readonly bareReadMs: number;
}

export async function runNoopPlan(emulator: BenchEmulator, shape: PlanShape, options: NoopPlanOptions): Promise<NoopPlanResult> {
  const trackingPlan = loadGeneratedPlan(shape);
  await emulator.reset(matchingResources(generatePlan(shape)));
  const times: number[] = [];
  const reads: number[] = [];
  const emulatorCpu: number[] = [];
  const clientCpu: number[] = [];
  let requests = 0;
  let clientRequests = 0;
  const planCpus: number[] = [];
  let maxInFlight = 0;
  for (let run = 0; run <= options.runs; run++) {
    const client = new SecodaClient({ baseUrl: emulator.url, token: emulator.token, concurrency: options.concurrency, writesPerMinute: 0 });
    await emulator.clearLog();
    const start = performance.now();
    const readCpu = process.cpuUsage();
    const remote = await client.readState(trackingPlan.integration);
    reads.push(performance.now() - start);
    const read = process.cpuUsage(readCpu);
    clientCpu.push((read.user + read.system) / 1000);
    const cpu = process.cpuUsage();
    const plan = buildPlan(trackingPlan, remote, { writesPerMinute: 0 });
    const planCpu = process.cpuUsage(cpu);
    times.push(performance.now() - start);
    if (plan.operations.length !== 0) throw new Error(`the no-op plan has ${plan.operations.length} operations`);
    const summary = await emulator.requests();
    emulatorCpu.push(summary.cpuMs);
    requests = Math.max(requests, summary.total);
    clientRequests = Math.max(clientRequests, client.transport.stats.requests);
    planCpus.push((planCpu.user + planCpu.system) / 1000);
    maxInFlight = Math.max(maxInFlight, summary.maxInFlight);
  }
  const bare: number[] = [];
  for (let run = 0; run <= options.runs; run++) {
    const read = await bareRead(emulator.url, emulator.token, trackingPlan.integration, options.concurrency);
    if (read.pages !== pageBound(shape)) throw new Error(`the bare read asked for ${read.pages} pages, not ${pageBound(shape)}`);
    if (run > 0) bare.push(read.ms);
  }
  const [coldMs = 0, ...warm] = times;
  const warmReads = reads.slice(1);
  return {
    shape,
    requests,
    clientRequests,
    pageBound: pageBound(shape),
    coldMs,
    wallMs: median(warm.length > 0 ? warm : [coldMs]),
    runsMs: times,
    readMs: median(warmReads.length > 0 ? warmReads : reads),
    timeBoundMs: readTimeBoundMs(shape, options.concurrency, options.latencyMs),
    planCpuMs: median(planCpus.slice(1)),
    coldPlanCpuMs: planCpus[0] ?? 0,
    maxInFlight,
    emulatorCpuMs: median(emulatorCpu.slice(1)),
    clientReadCpuMs: median(clientCpu.slice(1)),
    bareReadMs: median(bare),
  };
}
