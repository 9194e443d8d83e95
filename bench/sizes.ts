/** The shapes of each scenario: the sizes, and a small set for CI (`--small`, a few seconds in all). */
import type { PlanShape } from './generate-plan.js';

export interface Sizes {
  readonly noop: PlanShape;
  /** Warm runs of the no-op plan after the first (cold) one; the median is reported. */
  readonly noopRuns: number;
  readonly apply: PlanShape;
  readonly paced: PlanShape;
  readonly writesPerMinute: number;
  readonly cpu: readonly PlanShape[];
  /** The whole-process runs (scenario-process.ts): runs of validate and of the no-op plan, runs of the apply, and validate's plan. */
  readonly process: { readonly runs: number; readonly applyRuns: number; readonly validate: PlanShape };
}

/** 10 properties an event and 25 events a category, as in the 40 / 1,000 / 10,000. */
const planOf = (properties: number): PlanShape => ({ categories: properties / 250, events: properties / 10, properties });

export const FULL: Sizes = {
  noop: { categories: 40, events: 1000, properties: 10_000 },
  noopRuns: 5,
  apply: { categories: 10, events: 200, properties: 2000 },
  // 720 creates at 600/min: 72 s, longer than Secoda's 60 s window, so the server's limit bites.
  paced: { categories: 4, events: 36, properties: 680 },
  writesPerMinute: 600,
  cpu: [planOf(10_000), planOf(50_000), planOf(100_000)],
  process: { runs: 5, applyRuns: 3, validate: planOf(10_000) },
};

export const SMALL: Sizes = {
  noop: { categories: 4, events: 100, properties: 1000 },
  noopRuns: 2,
  apply: { categories: 2, events: 20, properties: 200 },
  // 40 writes at 2,400/min: one second.
  paced: { categories: 1, events: 3, properties: 36 },
  writesPerMinute: 2400,
  cpu: [planOf(1000), planOf(5000)],
  process: { runs: 2, applyRuns: 1, validate: planOf(1000) },
};
