/**
 * Where the commands get their Secoda from: the real API (SECODA_API_URL, SECODA_API_TOKEN)
 * or, with --local, an embedded emulator kept in .tpsync/ so anyone can try every command
 * without an account.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { writeOutputFile } from '../files/write-output-file.js';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { isHttpUrl } from '../redaction/secrets-from-env.js';
import type { RunningEmulator } from '../emulator/server.js';
import type { SecodaClient } from '../secoda/client.js';
import type { Exchange } from '../secoda/http-transport.js';
import { escapeControls } from '../render/terminal-text.js';
import { integerOption, booleanOption, type OptionSpec, type ParsedArgs } from './args.js';
import { ERASE_LINE, drawsOnTerminal, type Io } from './io.js';
import { acquireLocalLock, LOCK_FILE } from './local-lock.js';
import { checkLocalStore } from './local-store.js';
import { RetryAnnouncer } from './retry-line.js';
import { version } from './version.js';

export const DEFAULT_API_URL = 'https://api.secoda.co/api/v1';
/** Secoda's documented limit: "30 write calls (POST/PUT/PATCH) per minute". */
export const DOCUMENTED_WRITES_PER_MINUTE = 30;
export const LOCAL_DIR = '.tpsync';
/** The embedded emulator's data, in LOCAL_DIR. */
const LOCAL_DATA_FILE = 'emulator.json';
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
};

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

export async function openConnection(args: ParsedArgs, io: Io, command = 'run'): Promise<Connection> {
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
    ...(debugLogging(args, io)
      ? { onExchange: (exchange: Exchange) => io.stderr.write(exchangeLines(exchange, drawsOnTerminal(io))) }
      : {}),
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
      baseUrl: `${emulator.url} (local emulator, ${LOCAL_DIR}/)`,
      retries,
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
  const baseUrl = normaliseBaseUrl(io.env['SECODA_API_URL']?.trim() || DEFAULT_API_URL, io.env);
  return {
    client: new SecodaClient({ ...common, baseUrl, token }),
    local: false,
    writesPerMinute,
    baseUrl,
    retries,
    close: async () => {},
  };
}

/** `--debug`, or TPSYNC_LOG=debug in the environment (for a CI job whose command line is fixed). */
export function debugLogging(args: ParsedArgs, io: Io): boolean {
  return booleanOption(args, 'debug') || (io.env['TPSYNC_LOG'] ?? '').trim().toLowerCase() === 'debug';
}

/**
 * A request of the debug log: `debug: GET https://…/event/category/?page=1 → 200 in 41 ms`, then
 * what was sent and what came back, trimmed. The stream's redaction takes out any secret too.
 */
function exchangeLines(exchange: Exchange, erase: boolean): string {
  const lines = [`debug: ${exchange.method} ${exchange.url} → ${exchange.outcome} in ${exchange.ms} ms`];
  // A server's bytes never move the terminal's cursor or colour what follows.
  if (exchange.requestBody !== undefined) lines.push(`debug:   sent ${escapeControls(exchange.requestBody)}`);
  if (exchange.responseBody !== undefined && exchange.responseBody !== '')
    lines.push(`debug:   got  ${escapeControls(exchange.responseBody)}`);
  return `${erase ? ERASE_LINE : ''}${lines.join('\n')}\n`;
}

function normaliseBaseUrl(raw: string, env: Io['env']): string {
  // A value that is no URL is never quoted: it may be a token put in the wrong variable.
  const swapped = isHttpUrl(env['SECODA_API_TOKEN']?.trim() ?? '')
    ? 'SECODA_API_TOKEN holds a URL: are SECODA_API_URL and SECODA_API_TOKEN swapped? '
    : '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError('SECODA_API_URL is not a URL (it is not shown: it may hold a secret)', `${swapped}use e.g. ${DEFAULT_API_URL}`);
  }
  if (url.username || url.password)
    throw new UsageError('SECODA_API_URL must not contain credentials (user:password@); put the API key in SECODA_API_TOKEN');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(
      'SECODA_API_URL must be an http(s) URL (it is not shown: it may hold a secret)',
      `${swapped}use e.g. ${DEFAULT_API_URL}`,
    );
  // `…/api/v1?` and `…/api/v1#` have an empty query or fragment, but still end the path.
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(url.href))
    throw new UsageError('SECODA_API_URL must not have a query (?…) or a fragment (#…)', `use e.g. ${DEFAULT_API_URL}`);
  return url.toString().replace(/\/+$/, '');
}

interface LocalEmulator {
  readonly url: string;
  readonly token: string;
  /** Categories, events and properties the store held when it started. */
  readonly resources: number;
  close(): Promise<void>;
}

async function startLocalEmulator(io: Io, command: string, lockTimeoutMs: number): Promise<LocalEmulator> {
  // A store (or an entry in it) that is a link is refused by name before anything is opened.
  await checkLocalStore(LOCAL_DIR, [LOCAL_DATA_FILE, LOCK_FILE, '.gitignore']);
  await mkdir(LOCAL_DIR, { recursive: true });
  // Keep the emulator's data out of git even where the repository does not ignore it.
  await writeOutputFile(join(LOCAL_DIR, '.gitignore'), '*\n');
  const lock = await acquireLocalLock(LOCAL_DIR, {
    timeoutMs: lockTimeoutMs,
    command,
    onWait: (holder) => io.stderr.write(`Waiting for ${holder} to finish with the local Secoda in ${LOCAL_DIR}/…\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  try {
    const emulator = await startHeldEmulator(io);
    // A line that stays (the "Reading Secoda…" line is erased): where the sandbox's data is, and how to reset it.
    io.stderr.write(
      `Local Secoda: ${join(LOCAL_DIR, LOCAL_DATA_FILE)} in ${process.cwd()} (${emulator.resources === 1 ? '1 resource' : `${emulator.resources} resources`}), an emulator run by tpsync; delete ${LOCAL_DIR}/ to start from an empty one.\n`,
    );
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
      dataFile: join(LOCAL_DIR, LOCAL_DATA_FILE),
      onPersistError: (error) =>
        io.stderr.write(`warning: could not save ${LOCAL_DIR}/emulator.json: ${error instanceof Error ? error.message : String(error)}\n`),
    });
  } catch (error) {
    throw new UsageError(
      `could not start the local emulator: ${error instanceof Error ? error.message : String(error)}`,
      `delete ${LOCAL_DIR}/emulator.json if it is damaged`,
    );
  }
  return { url: emulator.url, token, resources: emulator.store.size, close: () => emulator.close() };
}
