/**
 * The physical bounds each figure is reported against. A bound is what no client could beat
 * on the emulator's contract (page size 50, a fixed latency per request, `--concurrency`
 * requests in flight), given that it makes no redundant request. Every figure in the results
 * is measured / bound: 1.00 is perfect, the targets are ≤ 1.05 (requests), ≤ 1.3 (time),
 * ≥ 0.95 (paced rate).
 */

/** The latency the emulator adds to every request in the benchmark. */
export const LATENCY_MS = 20;

/** The emulator's (and Secoda's) page size. */
export const PAGE_SIZE = 50;

/** Requests to read a list of `items`: an empty list still costs its (empty) page 1. */
export function pagesFor(items: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(items / pageSize));
}

export interface ListSizes {
  readonly categories: number;
  readonly events: number;
  readonly properties: number;
}

/**
 * (a) A no-op plan reads three lists in full and writes nothing:
 *
 *   page bound = ⌈categories/50⌉ + ⌈events/50⌉ + ⌈properties/50⌉        (each at least 1)
 */
export function pageBound(sizes: ListSizes): number {
  return pagesFor(sizes.categories) + pagesFor(sizes.events) + pagesFor(sizes.properties);
}

/**
 * (a) The time to read those pages at `concurrency` requests in flight and `latencyMs` each.
 * A client cannot know how many pages a list has before its page 1 answers (and guessing
 * would cost requests past the page bound), so:
 *
 *   round 1:       the 3 lists' page 1, in parallel                     ⌈3/c⌉ rounds (1 for c ≥ 3)
 *   then:          the other (page bound − 3) pages, c at a time         ⌈(pages − 3)/c⌉ rounds
 *   time bound  =  latency × (⌈3/c⌉ + ⌈(pages − 3)/c⌉)
 *
 * For 40 / 1,000 / 10,000 at c = 8 and 20 ms: 221 pages → 20 ms × (1 + ⌈218/8⌉) = 20 × 29 = 580 ms.
 */
export function readTimeBoundMs(sizes: ListSizes, concurrency: number, latencyMs: number): number {
  const lists = 3;
  const pages = pageBound(sizes);
  return latencyMs * (Math.ceil(lists / concurrency) + Math.ceil((pages - lists) / concurrency));
}

/**
 * (b) An apply from empty: one write per change (a create is one POST), nothing else.
 * The reads of planning (page 1 of three empty lists) and of the verification plan (the page
 * bound of the new state) are reported beside it, not in it.
 */
export function applyRequestBound(changes: number): number {
  return changes;
}

/**
 * (b) The time of an apply whose levels depend on each other (categories → events →
 * properties: a child's POST needs its parent's id), with c requests in flight of
 * `latencyMs` each. Counted in rounds of one latency:
 *
 *   level-by-level:  Σ_levels ⌈n_level / c⌉                        (each level in waves of c)
 *   lower bound:     max over levels l of  (l − 1) + ⌈(n_l + … + n_last) / c⌉
 *
 * The lower bound is what a perfectly pipelined executor reaches: nothing of level l can start
 * before l − 1 rounds have passed (its parents must exist), and from then on what is left goes
 * at most c at a time. For 10 / 200 / 2,000 at c = 8 both give 277 rounds (2 + 25 + 250, and
 * ⌈2,210/8⌉), so the bound is 277 × 20 ms = 5.54 s. The lower bound is the one reported.
 */
export function applyTimeBoundMs(levels: readonly number[], concurrency: number, latencyMs: number): number {
  return latencyMs * applyRounds(levels, concurrency);
}

export function applyRounds(levels: readonly number[], concurrency: number): number {
  let best = 0;
  for (let l = 0; l < levels.length; l++) {
    const rest = levels.slice(l).reduce((sum, n) => sum + n, 0);
    if (rest > 0) best = Math.max(best, l + Math.ceil(rest / concurrency));
  }
  return best;
}

export function levelByLevelRounds(levels: readonly number[], concurrency: number): number {
  return levels.reduce((sum, n) => sum + Math.ceil(n / concurrency), 0);
}

/**
 * (c) A paced apply: the bound on the rate is the configured rate (writes a minute), measured
 * from the first to the last write the server admitted, (n − 1) gaps over that span; the bound
 * on 429s is zero, with the emulator's own limit set to the same rate over Secoda's 60 s
 * window. n writes take at least (n − 1) × 60/rate seconds.
 */
export function pacedSpanBoundMs(writes: number, writesPerMinute: number): number {
  return ((writes - 1) * 60_000) / writesPerMinute;
}

export function achievedRatePerMinute(arrivals: readonly number[]): number {
  const first = arrivals[0];
  const last = arrivals.at(-1);
  if (first === undefined || last === undefined || last <= first) return 0;
  return ((arrivals.length - 1) * 60_000) / (last - first);
}

/** (d) The targets for load + validate + plan of 100,000 properties. */
export const TARGET_PROPERTIES = 100_000;
export const CPU_TARGET_MS = 1500;
export const RSS_TARGET_MB = 300;

/**
 * The targets as ratios to the bounds above: in process (the client, planner and executor
 * driven from the benchmark's own process) and as a whole process (the built command line
 * spawned, timed from spawn to exit, Node's own start-up subtracted).
 */
export const NOOP_IN_PROCESS_TARGET = 1.2;
export const NOOP_PROCESS_TARGET = 2.5;
export const APPLY_IN_PROCESS_TARGET = 1.3;
export const APPLY_PROCESS_TARGET = 1.4;
/** `tpsync validate` of the 10,000-property plan, beyond Node's start-up. */
export const VALIDATE_TARGET_MS = 1000;
