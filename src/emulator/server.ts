/**
 * The Secoda emulator: a local HTTP server that answers like the Events API of the reference
 * (DESIGN §6), on fastify. Every request goes through the pipeline of request-pipeline.ts (log,
 * faults, gate, latency, auth, write rate limit) before its route.
 *
 * A list page may be served wrongly on purpose (shifted, lying, unordered; see FaultOptions), and
 * creates and patches may trim their text, as a real Secoda might.
 *
 * Every path answers with and without `/api/v1` and a trailing slash. Errors look like DRF's.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { AuditLog, type ApiKeyUser } from './audit-log.js';
import { bearerToken } from './auth.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { openDataFile } from './persistence.js';
import { RequestLog } from './request-log.js';
import { installRequestPipeline, type Gate } from './request-pipeline.js';
import { registerAuditLogRoutes } from './routes-audit-log.js';
import { registerCatalogRoutes } from './routes-catalog.js';
import { registerCategoryRoutes } from './routes-categories.js';
import { registerDirectoryRoutes } from './routes-directories.js';
import { registerEventRoutes, registerPropertyRoutes } from './routes-events.js';
import { changeSettings, initialSettings, type RuntimeSettings } from './runtime-settings.js';
import { Store } from './store.js';
import { WriteRateLimiter } from './write-rate-limit.js';

/** How to start the emulator: where it listens, what it requires, its data file, latency, limits and faults. */
export interface EmulatorOptions extends Partial<FaultOptions> {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The Bearer token to require; without one any non-empty Bearer token is accepted. */
  token?: string;
  /** A JSON file loaded at start if it exists, and kept up to date (atomically) after writes. */
  dataFile?: string;
  /** Delay before every response. */
  latencyMs?: number;
  /** Writes (POST/PUT/PATCH) allowed per sliding window; past it, 429 with Retry-After. Unlimited by default. */
  writeRateLimit?: number;
  /** The rate limit's window; 60 s as documented, shorter in tests. */
  writeRateWindowMs?: number;
  /** Default 50, as the emulator's contract says (DESIGN §1). */
  pageSize?: number;
  /** `GET /event/events` (the list) answers 410. */
  eventsListGone?: boolean;
  /** `GET /resource/catalog` answers 404 or 410, to exercise the client's fallback to the events list. */
  catalogGone?: false | 404 | 410;
  /** The most resources the catalog returns across all pages; 10,000 as Secoda documents, lower in tests. */
  catalogCap?: number;
  /**
   * More API keys, each accepted besides `token` and acting as its user: the performer of the
   * audit entries its writes make, and (auditLogAccess false) a key the audit log answers 403.
   */
  apiKeys?: Readonly<Record<string, ApiKeyUser>>;
  /** Told when saving the data file fails (the server keeps running and retries on the next change). */
  onPersistError?: (error: unknown) => void;
}

/** A started emulator: its address, its data and request log, and the controls a test or the command line uses. */
export interface RunningEmulator {
  /** The base URL to give tpsync, `/api/v1` included: `http://127.0.0.1:PORT/api/v1`. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, for paths without the prefix. */
  readonly origin: string;
  readonly port: number;
  /** The address the server is bound to, as the system reports it: `127.0.0.1`, `0.0.0.0`, `::`, … */
  readonly address: string;
  readonly store: Store;
  readonly log: RequestLog;
  /** Who wrote what through the emulator (`GET /activity_log/audit_logs`); a test may add entries. */
  readonly audit: AuditLog;
  gate: Gate | undefined;
  readonly faults: Readonly<FaultOptions>;
  /** Changes fault injection at runtime; a new `seed` restarts the random stream. */
  setFaults(changes: Partial<FaultOptions>): void;
  /** Changes latency, the write rate limit, the page size, the events-list and catalog switches or the catalog's cap at runtime. */
  configure(changes: Partial<RuntimeSettings>): void;
  /** Writes the data file now (when there is one and it has pending changes). */
  flush(): Promise<void>;
  /**
   * Stops listening, lets in-flight requests finish, and flushes the data file. With `graceMs`,
   * requests still in flight after that long (a long `latencyMs`, a held gate) lose their
   * connection instead, so that closing takes a bounded time.
   */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

/** Starts the emulator and resolves once it listens. Throws a DataFileError for a data file it cannot use. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings = initialSettings(options);
  const token = options.token === '' ? undefined : options.token;
  const faults = new FaultInjector(options);
  const limiter = new WriteRateLimiter(settings.writeRateLimit, settings.writeRateWindowMs);
  const log = new RequestLog();
  const store = new Store();
  const audit = new AuditLog(options.apiKeys);
  const saver = options.dataFile === undefined ? undefined : await openDataFile(options.dataFile, store, options.onPersistError);
  const unsubscribe = saver ? store.onChange(() => saver.schedule()) : () => {};
  let gate: Gate | undefined;

  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // A path that does not even decode (`/event/events/%zz`) matches no URL pattern: Django's 404.
    frameworkErrors: (_error, _request, reply) => {
      reply.raw.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ detail: 'Not found.' }));
    },
  });

  const context = installRequestPipeline(app, {
    store,
    settings,
    faults,
    limiter,
    log,
    token,
    gate: () => gate,
    acceptsKey: (key) => audit.knows(key),
    onCommitted: (request, resource) => audit.recordWrite(request.method, bearerToken(request.headers.authorization), resource),
  });

  for (const prefix of ['', '/api/v1']) {
    await app.register(
      (scope, _options, done) => {
        registerCategoryRoutes(scope, context);
        registerEventRoutes(scope, context);
        registerPropertyRoutes(scope, context);
        registerCatalogRoutes(scope, context);
        registerDirectoryRoutes(scope, context);
        registerAuditLogRoutes(scope, context, audit);
        done();
      },
      { prefix },
    );
  }

  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ port: options.port ?? 0, host });
  } catch (error) {
    unsubscribe();
    await saver?.flush();
    throw error;
  }
  const { port, address } = app.server.address() as AddressInfo;
  const origin = `http://${displayHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/api/v1`,
    origin,
    port,
    address,
    store,
    log,
    audit,
    get gate() {
      return gate;
    },
    set gate(value: Gate | undefined) {
      gate = value;
    },
    get faults() {
      return faults.current;
    },
    setFaults: (changes) => faults.update(changes),
    configure: (changes) => changeSettings(settings, changes, limiter),
    flush: async () => {
      await saver?.flush();
    },
    close: (closeOptions = {}) =>
      (closing ??= (async () => {
        const { graceMs } = closeOptions;
        const cut = graceMs === undefined ? undefined : setTimeout(() => app.server.closeAllConnections(), graceMs);
        try {
          await app.close();
        } finally {
          clearTimeout(cut);
        }
        unsubscribe();
        await saver?.flush();
      })()),
  };
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
