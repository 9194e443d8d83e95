/**
 * A create is never retried blindly. When a POST's outcome is unknown (no response, or a 5xx
 * that may have come after the write), we list the parent's children with that title: if
 * the resource is there, the create landed and we adopt it; only if it is absent do we try
 * again. A lost response therefore never leaves a duplicate behind.
 */
import { sameId } from '../ids.js';
import { compareText, compareTimestamps } from '../plan/compare.js';
import type { CreateBody, ResourceKind } from '../plan/types.js';
import { OutcomeUnknownError } from '../secoda/errors.js';
import type { SecodaPort } from '../secoda/port.js';

/** POST attempts for one create, each after checking that the previous one did not land. */
const MAX_ATTEMPTS = 10;
/** Backoff between those attempts: a server that failed may be overloaded. */
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;

export interface CreateOutcome {
  readonly createdId: string;
  /** Whether an unknown outcome had to be settled by looking. */
  readonly reconciled: boolean;
}

export async function createWithReconciliation(
  port: SecodaPort,
  kind: ResourceKind,
  body: CreateBody,
  parentId: string | null,
  integration: string,
  signal?: AbortSignal,
  baseDelayMs = BASE_DELAY_MS,
): Promise<CreateOutcome> {
  let reconciled = false;
  let lastError: OutcomeUnknownError | undefined;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1 && signal?.aborted) break;
    try {
      const created = await post(port, kind, body, parentId, integration);
      return { createdId: created, reconciled };
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      lastError = error;
      reconciled = true;
      const existing = await findExisting(port, kind, body.title, parentId, integration);
      if (existing !== undefined) return { createdId: existing, reconciled };
      if (attempt < MAX_ATTEMPTS) await pause(Math.floor(Math.random() * Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** attempt)), signal);
    }
  }
  throw lastError ?? new Error(`could not create ${kind} "${body.title}"`);
}

async function post(port: SecodaPort, kind: ResourceKind, body: CreateBody, parentId: string | null, integration: string): Promise<string> {
  switch (kind) {
    case 'category':
      return (await port.createCategory({ title: body.title, integration, ...(body.teams === undefined ? {} : { teams: body.teams }) })).id;
    case 'event':
      return (await port.createEvent({ ...withoutPropertyFields(body), integration, parent: parentId ?? '' })).id;
    case 'property':
      return (await port.createProperty({ ...body, integration, parent: parentId ?? '' })).id;
  }
}

/** The oldest resource with this exact title under the parent, if any (the one a plan would match). */
async function findExisting(
  port: SecodaPort,
  kind: ResourceKind,
  title: string,
  parentId: string | null,
  integration: string,
): Promise<string | undefined> {
  const byAge = <T extends { created_at: string | null; id: string }>(items: T[]) =>
    [...items].sort((a, b) => compareTimestamps(a.created_at, b.created_at) || compareText(a.id, b.id))[0]?.id;
  switch (kind) {
    case 'category': {
      const found = await port.listCategories({ title });
      return byAge(found.filter((c) => c.title === title && (c.integration === null || sameId(c.integration, integration))));
    }
    case 'event': {
      const found = await port.listEvents(integration, { ...(parentId === null ? {} : { parentId }), title });
      return byAge(found.filter((e) => e.title === title && sameId(e.parent, parentId)));
    }
    case 'property': {
      const found = await port.listProperties(integration, { ...(parentId === null ? {} : { parentId }), title });
      return byAge(found.filter((p) => p.title === title && sameId(p.parent, parentId)));
    }
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

function withoutPropertyFields(body: CreateBody): Omit<CreateBody, 'type' | 'enum' | 'is_required'> {
  const { type: _type, enum: _enum, is_required: _required, ...rest } = body;
  return rest;
}
