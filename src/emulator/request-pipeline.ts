/**
 * What every request to the emulator goes through, in order:
 *
 *   log → fault decision (seeded, at arrival) → gate (tests) → latency → injected 5xx / 429 burst
 *   → Bearer auth (401) → write rate limit (429) → route → commit → after-commit fault (500 / drop)
 *
 * and the shape every error leaves in: Django REST Framework's, never fastify's.
 */
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticationFailure } from './auth.js';
import { DrfError, throttled, unauthenticated } from './drf-errors.js';
import type { FaultDecision, FaultInjector, ListFaultDecision } from './faults.js';
import type { LogEntry, RequestLog } from './request-log.js';
import { queryValue, RawBody, type RouteContext } from './route-context.js';
import type { RuntimeSettings } from './runtime-settings.js';
import type { Store } from './store.js';
import { WRITE_METHODS, type WriteRateLimiter } from './write-rate-limit.js';

/** Awaited before each request is handled: a test can hold replies, count them, then release them. */
export type Gate = (request: LogEntry) => Promise<void> | void;

/** What the pipeline consults and records. */
export interface PipelineParts {
  readonly store: Store;
  /** Live: the running emulator changes them. */
  readonly settings: RuntimeSettings;
  readonly faults: FaultInjector;
  readonly limiter: WriteRateLimiter;
  readonly log: RequestLog;
  /** The Bearer token to require; undefined accepts any non-empty one. */
  readonly token: string | undefined;
  /** The gate of the moment, if any (tests set it while the emulator runs). */
  readonly gate: () => Gate | undefined;
  /** Other API keys accepted besides `token` (audit-log.ts: each acts as its user). */
  readonly acceptsKey?: (token: string) => boolean;
  /** Told of every committed write, with the resource's JSON (the audit log records it). */
  readonly onCommitted?: (request: FastifyRequest, resource: unknown) => void;
}

interface RequestState {
  entry: LogEntry;
  decision: FaultDecision;
}

const SERVER_ERROR = { detail: 'A server error occurred.' };

/** Installs the pipeline's hooks and error handlers on `app`; returns what the routes share. */
export function installRequestPipeline(app: FastifyInstance, parts: PipelineParts): RouteContext {
  const { store, settings, faults, limiter, log, token } = parts;
  const states = new WeakMap<IncomingMessage, RequestState>();

  // Bodies are kept raw and parsed when a handler reads them (see RawBody), whatever their content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, new RawBody(String(body))));

  app.addHook('onRequest', async (request, reply) => {
    const entry = log.start(request.method, request.url);
    const decision = faults.decide(request.method);
    states.set(request.raw, { entry, decision });
    // A reply that never completes (dropped, or the client went away) is still closed in the log.
    reply.raw.once('close', () => log.finish(entry, reply.raw.statusCode, !reply.raw.writableFinished));
    const gate = parts.gate();
    if (gate) await gate(entry);
    if (settings.latencyMs > 0) await sleep(settings.latencyMs);
    if (decision.before) {
      entry.fault = decision.before.kind;
      throw decision.before.kind === 'rate-limit-burst' ? throttled(1) : serverFailure(decision.before.status);
    }
    // Django resolves the URL before DRF authenticates: an unknown path is a 404 even without a token.
    if (request.is404) return;
    const failure = authenticationFailure(request.headers.authorization, token, parts.acceptsKey);
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

  return {
    store,
    settings,
    replyCommitted(request: FastifyRequest, reply: FastifyReply, status: number, body: unknown): void {
      parts.onCommitted?.(request, body);
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
