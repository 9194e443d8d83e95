/**
 * How one apply keeps out of the way of another apply that started at about the same time, on
 * the same Secoda (a CI re-run, two merges whose workflows have no `concurrency:` group). Secoda
 * has no create-if-absent: two runs that look for a resource at the same moment both find
 * nothing and both create it. Looking right before each create only helps once the runs are
 * apart in time, and two runs from the same plan move in step. So:
 *
 * - **Stagger.** Before its first look, a run waits a random time (once): two runs started at
 *   the same instant look at different moments, and the later finds what the earlier made.
 * - **One first.** The run's first such create goes alone, and the others wait until it is
 *   settled (looked, created, checked): if the two runs still met, they meet on one resource,
 *   not on every category at once.
 * - **Follow.** A run that adopts a copy another run made (found by its look, or older than its
 *   own after the create) knows the other is at work on the same plan; so does a run about to
 *   create under a parent that someone made in the last two minutes (the run that made it may
 *   still be creating under it, and under a parent it made itself a run does not look first).
 *   From then on it creates nothing that is still missing until it has seen no other run's copy
 *   for a quiet time (random per run, so that two runs that follow each other do not both end
 *   their wait at once): it looks again every poll, and adopts what the other made meanwhile.
 *
 * The looks themselves (one listing of a parent serves every create under it) are in
 * SiblingLookup; the decisions are in createWithReconciliation.
 */
import { idKey } from '../ids.js';
import { abortableSleep, sleepUnlessAborted } from '../secoda/abortable-sleep.js';
import type { SecodaPort } from '../secoda/port.js';
import { SiblingLookup } from './find-existing.js';

/** How long a follower waits without seeing another run's copy before it creates what is missing (ms), unpaced. */
export const DEFAULT_QUIET_MS = 2_000;
/** Paced, the other run creates one resource per write interval at best: the quiet time is this many intervals at least. */
const QUIET_INTERVALS = 3;
/** A parent made less than this long ago (ms, by its `created_at`) may still be getting children from the run that made it. */
export const FRESH_PARENT_MS = 120_000;
/**
 * The most parents whose age a run reads before its first create (categories first). Made by a
 * run at work now, most of a plan's parents are new, so a few tell; a big apply under old
 * parents costs no more than these reads.
 */
const MAX_PARENTS_CHECKED = 16;
/** A follower looks again this often while it waits (ms), within these bounds. */
const MIN_POLL_MS = 100;
const MAX_POLL_MS = 1_000;

/** A parent that existed before the run, which the run creates under. */
export interface ParentBeforeRun {
  readonly kind: 'category' | 'event';
  readonly id: string;
  readonly title: string;
}

export interface RaceGuardOptions {
  /** The most the run waits, at random, before its first look (ms; 0 for none). */
  readonly staggerMs: number;
  /**
   * The parents, existing before the run, that it creates under: one made in the last two
   * minutes means another run may still be creating under it (or beside it), so the run follows
   * from its first create on. (At most 16 are read, categories first.)
   */
  readonly parents?: readonly ParentBeforeRun[];
  /**
   * How long a run that followed another waits without seeing another copy before it creates
   * what is still missing (ms, before the random part: the run's own quiet time is 1 to 1.5 times
   * it). Default: 2 s, or three write intervals when paced.
   */
  readonly quietMs?: number;
  readonly signal?: AbortSignal;
  /** Random numbers in [0, 1) (default Math.random). */
  readonly random?: () => number;
}

/** One run's state against other runs (see the top of this file). */
export class RaceGuard {
  /** Looks under a parent, shared by the creates that go under it. */
  readonly lookup: SiblingLookup;
  /** This run's quiet time (ms). */
  readonly quietMs: number;
  /** How often a waiting create looks again (ms). */
  readonly pollMs: number;
  private readonly staggerMs: number;
  private readonly parents: readonly ParentBeforeRun[];
  private readonly signal: AbortSignal | undefined;
  private readonly random: () => number;
  private staggered: Promise<void> | undefined;
  private first: Promise<void> | undefined;
  private lastSeen = -Infinity;

  constructor(port: SecodaPort, integration: string, options: RaceGuardOptions) {
    this.lookup = new SiblingLookup(port, integration);
    this.signal = options.signal;
    this.random = options.random ?? Math.random;
    this.staggerMs = options.staggerMs;
    this.parents = options.parents ?? [];
    const base = options.quietMs ?? Math.max(DEFAULT_QUIET_MS, QUIET_INTERVALS * port.writeIntervalMs);
    this.quietMs = base * (1 + this.random() / 2);
    this.pollMs = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, this.quietMs / 4));
  }

  /**
   * Waits for this create's turn to look: the run's stagger (once), then, unless this is the
   * run's first create that looks, until that first one is settled. Returns what to call when
   * this create is settled (it lets the others go when it was the first).
   */
  async enter(): Promise<() => void> {
    this.staggered ??= this.begin();
    await this.staggered;
    if (this.first !== undefined) {
      await this.first;
      return () => {};
    }
    let settled: () => void = () => {};
    this.first = new Promise<void>((resolve) => (settled = resolve));
    return settled;
  }

  /** This run adopted a copy that another run made: it follows that run for a quiet time. */
  sawAnotherRun(): void {
    this.lastSeen = performance.now();
  }

  /**
   * The run's first wait: its stagger, then a look at when the parents it creates under were
   * made (each once, together). A failing look is no sign of another run.
   */
  private async begin(): Promise<void> {
    if (this.staggerMs > 0) await sleepUnlessAborted(this.random() * this.staggerMs, this.signal);
    if (this.signal?.aborted === true) return;
    const distinct = new Map<string, ParentBeforeRun>();
    for (const parent of this.parents) distinct.set(`${parent.kind} ${idKey(parent.id)}`, parent);
    const checked = [...distinct.values()]
      .sort((a, b) => Number(a.kind === 'event') - Number(b.kind === 'event'))
      .slice(0, MAX_PARENTS_CHECKED);
    const created = await Promise.all(
      checked.map((parent) => this.lookup.createdAt(parent.kind, parent.id, parent.title).catch(() => undefined)),
    );
    if (created.some((ms) => ms !== undefined && Date.now() - ms < FRESH_PARENT_MS)) this.sawAnotherRun();
  }

  /** Whether another run's copy was seen less than the quiet time ago. */
  following(): boolean {
    return performance.now() - this.lastSeen < this.quietMs;
  }

  /** Waits until it is time to look again (rejects when the run is interrupted). */
  pause(): Promise<void> {
    return abortableSleep(this.pollMs, this.signal);
  }
}
