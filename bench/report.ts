/**
 * From scenario results to rows with their bounds and targets (bounds.ts), in one place, so the
 * terminal table and results.md say exactly the same.
 */
import {
  APPLY_IN_PROCESS_TARGET,
  APPLY_PROCESS_TARGET,
  CPU_TARGET_MS,
  NOOP_IN_PROCESS_TARGET,
  NOOP_PROCESS_TARGET,
  RSS_TARGET_MB,
  TARGET_PROPERTIES,
  VALIDATE_TARGET_MS,
} from './bounds.js';
import type { PlanShape } from './generate-plan.js';
import type { ApplyResult } from './scenario-apply.js';
import type { NoopPlanResult } from './scenario-noop-plan.js';
import type { PacedResult } from './scenario-paced.js';
import type { PlanCpuResult } from './scenario-plan-cpu.js';
import type { ProcessFigure, ProcessResults } from './scenario-process.js';
import type { GotCostResult } from './scenario-got.js';
import { count, ms, type Row } from './table.js';

export interface BenchResults {
  readonly noop: NoopPlanResult;
  readonly apply: ApplyResult;
  readonly paced: PacedResult;
  readonly cpu: readonly PlanCpuResult[];
  readonly process: ProcessResults;
  readonly got: GotCostResult;
}

/** "CPU 812 ms, peak RSS 120 MB", from GNU time when there was one. */
const usage = (figure: ProcessFigure): string =>
  figure.cpuMs === undefined ? '' : `; CPU ${ms(figure.cpuMs)}, peak RSS ${Math.round(figure.peakRssMB ?? 0)} MB`;

export const shapeText = (shape: PlanShape): string => `${count(shape.categories)} / ${count(shape.events)} / ${count(shape.properties)}`;

