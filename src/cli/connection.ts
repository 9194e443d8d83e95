/**
 * Where the commands get their Secoda from: the real API (SECODA_API_URL, SECODA_API_TOKEN)
 * or, with --local, an embedded emulator kept in .tpsync/ so anyone can try every command
 * without an account.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { quote } from '../render/quoted-values.js';
import type { RunningEmulator } from '../emulator/server.js';
import type { SecodaClient } from '../secoda/client.js';
import type { RetryNotice } from '../secoda/http-transport.js';
import { integerOption, booleanOption, type OptionSpec, type ParsedArgs } from './args.js';
import type { Io } from './io.js';
import { acquireLocalLock } from './local-lock.js';
import { retryLine } from './retry-line.js';
import { version } from './version.js';

export const DEFAULT_API_URL = 'https://api.secoda.co/api/v1';
/** Secoda's documented limit: "30 write calls (POST/PUT/PATCH) per minute". */
export const DOCUMENTED_WRITES_PER_MINUTE = 30;
export const LOCAL_DIR = '.tpsync';
/** How long a --local run waits for another one using the same store, by default (seconds). */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

export const connectionOptions: Readonly<Record<string, OptionSpec>> = {
  local: { type: 'boolean', description: `Use an embedded Secoda emulator kept in ${LOCAL_DIR}/ (no account needed)` },
  concurrency: { type: 'string', value: 'N', description: 'Requests in flight at once (default 4)' },
  'writes-per-minute': {
    type: 'string',
    value: 'N',
    description: `Pace writes to N a minute (default ${DOCUMENTED_WRITES_PER_MINUTE}, Secoda's limit; 0 = unpaced, the default with --local)`,
  },
  'lock-timeout': {
    type: 'string',
    value: 'seconds',
    description: `With --local: how long to wait for another run using ${LOCAL_DIR}/ (default ${DEFAULT_LOCK_TIMEOUT_SECONDS}; 0 refuses at once)`,
  },
};

export interface Connection {
  readonly client: SecodaClient;
  readonly local: boolean;
  readonly writesPerMinute: number;
  /** Prints a line for a retry (the client's, and a create sent again after an unknown outcome). */
  readonly onRetry: (notice: RetryNotice) => void;
  /** Where the client points, for messages (never with the token). */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function openConnection(args: ParsedArgs, io: Io, command = 'run'): Promise<Connection> {
  const local = booleanOption(args, 'local');
  const concurrency = integerOption(args, 'concurrency', 4, 1, 64);
  const writesPerMinute = integerOption(args, 'writes-per-minute', local ? 0 : DOCUMENTED_WRITES_PER_MINUTE, 0, 100_000);
  const lockTimeoutSeconds = integerOption(args, 'lock-timeout', DEFAULT_LOCK_TIMEOUT_SECONDS, 0, 86_400);
  // A line per retry: a slow or failing Secoda is never silent.
  const onRetry = (notice: RetryNotice) => void io.stderr.write(`${io.stderr.isTTY === true ? '\r\u001b[2K' : ''}${retryLine(notice)}\n`);
  const common = {
    concurrency,
    writesPerMinute,
    userAgent: `tpsync/${version}`,
    ...(io.signal ? { signal: io.signal } : {}),
    onRetry,
  };

  // Loaded on demand: `validate` and `--help` should not pay for an HTTP client or a server.
  const { SecodaClient } = await import('../secoda/client.js');
  if (local) {
    const emulator = await startLocalEmulator(io, command, lockTimeoutSeconds * 1000);
    const client = new SecodaClient({ ...common, baseUrl: emulator.url, token: emulator.token });
    return {
      client,
      local: true,
      writesPerMinute,
      onRetry,
      baseUrl: `${emulator.url} (local emulator, ${LOCAL_DIR}/)`,
      close: () => emulator.close(),
    };
  }

  const token = io.env['SECODA_API_TOKEN']?.trim();
  if (!token) {
    throw new UsageError(
      'SECODA_API_TOKEN is not set',
      'create an API key in Secoda (Settings → API) and export SECODA_API_TOKEN=…; or add --local to try tpsync against an embedded emulator',
    );
  }
  const baseUrl = normaliseBaseUrl(io.env['SECODA_API_URL']?.trim() || DEFAULT_API_URL);
  return {
    client: new SecodaClient({ ...common, baseUrl, token }),
    local: false,
    writesPerMinute,
    onRetry,
    baseUrl,
    close: async () => {},
  };
}

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`SECODA_API_URL is not a URL: ${quote(urlForMessage(raw))}`, `use e.g. ${DEFAULT_API_URL}`);
  }
  if (url.username || url.password)
    throw new UsageError('SECODA_API_URL must not contain credentials (user:password@); put the API key in SECODA_API_TOKEN');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`SECODA_API_URL must be an http(s) URL, not ${quote(urlForMessage(raw))}`, `use e.g. ${DEFAULT_API_URL}`);
  if (url.search !== '' || url.hash !== '')
    throw new UsageError('SECODA_API_URL must not have a query (?…) or a fragment (#…)', `use e.g. ${DEFAULT_API_URL}`);
  return url.toString().replace(/\/+$/, '');
}

/** A URL as a message may show it: never its credentials (`user:password@`) or its query. */
function urlForMessage(raw: string): string {
  return raw.replace(/^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1***@').replace(/[?#].*$/s, '?…');
}

interface LocalEmulator {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

async function startLocalEmulator(io: Io, command: string, lockTimeoutMs: number): Promise<LocalEmulator> {
  await mkdir(LOCAL_DIR, { recursive: true });
  // Keep the emulator's data out of git even where the repository does not ignore it.
  await writeFile(join(LOCAL_DIR, '.gitignore'), '*\n');
  const lock = await acquireLocalLock(LOCAL_DIR, {
    timeoutMs: lockTimeoutMs,
    command,
    onWait: (holder) => io.stderr.write(`Waiting for ${holder} to finish with the local Secoda in ${LOCAL_DIR}/…\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  try {
    const emulator = await startHeldEmulator(io);
    return {
      ...emulator,
      close: async () => {
        try {
          await emulator.close();
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startHeldEmulator(io: Io): Promise<LocalEmulator> {
  // A fresh token each run: nothing secret is ever written to disk.
  const token = randomBytes(16).toString('hex');
  let emulator: RunningEmulator;
  try {
    const { startEmulator } = await import('../emulator/server.js');
    emulator = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      token,
      dataFile: join(LOCAL_DIR, 'emulator.json'),
      onPersistError: (error) =>
        io.stderr.write(`warning: could not save ${LOCAL_DIR}/emulator.json: ${error instanceof Error ? error.message : String(error)}\n`),
    });
  } catch (error) {
    throw new UsageError(
      `could not start the local emulator: ${error instanceof Error ? error.message : String(error)}`,
      `delete ${LOCAL_DIR}/emulator.json if it is damaged`,
    );
  }
  return { url: emulator.url, token, close: () => emulator.close() };
}
