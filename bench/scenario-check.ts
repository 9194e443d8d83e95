/**
 * Scenario (e): `tpsync check` on a generated corpus of track calls — the real executable in
 * its own process, timed from spawn to exit (startup, plan loading and ajv compilation included),
 * with its peak RSS read by rss-probe.ts. Two sizes show that memory does not grow with the input.
 * The corpus is written to a temporary directory and removed afterwards; nothing is committed.
 * Asserts that the check finds exactly the violations the corpus holds; asserts no timing.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VIOLATION_KINDS } from '../src/check/report.js';
import { writeCorpus, type CorpusCounts } from './check-corpus.js';
import { generatePlan, planToYamlFiles, type PlanShape } from './generate-plan.js';
import { loadAverage } from './machine.js';
import type { ProbeResult } from './rss-probe.js';
import { count, ms, type Row } from './table.js';

/** The target: a million payloads in under 10 s, whole process. */
export const CHECK_TARGET_MS = 10_000;
/**
 * Memory is flat when ten times the input costs at most this factor in peak RSS. Not 1.0: the
 * live heap after a collection stays at about 19 MB from 200,000 lines to a million (measured
 * with --expose-gc), but V8 lets garbage pile up further between collections in a longer run.
 * Memory that grew with the input would be 10×.
 */
const FLAT_FACTOR = 1.5;

export interface CheckSizes {
  readonly plan: PlanShape;
  /** The headline corpus, run `runs` times (the median is reported). */
  readonly lines: number;
  readonly runs: number;
  /** A corpus a tenth the size, run once, to compare peak memory with. */
  readonly smallLines: number;
}

export const CHECK_FULL: CheckSizes = {
  plan: { categories: 10, events: 200, properties: 2000 },
  lines: 1_000_000,
  runs: 3,
  smallLines: 100_000,
};
export const CHECK_SMALL: CheckSizes = { plan: { categories: 2, events: 20, properties: 200 }, lines: 20_000, runs: 1, smallLines: 2000 };

export interface CheckRun extends ProbeResult {
  readonly wallMs: number;
  /** The 1-minute load average when the run ended: other work on the machine skews wall time. */
  readonly load: number;
}

export interface CheckResult {
  readonly sizes: CheckSizes;
  readonly small: boolean;
  readonly corpusMB: number;
  readonly runs: readonly CheckRun[];
  readonly median: CheckRun;
  readonly smallRun: CheckRun;
}

const median = (runs: readonly CheckRun[]): CheckRun => {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
};

const distDir = dirname(fileURLToPath(import.meta.url));
const BIN = join(distDir, '..', '..', 'bin', 'tpsync.js');
const PROBE = pathToFileURL(join(distDir, 'rss-probe.js')).href;

async function runCheck(planDir: string, corpus: string, expected: CorpusCounts, probeFile: string): Promise<CheckRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [`--import=${PROBE}`, BIN, 'check', planDir, corpus, '--format', 'json'], {
    env: { PATH: process.env['PATH'], NO_COLOR: '1', TPSYNC_BENCH_PROBE: probeFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const wallMs = performance.now() - started;
  if (code !== 1) throw new Error(`tpsync check exited ${String(code)} (the corpus holds violations, so 1 was expected): ${stderr}`);
  verify(JSON.parse(stdout), expected);
  const probe = JSON.parse(await readFile(probeFile, 'utf8')) as ProbeResult;
  return { ...probe, wallMs, load: loadAverage() };
}

/** The report must count exactly what the corpus holds. */
function verify(
  report: { summary: { lines: number; checked: number; skipped: number }; by_kind: Record<string, { count: number }> },
  expected: CorpusCounts,
): void {
  const problems: string[] = [];
  if (report.summary.lines !== expected.lines) problems.push(`lines ${report.summary.lines} ≠ ${expected.lines}`);
  if (report.summary.checked !== expected.checked) problems.push(`checked ${report.summary.checked} ≠ ${expected.checked}`);
  if (report.summary.skipped !== expected.skipped) problems.push(`skipped ${report.summary.skipped} ≠ ${expected.skipped}`);
  for (const kind of VIOLATION_KINDS) {
    const found = report.by_kind[kind]?.count;
    if (found !== expected.violations[kind]) problems.push(`${kind} ${String(found)} ≠ ${expected.violations[kind]}`);
  }
  if (problems.length > 0) throw new Error(`tpsync check miscounted the corpus: ${problems.join('; ')}`);
}

export async function runCheckScenario(small: boolean, say: (line: string) => void = () => undefined): Promise<CheckResult> {
  const sizes = small ? CHECK_SMALL : CHECK_FULL;
  const dir = await mkdtemp(join(tmpdir(), 'tpsync-bench-check-'));
  try {
    const plan = generatePlan(sizes.plan);
    await mkdir(join(dir, 'tracking-plan'));
    for (const file of planToYamlFiles(plan)) await writeFile(join(dir, file.path), file.bytes);
    const planDir = join(dir, 'tracking-plan');
    say(`    writing ${count(sizes.lines)} payloads…`);
    const corpus = join(dir, 'payloads.ndjson');
    const expected = await writeCorpus(plan, sizes.lines, corpus);
    const smallCorpus = join(dir, 'payloads-small.ndjson');
    const expectedSmall = await writeCorpus(plan, sizes.smallLines, smallCorpus);
    const smallRun = await runCheck(planDir, smallCorpus, expectedSmall, join(dir, 'probe-small.json'));
    const runs: CheckRun[] = [];
    for (let i = 0; i < sizes.runs; i++) {
      runs.push(await runCheck(planDir, corpus, expected, join(dir, `probe-${i}.json`)));
      say(`    run ${i + 1}/${sizes.runs}: ${ms(runs[i]?.wallMs ?? 0)}, load ${(runs[i]?.load ?? 0).toFixed(2)}`);
    }
    return { sizes, small, corpusMB: expected.bytes / 1e6, runs, median: median(runs), smallRun };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The scenario's rows for the results table. Timing targets apply to the full size only. */
export function checkRows(result: CheckResult): Row[] {
  const { median: m, smallRun, sizes } = result;
  const scenario = `(e) check ${count(sizes.lines)} payloads (${Math.round(result.corpusMB)} MB)`;
  const perSecond = (sizes.lines / m.wallMs) * 1000;
  const target = result.small ? null : m.wallMs < CHECK_TARGET_MS;
  return [
    {
      scenario,
      figure: `wall time, whole process (median of ${result.runs.length}; load ${m.load.toFixed(2)})`,
      measured: ms(m.wallMs),
      bound: ms(CHECK_TARGET_MS),
      ratio: m.wallMs / CHECK_TARGET_MS,
      target: result.small ? '' : '< 10 s',
      ok: target,
    },
    {
      scenario,
      figure: 'events per second (median run)',
      measured: count(Math.round(perSecond)),
      bound: '',
      ratio: null,
      target: '',
      ok: null,
    },
    { scenario, figure: 'CPU time (median run)', measured: ms(m.cpuMs), bound: '', ratio: null, target: '', ok: null },
    {
      scenario,
      figure: `peak RSS vs ${count(sizes.smallLines)} payloads (${Math.round(smallRun.peakRssMB)} MB)`,
      measured: `${Math.round(m.peakRssMB)} MB`,
      bound: `${Math.round(smallRun.peakRssMB)} MB`,
      ratio: m.peakRssMB / smallRun.peakRssMB,
      target: `flat (≤ ${FLAT_FACTOR}×)`,
      ok: result.small ? null : m.peakRssMB / smallRun.peakRssMB <= FLAT_FACTOR,
    },
  ];
}