export function rows(results: BenchResults): Row[] {
  const { noop, apply, paced, cpu, process } = results;
  const runs = (figure: ProcessFigure) => `median of ${figure.runsMs.length}`;
  const a = `(a) no-op plan ${shapeText(noop.shape)}`;
  const b = `(b) apply ${shapeText(apply.shape)} from empty`;
  const c = `(c) paced apply, ${paced.writesPerMinute}/min`;
  const out: Row[] = [
    {
      scenario: a,
      figure: 'requests',
      measured: count(noop.requests),
      bound: `${count(noop.pageBound)} pages`,
      ratio: noop.requests / noop.pageBound,
      target: '≤ 1.05×',
      ok: noop.requests / noop.pageBound <= 1.05,
    },
    {
      scenario: a,
      figure: 'wall time, read + plan (median, warm)',
      measured: ms(noop.wallMs),
      bound: ms(noop.timeBoundMs),
      ratio: noop.wallMs / noop.timeBoundMs,
      target: `≤ ${NOOP_IN_PROCESS_TARGET}×`,
      ok: noop.wallMs / noop.timeBoundMs <= NOOP_IN_PROCESS_TARGET,
    },
    {
      scenario: a,
      figure: `whole process: \`tpsync plan\` from spawn to exit, beyond Node's start (${runs(process.noopPlan)}${usage(process.noopPlan)})`,
      measured: ms(process.noopPlan.beyondNodeMs),
      bound: ms(noop.timeBoundMs),
      ratio: process.noopPlan.beyondNodeMs / noop.timeBoundMs,
      target: `≤ ${NOOP_PROCESS_TARGET}×`,
      ok: process.noopPlan.beyondNodeMs / noop.timeBoundMs <= NOOP_PROCESS_TARGET,
    },
    {
      scenario: a,
      figure: 'wall time, first run (cold)',
      measured: ms(noop.coldMs),
      bound: ms(noop.timeBoundMs),
      ratio: noop.coldMs / noop.timeBoundMs,
      target: '',
      ok: null,
    },
    {
      scenario: a,
      figure: 'of which reading the three lists (median)',
      measured: ms(noop.readMs),
      bound: ms(noop.timeBoundMs),
      ratio: noop.readMs / noop.timeBoundMs,
      target: '',
      ok: null,
    },
    {
      scenario: a,
      figure:
        'the same pages read by a bare node:http client that only parses the JSON (median; no checks, no conversion): the floor this emulator and machine allow',
      measured: ms(noop.bareReadMs),
      bound: ms(noop.timeBoundMs),
      ratio: noop.bareReadMs / noop.timeBoundMs,
      target: '',
      ok: null,
    },
    {
      scenario: a,
      figure: 'of which planning (CPU, median; cold run)',
      measured: `${ms(noop.planCpuMs)}; ${ms(noop.coldPlanCpuMs)}`,
      bound: '',
      ratio: null,
      target: '',
      ok: null,
    },
    {
      scenario: b,
      figure: 'write requests',
      measured: count(apply.applyWrites),
      bound: `${count(apply.changes)} changes`,
      ratio: apply.applyWrites / apply.changes,
      target: '≤ 1.00× (0 redundant)',
      ok: apply.redundant === 0 && apply.failedSteps === 0,
    },
    {
      scenario: b,
      figure: 'reads during the apply: look-ups by title before a create (not rate limited; they overlap the writes)',
      measured: count(apply.applyReads),
      bound: '',
      ratio: null,
      target: '',
      ok: null,
    },
    {
      scenario: b,
      figure: 'apply wall time',
      measured: ms(apply.wallMs),
      bound: ms(apply.timeBoundMs),
      ratio: apply.wallMs / apply.timeBoundMs,
      target: `≤ ${APPLY_IN_PROCESS_TARGET}×`,
      ok: apply.wallMs / apply.timeBoundMs <= APPLY_IN_PROCESS_TARGET,
    },
    {
      scenario: b,
      figure: `whole process: \`tpsync apply\` (plan, apply, verify) from spawn to exit, beyond Node's start (${runs(process.apply)}${usage(process.apply)})`,
      measured: ms(process.apply.beyondNodeMs),
      bound: ms(apply.timeBoundMs),
      ratio: process.apply.beyondNodeMs / apply.timeBoundMs,
      target: `≤ ${APPLY_PROCESS_TARGET}×`,
      ok: process.apply.beyondNodeMs / apply.timeBoundMs <= APPLY_PROCESS_TARGET,
    },
    {
      scenario: b,
      figure: 'reads of planning (separate)',
      measured: count(apply.planningRequests),
      bound: `${count(apply.planningBound)} pages`,
      ratio: apply.planningRequests / apply.planningBound,
      target: '',
      ok: null,
    },
    {
      scenario: b,
      figure: 'reads of verification (separate)',
      measured: count(apply.verifyRequests),
      bound: `${count(apply.verifyBound)} pages`,
      ratio: apply.verifyRequests / apply.verifyBound,
      target: '',
      ok: null,
    },
    {
      scenario: c,
      figure: `achieved rate over ${count(paced.writes)} writes`,
      measured: `${paced.achievedPerMinute.toFixed(1)}/min`,
      bound: `${paced.writesPerMinute}/min`,
      ratio: paced.achievedPerMinute / paced.writesPerMinute,
      target: '≥ 0.95×',
      ok: paced.achievedPerMinute / paced.writesPerMinute >= 0.95,
    },
    {
      scenario: c,
      figure: '429 answers (emulator limit = same rate)',
      measured: count(paced.throttled),
      bound: '0',
      ratio: null,
      target: '= 0',
      ok: paced.throttled === 0 && paced.failedSteps === 0,
    },
  ];
  const v = `(e) validate ${count(process.validate.properties)} properties`;
  out.push(
    {
      scenario: v,
      figure: `whole process: \`tpsync validate\` from spawn to exit, beyond Node's start (${runs(process.validate)}${usage(process.validate)})`,
      measured: ms(process.validate.beyondNodeMs),
      bound: ms(VALIDATE_TARGET_MS),
      ratio: process.validate.beyondNodeMs / VALIDATE_TARGET_MS,
      target: '< 1.0 s',
      ok: process.validate.beyondNodeMs < VALIDATE_TARGET_MS,
    },
    {
      scenario: v,
      figure: `Node's own start-up (\`node -e 0\`, median of ${process.nodeStartRunsMs.length}), subtracted above`,
      measured: ms(process.nodeStartMs),
      bound: '',
      ratio: null,
      target: '',
      ok: null,
    },
  );
  out.push({
    scenario: '(f) the HTTP client',
    figure: `client CPU per small GET through got (${count(results.got.requests)} requests, 8 in flight), against node:http's ${Math.round(results.got.nodeHttpCpuUs)} µs`,
    measured: `${Math.round(results.got.gotCpuUs)} µs`,
    bound: '',
    ratio: null,
    target: '',
    ok: null,
  });
  // Growth is linear when each added property costs the same: the CPU per property added since the
  // previous size, compared with the first such step (a fixed start-up cost makes the average fall).
  const marginal = (i: number): number | undefined => {
    const [previous, current] = [cpu[i - 1], cpu[i]];
    return previous && current
      ? ((current.cpuMs - previous.cpuMs) * 1000) / (current.shape.properties - previous.shape.properties)
      : undefined;
  };
  const firstStep = marginal(1);
  cpu.forEach((result, i) => {
    const d = `(d) load + validate + plan, ${count(result.shape.properties)} properties`;
    const step = marginal(i);
    const perProperty = (result.cpuMs * 1000) / result.shape.properties;
    // The targets are for 100,000 properties; other sizes show the growth.
    const isTarget = result.shape.properties === TARGET_PROPERTIES;
    const target = <T>(value: T): T | '' => (isTarget ? value : '');
    out.push(
      {
        scenario: d,
        figure: `CPU time (load ${ms(result.loadCpuMs)}, plan ${ms(result.planCpuMs)})`,
        measured: ms(result.cpuMs),
        bound: target(ms(CPU_TARGET_MS)),
        ratio: isTarget ? result.cpuMs / CPU_TARGET_MS : null,
        target: target('< 1.5 s'),
        ok: isTarget ? result.cpuMs < CPU_TARGET_MS : null,
      },
      {
        scenario: d,
        figure: `of which the YAML parser (js-yaml 5 behind the parser seam, own process); the yaml library alone for comparison: ${ms(result.yamlCpuMs)}`,
        measured: ms(result.fastCpuMs),
        bound: target(ms(CPU_TARGET_MS)),
        ratio: isTarget ? result.fastCpuMs / CPU_TARGET_MS : null,
        target: '',
        ok: null,
      },
      step === undefined
        ? {
            scenario: d,
            figure: 'CPU per property (average)',
            measured: `${perProperty.toFixed(1)} µs`,
            bound: '',
            ratio: null,
            target: '',
            ok: null,
          }
        : {
            scenario: d,
            figure: `CPU per property added since ${count(cpu[i - 1]?.shape.properties ?? 0)} (vs the first step)`,
            measured: `${step.toFixed(1)} µs`,
            bound: '',
            ratio: firstStep === undefined ? null : step / firstStep,
            target: 'linear (≈ 1×)',
            ok: null,
          },
      {
        scenario: d,
        figure: `peak RSS, remote state included (before loading: ${Math.round(result.baselineRssMB)} MB)`,
        measured: `${Math.round(result.peakRssMB)} MB`,
        bound: target(`${RSS_TARGET_MB} MB`),
        ratio: isTarget ? result.peakRssMB / RSS_TARGET_MB : null,
        target: target('< 300 MB'),
        ok: isTarget ? result.peakRssMB < RSS_TARGET_MB : null,
      },
    );
  });
  return out;
}
