/**
 * The emulator in this process: the same event loop as the client. Simple, but every
 * millisecond the server spends shaping JSON is a millisecond the client cannot spend
 * (see run.ts for which one the benchmark uses, and why).
 */
import { startEmulator, type RunningEmulator } from '../src/emulator/server.js';
import type { BenchEmulator, EmulatorSettings, RequestSummary } from './emulator-protocol.js';
import type { SeedResource } from './remote-fixtures.js';
import { generatedDirectories } from './generate-plan.js';

export const BENCH_TOKEN = 'tpsync-bench-token';

export async function startInProcessEmulator(settings: EmulatorSettings): Promise<BenchEmulator> {
  const emulator = await startEmulator({ token: BENCH_TOKEN, ...settingsToOptions(settings) });
  return {
    url: emulator.url,
    token: BENCH_TOKEN,
    where: 'in-process',
    reset: (resources) => Promise.resolve(resetStore(emulator, resources)),
    configure: (changes) => Promise.resolve(emulator.configure(settingsToOptions(changes))),
    clearLog: () => Promise.resolve(clearLog(emulator)),
    requests: () => Promise.resolve(summarise(emulator)),
    close: () => emulator.close(),
  };
}

export interface EmulatorRuntimeOptions {
  latencyMs?: number;
  /** undefined: unlimited. */
  writeRateLimit?: number | undefined;
  writeRateWindowMs?: number;
}

export function settingsToOptions(settings: EmulatorSettings): EmulatorRuntimeOptions {
  return {
    ...(settings.latencyMs === undefined ? {} : { latencyMs: settings.latencyMs }),
    // Secoda's limit is per minute; the window is the documented 60 s.
    ...('writeRateLimit' in settings ? { writeRateLimit: settings.writeRateLimit, writeRateWindowMs: 60_000 } : {}),
  };
}

export function resetStore(emulator: RunningEmulator, resources: readonly SeedResource[]): void {
  emulator.store.clear();
  // The workspace's users, teams and tags, which the generated plans name.
  emulator.store.setDirectories(generatedDirectories());
  for (const { kind, input } of resources) emulator.store.insert(kind, input);
  clearLog(emulator);
}

let cpuSince = process.cpuUsage();

export function clearLog(emulator: RunningEmulator): void {
  emulator.log.clear();
  cpuSince = process.cpuUsage();
}

export function summarise(emulator: RunningEmulator): RequestSummary {
  const byMethod: Record<string, number> = {};
  let throttled = 0;
  let failed = 0;
  const writeArrivals: number[] = [];
  const timeline: [number, number, string, string][] = [];
  for (const entry of emulator.log.entries) {
    timeline.push([entry.startedAt, entry.endedAt ?? entry.startedAt, `${entry.method} ${entry.route}`, entry.query['page'] ?? '']);
    byMethod[entry.method] = (byMethod[entry.method] ?? 0) + 1;
    if (entry.status === 429) throttled++;
    else if (entry.status >= 400 || entry.status === 0) failed++;
    if ((entry.method === 'POST' || entry.method === 'PATCH') && entry.status !== 429) writeArrivals.push(entry.startedAt);
  }
  const cpu = process.cpuUsage(cpuSince);
  return {
    total: emulator.log.entries.length,
    byMethod,
    throttled,
    failed,
    writeArrivals,
    maxInFlight: emulator.log.maxInFlight,
    cpuMs: (cpu.user + cpu.system) / 1000,
    timeline,
  };
}
