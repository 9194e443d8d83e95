/**
 * Seeded fault injection. Every request draws the same number of values from one mulberry32
 * stream, in arrival order, whatever the rates and whether a fault fires — so the same seed and
 * the same request sequence give the same faults, and changing one rate does not reshuffle the rest.
 * Faults of list pages (shifted windows, lying envelopes, unordered rows) draw from a second
 * stream of the same seed, once per list page served, so they leave the first stream as it was.
 */

export interface FaultOptions {
  seed: number;
  /** Any method: answer 500, 502 or 503 before doing anything. */
  failBeforeRate: number;
  /** Writes only: commit, then answer 500. */
  failAfterCommitRate: number;
  /** Writes only: commit, then destroy the socket without a response (a lost response). */
  dropAfterCommitRate: number;
  /** Any method: start a burst of 429s with `Retry-After: 1` that lasts a few requests. */
  rateLimitBurstRate: number;
  /** Restrict faults to these methods; undefined means every method. */
  faultMethods: readonly string[] | undefined;
  /**
   * List pages after the first: share whose window is shifted by one or two rows, as when rows
   * are inserted or deleted before it between two page requests (the count stays as it was).
   */
  shiftPagesRate: number;
  /**
   * List pages: share whose envelope lies — a count off by one to three, a `total_pages` of
   * 40,000, or a `next_page` where there is none (and none where there is one).
   */
  lyingEnvelopeRate: number;
  /** Every list page request sees the rows in a new order, as Django pages an unordered queryset. */
  unorderedLists: boolean;
  /**
   * Creates and patches store `description` and `definition` trimmed of surrounding whitespace,
   * with \n line endings (DRF's CharField trims by default), in Unicode NFC.
   */
  trimTextOnSave: boolean;
}

/** How one list page is served wrongly (see FaultOptions). */
export interface ListFaultDecision {
  /** Rows to move the page's window by (negative: back, repeating rows of the page before). */
  readonly shift: number;
  readonly lie: 'count' | 'total-pages' | 'next-page' | undefined;
  /** For a lying count: what to add to it. */
  readonly countDelta: number;
  /** For an unordered list: the seed of this request's row order. */
  readonly orderSeed: number | undefined;
}

export const NO_LIST_FAULT: ListFaultDecision = { shift: 0, lie: undefined, countDelta: 0, orderSeed: undefined };

export type FaultKind =
  'fail-before' | 'rate-limit-burst' | 'fail-after-commit' | 'drop-after-commit' | 'shifted-page' | 'lying-envelope' | 'unordered';

export interface FaultDecision {
  before?: { kind: 'fail-before'; status: 500 | 502 | 503 } | { kind: 'rate-limit-burst' };
  afterCommit?: 'fail-after-commit' | 'drop-after-commit';
}

export const NO_FAULTS: FaultOptions = {
  seed: 1,
  failBeforeRate: 0,
  failAfterCommitRate: 0,
  dropAfterCommitRate: 0,
  rateLimitBurstRate: 0,
  faultMethods: undefined,
  shiftPagesRate: 0,
  lyingEnvelopeRate: 0,
  unorderedLists: false,
  trimTextOnSave: false,
};

/** The second stream's seed: the same seed, mixed, so the two streams do not repeat each other. */
const LIST_STREAM = 0x9e3779b9;

/** Requests that change data: after-commit faults apply to these (a lost DELETE reply included). */
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const FAIL_STATUSES = [500, 502, 503] as const;
/** A burst lasts 2 to 4 requests (the one that starts it included). */
const BURST_MIN = 2;
const BURST_SPREAD = 3;

/** mulberry32: a tiny, well-mixed 32-bit PRNG; values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private options: FaultOptions;
  private random: () => number;
  private listRandom: () => number;
  private burstLeft = 0;

  constructor(options: Partial<FaultOptions> = {}) {
    this.options = checked({ ...NO_FAULTS, ...options });
    this.random = mulberry32(this.options.seed);
    this.listRandom = mulberry32(this.options.seed ^ LIST_STREAM);
  }

  get current(): Readonly<FaultOptions> {
    return this.options;
  }

  /** Changes faults at runtime; a new `seed` restarts the stream. */
  update(changes: Partial<FaultOptions>): void {
    this.options = checked({ ...this.options, ...changes });
    if (changes.seed !== undefined) {
      this.random = mulberry32(this.options.seed);
      this.listRandom = mulberry32(this.options.seed ^ LIST_STREAM);
      this.burstLeft = 0;
    }
  }

  /** Decides how one list page (number `page`) is served; five draws from the list stream, always. */
  decideList(page: number): ListFaultDecision {
    const [shift, amount, lie, kind, order] = [
      this.listRandom(),
      this.listRandom(),
      this.listRandom(),
      this.listRandom(),
      this.listRandom(),
    ];
    const o = this.options;
    const magnitude = 1 + Math.floor(amount * 2);
    const lies = ['count', 'total-pages', 'next-page'] as const;
    // Where a draw fell below its rate also says which way: the lower half one way, the upper the other.
    const shifted = page > 1 && shift < o.shiftPagesRate;
    const lying = lie < o.lyingEnvelopeRate;
    return {
      shift: shifted ? (shift < o.shiftPagesRate / 2 ? -magnitude : magnitude) : 0,
      lie: lying ? lies[Math.floor(kind * lies.length)] : undefined,
      countDelta: lying ? (lie < o.lyingEnvelopeRate / 2 ? -1 : 1) * (1 + Math.floor(amount * 3)) : 0,
      orderSeed: o.unorderedLists ? Math.floor(order * 2 ** 32) : undefined,
    };
  }

  /** Decides one request's fate, at arrival. */
  decide(method: string): FaultDecision {
    const [burst, burstLength, fail, status, after] = [this.random(), this.random(), this.random(), this.random(), this.random()];
    const o = this.options;
    if (o.faultMethods !== undefined && !o.faultMethods.includes(method.toUpperCase())) return {};
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return { before: { kind: 'rate-limit-burst' } };
    }
    if (burst < o.rateLimitBurstRate) {
      this.burstLeft = BURST_MIN - 1 + Math.floor(burstLength * BURST_SPREAD);
      return { before: { kind: 'rate-limit-burst' } };
    }
    if (fail < o.failBeforeRate)
      return { before: { kind: 'fail-before', status: FAIL_STATUSES[Math.floor(status * FAIL_STATUSES.length)] ?? 500 } };
    if (!MUTATING.has(method.toUpperCase())) return {};
    if (after < o.failAfterCommitRate) return { afterCommit: 'fail-after-commit' };
    if (after < o.failAfterCommitRate + o.dropAfterCommitRate) return { afterCommit: 'drop-after-commit' };
    return {};
  }
}

function checked(options: FaultOptions): FaultOptions {
  for (const key of [
    'failBeforeRate',
    'failAfterCommitRate',
    'dropAfterCommitRate',
    'rateLimitBurstRate',
    'shiftPagesRate',
    'lyingEnvelopeRate',
  ] as const) {
    const rate = options[key];
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new RangeError(`${key} must be a number from 0 to 1, not ${rate}`);
  }
  if (options.failAfterCommitRate + options.dropAfterCommitRate > 1)
    throw new RangeError('failAfterCommitRate + dropAfterCommitRate must not exceed 1');
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be a whole number, not ${options.seed}`);
  return { ...options, faultMethods: options.faultMethods?.map((m) => m.toUpperCase()) };
}
