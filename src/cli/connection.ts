/**
 * Where the commands get their Secoda from: the real API (configured from the environment:
 * src/secoda/configuration.ts) or, with --local, the sandbox's embedded emulator kept in .tpsync/
 * (src/emulator/local-sandbox.ts), so anyone can try every command without an account. Here the
 * flags become a client: its concurrency and pacing, and where its notices go.
 */
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { LOCAL_DATA_FILE, LOCAL_DIR, openLocalSandbox, type LocalSandbox } from '../emulator/local-sandbox.js';
import type { SecodaClient } from '../secoda/client.js';
import { DOCUMENTED_WRITES_PER_MINUTE, secodaConfiguration } from '../secoda/configuration.js';
import { booleanOption, integerOption, type ParsedArgs } from './args.js';
import { optionSpecs } from './command-spec.js';
import { debugLogging, exchangeLogger } from './debug-log.js';
import type { Io } from './io.js';
import { RetryAnnouncer } from './retry-line.js';
import { version } from './version.js';

/** How long a --local run waits for another one using the same store, by default (seconds). */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

/** The flags of every command that reads Secoda. */
export const connectionOptions = optionSpecs({
  local: { type: 'boolean', description: `Use an embedded Secoda emulator kept in ${LOCAL_DIR}/ (no account needed)` },
  concurrency: { type: 'string', value: 'N', description: 'Requests in flight at once (default 4)' },
  'writes-per-minute': {
    type: 'string',
    value: 'N',
    description: `Pace writes to N a minute (default ${DOCUMENTED_WRITES_PER_MINUTE}, Secoda's limit; 0 = unpaced, the default with --local)`,
  },
  debug: {
    type: 'boolean',
    description:
      'Log every request to Secoda on stderr: method, URL, status, time and trimmed bodies, never a header or the token (or set TPSYNC_LOG=debug)',
  },
  'lock-timeout': {
    type: 'string',
    value: 'seconds',
    description: `With --local: how long to wait for another run using ${LOCAL_DIR}/ (default ${DEFAULT_LOCK_TIMEOUT_SECONDS}; 0 refuses at once)`,
  },
});

export interface Connection {
  readonly client: SecodaClient;
  readonly local: boolean;
  readonly writesPerMinute: number;
  /** Where the client points, for messages (never with the token). */
  readonly baseUrl: string;
  /** Where its retry notices go (a line on stderr, unless apply's progress takes them). */
  readonly retries: RetryAnnouncer;
  close(): Promise<void>;
}

/**
 * The client the flags ask for. `command` names this run to another --local run that waits for it.
 * @throws UsageError for a bad flag, a missing token or a bad SECODA_API_URL, or a sandbox that cannot open.
 */
export async function openConnection(args: ParsedArgs<typeof connectionOptions>, io: Io, command = 'run'): Promise<Connection> {
  const local = booleanOption(args, 'local');
  const concurrency = integerOption(args, 'concurrency', 4, 1, 64);
  const writesPerMinute = integerOption(args, 'writes-per-minute', local ? 0 : DOCUMENTED_WRITES_PER_MINUTE, 0, 100_000);
  const lockTimeoutSeconds = integerOption(args, 'lock-timeout', DEFAULT_LOCK_TIMEOUT_SECONDS, 0, 86_400);
  const retries = new RetryAnnouncer(io);
  const common = {
    concurrency,
    writesPerMinute,
    userAgent: `tpsync/${version}`,
    ...(io.signal ? { signal: io.signal } : {}),
    // A line per retry: a slow or failing Secoda is never silent.
    onRetry: retries.announce,
    ...(debugLogging(booleanOption(args, 'debug'), io.env) ? { onExchange: exchangeLogger(io) } : {}),
  };

  // Loaded on demand: `validate` and `--help` should not pay for an HTTP client.
  const { SecodaClient } = await import('../secoda/client.js');
  if (local) {
    const sandbox = await openSandbox(io, command, lockTimeoutSeconds * 1000);
    return {
      client: new SecodaClient({ ...common, baseUrl: sandbox.url, token: sandbox.token }),
      local: true,
      writesPerMinute,
      baseUrl: `${sandbox.url} (local emulator, ${LOCAL_DIR}/)`,
      retries,
      close: () => sandbox.close(),
    };
  }
  const configuration = secodaConfiguration(io.env);
  if (!configuration.ok) throw new UsageError(configuration.message, configuration.hint);
  const { baseUrl, token } = configuration;
  return {
    client: new SecodaClient({ ...common, baseUrl, token }),
    local: false,
    writesPerMinute,
    baseUrl,
    retries,
    close: async () => {},
  };
}

/** The --local sandbox, with what it says on stderr: whom it waits for, where its data is, a save that failed. */
async function openSandbox(io: Io, command: string, lockTimeoutMs: number): Promise<LocalSandbox> {
  const sandbox = await openLocalSandbox({
    command,
    lockTimeoutMs,
    ...(io.signal ? { signal: io.signal } : {}),
    onWait: (holder) => io.stderr.write(`Waiting for ${holder} to finish with the local Secoda in ${LOCAL_DIR}/…\n`),
    onPersistError: (error) =>
      io.stderr.write(
        `warning: could not save ${LOCAL_DIR}/${LOCAL_DATA_FILE}: ${error instanceof Error ? error.message : String(error)}\n`,
      ),
  });
  // A line that stays (the "Reading Secoda…" line is erased): where the sandbox's data is, and how to reset it.
  io.stderr.write(
    `Local Secoda: ${join(LOCAL_DIR, LOCAL_DATA_FILE)} in ${process.cwd()} (${sandbox.resources === 1 ? '1 resource' : `${sandbox.resources} resources`}), an emulator run by tpsync; delete ${LOCAL_DIR}/ to start from an empty one.\n`,
  );
  return sandbox;
}
