/**
 * plan and apply start reading Secoda as soon as the plan names its integration, while the rest
 * of the YAML is still being parsed (a no-op plan of 10,000 properties spends about as long
 * loading as waiting for Secoda). The order of what is reported does not change: an invalid
 * plan, a wrong --baseline or saved plan file, then a missing token or bad option, then what
 * Secoda answered, because the early read is only awaited (`take`) after the others.
 */
import type { RemoteState } from '../secoda/types.js';
import { booleanOption, type ParsedArgs } from './args.js';
import { openConnection, type Connection } from './connection.js';
import type { Io } from './io.js';
import { startEarlyRead, type EarlyRead } from './prepare-plan.js';

export interface EarlyReadHolder {
  /** Pass to `loadTrackingPlanOrThrow`; undefined with --local (its emulator is started only for a valid plan). */
  readonly start: ((integration: string) => void) | undefined;
  /** The connection, and the read already in flight when it is for this integration. */
  take(integration: string): Promise<{ connection: Connection; remote: Promise<RemoteState> | undefined }>;
}

export function earlyReadHolder(args: ParsedArgs, io: Io): EarlyReadHolder {
  let early: EarlyRead | undefined;
  const open = () => openConnection(args, io);
  return {
    start: booleanOption(args, 'local')
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
