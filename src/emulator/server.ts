/**
 * The Secoda emulator: a local HTTP server that answers like the Events API of the reference
 * (DESIGN §6), on fastify. Each request goes through, in order:
 *
 *   log → fault decision (seeded, at arrival) → gate (tests) → latency → injected 5xx / 429 burst
 *   → Bearer auth (401) → write rate limit (429) → route → commit → after-commit fault (500 / drop)
 *
 * A list page may be served wrongly on purpose (shifted, lying, unordered; see FaultOptions), and
 * creates and patches may trim their text, as a real Secoda might.
 *
 * Every path answers with and without `/api/v1` and a trailing slash. Errors look like DRF's.
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { authenticationFailure } from './auth.js';
import { DrfError, throttled, unauthenticated } from './drf-errors.js';
import { FaultInjector, type FaultDecision, type FaultOptions, type ListFaultDecision } from './faults.js';
import { DEFAULT_PAGE_SIZE } from './pagination.js';
import { DataFileError, DebouncedSaver, readDataFile } from './persistence.js';
import { RequestLog, type LogEntry } from './request-log.js';
import { queryValue, RawBody, type RouteContext, type RouteSettings } from './route-context.js';
import { registerCatalogRoutes } from './routes-catalog.js';
import { registerCategoryRoutes } from './routes-categories.js';
import { registerEventRoutes, registerPropertyRoutes } from './routes-events.js';
import { Store } from './store.js';
import { WRITE_METHODS, WriteRateLimiter } from './write-rate-limit.js';

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
  /** `GET /event/events` (the list) answers 410, to exercise the client's fallback to the Resources list. */
  eventsListGone?: boolean;
  /** Told when saving the data file fails (the server keeps running and retries on the next change). */
  onPersistError?: (error: unknown) => void;
}

/** Awaited before each request is handled: a test can hold replies, count them, then release them. */
export type Gate = (request: LogEntry) => Promise<void> | void;

export interface RuntimeSettings extends RouteSettings {
  latencyMs: number;
  writeRateLimit: number | undefined;
  writeRateWindowMs: number;
}

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
  gate: Gate | undefined;
  readonly faults: Readonly<FaultOptions>;
  /** Changes fault injection at runtime; a new `seed` restarts the random stream. */
  setFaults(changes: Partial<FaultOptions>): void;
  /** Changes latency, the write rate limit, the page size or the events-list switch at runtime. */
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

interface RequestState {
  entry: LogEntry;
  decision: FaultDecision;
}

