/**
 * Spaces write calls evenly to stay under Secoda's documented limit of 30 writes (POST/PUT/
 * PATCH) per minute, so that a long apply runs at the allowed rate instead of in 429 storms.
 * Each write takes the next free slot, 60/N seconds after the previous one; an idle pacer
 * lets the next write go at once, so there is never a burst.
 */
import { abortableSleep } from './abortable-sleep.js';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: abortableSleep,
};

/**
 * Secoda counts writes over a sliding minute (DRF's throttle keeps the time of each admitted
 * write and refuses one more once the last minute holds the limit). Even spacing alone does not
 * keep under it: at exactly N a minute, write k and write k + N are one minute apart by the
 * schedule, and if write k reached Secoda a little late and write k + N on time, the window
 * holds N + 1 writes, and a paced apply that runs past its first minute meets a 429.
 */
const WINDOW_MS = 60_000;
/** Slack for what happens between leaving the pacer and reaching Secoda (queueing, the network). */
const WINDOW_MARGIN_MS = 500;

export class WritePacer {
  private nextSlot = 0;
  private readonly intervalMs: number;
  /** The writes a window allows: the ring below remembers that many. */
  private readonly perWindow: number;
  /** Slots handed out so far, i.e. the sequence number of the next write. */
  private issued = 0;
  /** When each of the last `perWindow` writes left the pacer, and which write it was (by sequence number, modulo the ring). */
  private leftAt: Float64Array | undefined;
  private leftSeq: Float64Array | undefined;

  /** `writesPerMinute` 0 means unpaced. */
  constructor(
    readonly writesPerMinute: number,
    private readonly clock: Clock = systemClock,
  ) {
    this.intervalMs = writesPerMinute > 0 ? 60_000 / writesPerMinute : 0;
    this.perWindow = Math.max(1, Math.floor(writesPerMinute));
  }

  get paced(): boolean {
    return this.intervalMs > 0;
  }

  /**
   * Waits for this write's slot. Slots are handed out in call order. A write also waits until
   * the write `writesPerMinute` places before it left more than a minute (and a margin) ago, so
   * that no minute ever holds more writes than the limit, whatever the timers' jitter.
   */
  async acquire(signal?: AbortSignal): Promise<void> {
    if (!this.paced) return;
    await this.reserve().open(signal);
  }

  /**
   * Takes the next slot now, for a write that will be sent when it opens. Slots are handed out
   * in call order, so reserving at once keeps a write's place while the caller uses the wait
   * (e.g. to look something up, since reads are not limited). A reservation that is never opened
   * costs one slot's spacing. Unpaced, the reservation opens at once.
   */
  reserve(): WriteSlot {
    if (!this.paced) return { at: this.clock.now(), near: () => Promise.resolve(), open: () => Promise.resolve() };
    const seq = this.issued++;
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    let opened: Promise<void> | undefined;
    return {
      at: slot,
      near: async (leadMs, signal) => {
        const wait = slot - leadMs - this.clock.now();
        if (wait > 0) await this.clock.sleep(wait, signal);
      },
      open: (signal) =>
        (opened ??= (async () => {
          const wait = slot - this.clock.now();
          if (wait > 0) await this.clock.sleep(wait, signal);
          const opens = this.windowOpensFor(seq);
          const ready = this.clock.now();
          if (opens > ready) await this.clock.sleep(opens - ready, signal);
          this.remember(seq, this.clock.now());
        })()),
    };
  }

  /** The spacing between two writes, in ms (0 unpaced). */
  get interval(): number {
    return this.intervalMs;
  }

  /** After a 429, no write goes before `until` (and the rest keep their spacing after it). */
  pauseUntil(until: number): void {
    if (!this.paced) return;
    this.nextSlot = Math.max(this.nextSlot, until);
  }

  /** The earliest time write `seq` may leave without making a minute hold one write too many. */
  private windowOpensFor(seq: number): number {
    const earlier = seq - this.perWindow;
    if (earlier < 0 || this.leftAt === undefined || this.leftSeq === undefined) return -Infinity;
    const index = earlier % this.perWindow;
    // Unknown when that write has not left (it was interrupted): nothing to wait for.
    if (this.leftSeq[index] !== earlier) return -Infinity;
    return (this.leftAt[index] ?? 0) + WINDOW_MS + WINDOW_MARGIN_MS;
  }

  private remember(seq: number, at: number): void {
    this.leftAt ??= new Float64Array(this.perWindow);
    this.leftSeq ??= new Float64Array(this.perWindow).fill(-1);
    const index = seq % this.perWindow;
    this.leftAt[index] = at;
    this.leftSeq[index] = seq;
  }
}

/** A write's place in the pacer's schedule (see WritePacer.reserve). */
export interface WriteSlot {
  /** When the slot opens (clock ms). */
  readonly at: number;
  /** Resolves `leadMs` before the slot opens, or at once when it is that close already. */
  near(leadMs: number, signal?: AbortSignal): Promise<void>;
  /** Resolves when the write may go (the same promise however often it is called). */
  open(signal?: AbortSignal): Promise<void>;
}
