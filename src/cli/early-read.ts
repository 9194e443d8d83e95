/**
 * plan and apply start reading Secoda as soon as the plan names its integration, while the rest
 * of the YAML is still being parsed (a no-op plan of 10,000 properties spends about as long
 * loading as waiting for Secoda). The order of what is reported does not change: an invalid
 * plan, then a missing token or a bad option, then what Secoda answered, because the early read
 * is only awaited (`take`) after the plan is loaded. Until then it says nothing: its notices
 * (a line per retry) are held, and printed when it is taken. A plan that does not load stops it
 * (`drop`) and throws its notices away, so an invalid plan prints its problems and nothing of
 * Secoda, as when nothing was read early. With --baseline or --plan-file nothing starts early, so
 * that a wrong ref or plan file is reported before Secoda is read at all.
 */
import type { RemoteState } from '../secoda/types.js';
import { booleanOption, stringOption, type ParsedArgs } from './args.js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { openConnection, preloadSecodaClient, type Connection } from './connection.js';
import type { Io, OutputStream } from './io.js';
import { startEarlyRead, type EarlyRead } from './prepare-plan.js';

export interface EarlyReadHolder {
  /**
   * Pass to `loadTrackingPlanOrThrow`; undefined when nothing may start early. Resolves once the
   * connection is open and the first requests are out (or it failed: that is said when taken).
   */
  readonly start: ((integration: string) => Promise<void>) | undefined;
  /** The connection, and the read already in flight when it is for this integration. */
  take(integration: string): Promise<{ connection: Connection; remote: Promise<RemoteState> | undefined }>;
  /**
   * Stops the early read, if one started, and forgets what it had to say: call it when the plan
   * does not load. Resolves when the read has settled (nothing of it is left running).
   */
  drop(): Promise<void>;
}

export function earlyReadHolder(args: ParsedArgs, io: Io, command: string): EarlyReadHolder {
  let early: { read: EarlyRead; notices: HeldStream; stop: AbortController } | undefined;
  const open = () => openConnection(args, io, command);
  const mayStart = !(
    booleanOption(args, 'local') ||
    stringOption(args, 'baseline') !== undefined ||
    stringOption(args, 'plan-file') !== undefined
  );
  // The HTTP client starts loading now, while the plan's files are read from disk.
  if (mayStart) preloadSecodaClient();
  return {
    // Not with --local (its emulator is started only for a valid plan), nor when another local input
    // (--baseline, --plan-file) may still be wrong: then Secoda is not read at all, as before.
    start: !mayStart
      ? undefined
      : async (integration) => {
          if (early !== undefined) return;
          const notices = new HeldStream(io.stderr);
          const stop = new AbortController();
          const signal = io.signal === undefined ? stop.signal : AbortSignal.any([io.signal, stop.signal]);
          const quiet: Io = { ...io, stderr: notices, signal };
          early = { read: startEarlyRead(integration, () => openConnection(args, quiet, command)), notices, stop };
          await early.read.connection.then(nextTurn, () => {});
        },
    async take(integration) {
      if (early === undefined) return { connection: await open(), remote: undefined };
      early.notices.release();
      const connection = await early.read.connection;
      return { connection, remote: early.read.integration === integration ? early.read.remote : undefined };
    },
    async drop() {
      if (early === undefined) return;
      early.notices.discard();
      early.stop.abort();
      await early.read.remote.catch(() => {});
      await early.read.connection.then((c) => c.close()).catch(() => {});
    },
  };
}

/** A stream that keeps what is written until it is released (then passes it on) or discarded. */
class HeldStream implements OutputStream {
  private held: string[] | undefined = [];
  private dropped = false;

  constructor(private readonly target: OutputStream) {}

  get isTTY(): boolean | undefined {
    return this.target.isTTY;
  }

  get columns(): number | undefined {
    return this.target.columns;
  }

  write(text: string): unknown {
    if (this.dropped) return true;
    if (this.held !== undefined) this.held.push(text);
    else return this.target.write(text);
    return true;
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const text of held) this.target.write(text);
  }

  discard(): void {
    this.dropped = true;
    this.held = undefined;
  }
}
