/**
 * plan and apply start reading Secoda as soon as the plan names its integration, while the rest
 * of the YAML is still being parsed (a no-op plan of 10,000 properties spends about as long
 * loading as waiting for Secoda). The order of what is reported does not change: an invalid
 * plan, then a missing token or a bad option, then what Secoda answered, because the early read
 * is only awaited (`take`) after the plan is loaded. With --baseline or --plan-file nothing
 * starts early, so that a wrong ref or plan file is reported before Secoda is read at all.
 */
import type { RemoteState } from '../secoda/types.js';
import { booleanOption, stringOption, type ParsedArgs } from './args.js';
import { openConnection, type Connection } from './connection.js';
import type { Io } from './io.js';
import { startEarlyRead, type EarlyRead } from './prepare-plan.js';

export interface EarlyReadHolder {
  /** Pass to `loadTrackingPlanOrThrow`; undefined when nothing may start early. */
  readonly start: ((integration: string) => void) | undefined;
  /** The connection, and the read already in flight when it is for this integration. */
  take(integration: string): Promise<{ connection: Connection; remote: Promise<RemoteState> | undefined }>;
}

export function earlyReadHolder(args: ParsedArgs, io: Io, command: string): EarlyReadHolder {
  let early: EarlyRead | undefined;
  const open = () => openConnection(args, io, command);
  return {
    // Not with --local (its emulator is started only for a valid plan), nor when another local input
    // (--baseline, --plan-file) may still be wrong: then Secoda is not read at all, as before.
    start:
      booleanOption(args, 'local') || stringOption(args, 'baseline') !== undefined || stringOption(args, 'plan-file') !== undefined
        ? undefined
        : (integration) => {
            early ??= startEarlyRead(integration, open);
          },
    async take(integration) {
      if (early === undefined) return { connection: await open(), remote: undefined };
      const connection = await early.connection;
      return { connection, remote: early.integration === integration ? early.remote : undefined };
    },
  };
}