const SERVER_ERROR = { detail: 'A server error occurred.' };

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings: RuntimeSettings = {
    pageSize: positive(options.pageSize ?? DEFAULT_PAGE_SIZE, 'pageSize'),
    eventsListGone: options.eventsListGone ?? false,
    latencyMs: atLeastZero(options.latencyMs ?? 0, 'latencyMs'),
    writeRateLimit: options.writeRateLimit === undefined ? undefined : atLeastZero(options.writeRateLimit, 'writeRateLimit'),
    writeRateWindowMs: positive(options.writeRateWindowMs ?? 60_000, 'writeRateWindowMs'),
  };
  const token = options.token === '' ? undefined : options.token;
  const faults = new FaultInjector(options);
  const limiter = new WriteRateLimiter(settings.writeRateLimit, settings.writeRateWindowMs);
  const log = new RequestLog();
  const store = new Store();
  const saver = options.dataFile === undefined ? undefined : await openDataFile(options.dataFile, store, options.onPersistError);
  const unsubscribe = saver ? store.onChange(() => saver.schedule()) : () => {};
  const states = new WeakMap<IncomingMessage, RequestState>();
  let gate: Gate | undefined;

  const app = Fastify({
    logger: false,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    // A path that does not even decode (`/event/events/%zz`) matches no URL pattern: Django's 404.
    frameworkErrors: (_error, _request, reply) => {
      reply.raw.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ detail: 'Not found.' }));
    },
  });

  // Bodies are kept raw and parsed when a handler reads them (see RawBody), whatever their content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, new RawBody(String(body))));

  app.addHook('onRequest', async (request, reply) => {
    const entry = log.start(request.method, request.url);
    const decision = faults.decide(request.method);
    states.set(request.raw, { entry, decision });
    // A reply that never completes (dropped, or the client went away) is still closed in the log.
    reply.raw.once('close', () => log.finish(entry, reply.raw.statusCode, !reply.raw.writableFinished));
    if (gate) await gate(entry);
    if (settings.latencyMs > 0) await sleep(settings.latencyMs);
    if (decision.before) {
      entry.fault = decision.before.kind;
      throw decision.before.kind === 'rate-limit-burst' ? throttled(1) : serverFailure(decision.before.status);
    }
    // Django resolves the URL before DRF authenticates: an unknown path is a 404 even without a token.
    if (request.is404) return;
    const failure = authenticationFailure(request.headers.authorization, token);
    if (failure !== undefined) throw unauthenticated(failure);
    if (WRITE_METHODS.has(request.method)) {
      const admission = limiter.admit();
      if (!admission.ok) {
        entry.fault = 'throttled';
        throw throttled(admission.retryAfterSeconds);
      }
    }
  });

  app.addHook('preHandler', (request, _reply, done) => {
    const state = states.get(request.raw);
    if (state && request.body instanceof RawBody) state.entry.body = parseQuietly(request.body.text);
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const state = states.get(request.raw);
    if (state) log.finish(state.entry, reply.statusCode, false);
    done(null, payload);
  });

  // Every error leaves in DRF's shape, never fastify's {"statusCode", "error", "message"}.
  app.setErrorHandler((error: unknown, _request, reply) => {
    if (error instanceof DrfError) {
      void reply.code(error.statusCode).headers(error.headers).send(error.body);
      return;
    }
    const { statusCode, message } = error as { statusCode?: number; message?: string };
    if (statusCode === 413) {
      void reply.code(413).send({ detail: 'Request body is too large.' });
    } else if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
      void reply.code(statusCode).send({ detail: message ?? 'Bad request.' });
    } else {
      void reply.code(500).send(SERVER_ERROR);
    }
  });

  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ detail: 'Not found.' });
  });

  const context: RouteContext = {
    store,
    settings,
    replyCommitted(request: FastifyRequest, reply: FastifyReply, status: number, body: unknown): void {
      const state = states.get(request.raw);
      const after = state?.decision.afterCommit;
      if (state && after === 'fail-after-commit') {
        state.entry.fault = after;
        void reply.code(500).send(SERVER_ERROR);
      } else if (state && after === 'drop-after-commit') {
        // The write is committed; the client never hears of it.
        state.entry.fault = after;
        log.finish(state.entry, 0, true);
        reply.hijack();
        reply.raw.destroy();
      } else {
        void reply.code(status).send(body);
      }
    },
    listFault(request: FastifyRequest): ListFaultDecision {
      const raw = queryValue(request, 'page');
      const page = raw === undefined || raw === '' ? 1 : Number(raw);
      const decision = faults.decideList(Number.isFinite(page) ? page : 1);
      const entry = states.get(request.raw)?.entry;
      if (entry !== undefined && entry.fault === undefined) {
        if (decision.shift !== 0) entry.fault = 'shifted-page';
        else if (decision.lie !== undefined) entry.fault = 'lying-envelope';
        else if (decision.orderSeed !== undefined) entry.fault = 'unordered';
      }
      return decision;
    },
    trimsText: () => faults.current.trimTextOnSave,
  };

  for (const prefix of ['', '/api/v1']) {
    await app.register(
      (scope, _options, done) => {
        registerCategoryRoutes(scope, context);
        registerEventRoutes(scope, context);
        registerPropertyRoutes(scope, context);
        registerCatalogRoutes(scope, context);
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
    configure(changes) {
      if (changes.pageSize !== undefined) settings.pageSize = positive(changes.pageSize, 'pageSize');
      if (changes.eventsListGone !== undefined) settings.eventsListGone = changes.eventsListGone;
      if (changes.latencyMs !== undefined) settings.latencyMs = atLeastZero(changes.latencyMs, 'latencyMs');
      if ('writeRateLimit' in changes)
        limiter.limit = settings.writeRateLimit =
          changes.writeRateLimit === undefined ? undefined : atLeastZero(changes.writeRateLimit, 'writeRateLimit');
      if (changes.writeRateWindowMs !== undefined)
        limiter.windowMs = settings.writeRateWindowMs = positive(changes.writeRateWindowMs, 'writeRateWindowMs');
    },
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

/** Loads the data file if it exists; creates it at once otherwise, so an unwritable path fails now. */
async function openDataFile(file: string, store: Store, onError?: (error: unknown) => void): Promise<DebouncedSaver> {
  const data = await readDataFile(file);
  if (data !== undefined) {
    try {
      store.load(data);
    } catch (error) {
      throw new DataFileError(file, error instanceof Error ? error.message : String(error), { cause: error });
    }
  }
  const saver = new DebouncedSaver(file, () => store.snapshot(), onError);
  if (data === undefined) {
    saver.schedule();
    try {
      await saver.flush();
    } catch (error) {
      throw new DataFileError(file, `cannot write it (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
  }
  return saver;
}

/** What a failing backend says, in DRF's shape like every other error here. */
function serverFailure(status: 500 | 502 | 503): DrfError {
  if (status === 502) return new DrfError(502, { detail: 'Bad gateway.' });
  if (status === 503) return new DrfError(503, { detail: 'Service temporarily unavailable, try again later.' });
  return new DrfError(500, SERVER_ERROR);
}

function parseQuietly(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`${name} must be a positive number, not ${value}`);
  return value;
}

function atLeastZero(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or more, not ${value}`);
  return value;
}
