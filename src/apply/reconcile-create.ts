/**
 * Creating a resource without ever leaving a duplicate behind, as far as Secoda lets us.
 *
 * - **Look first.** Another run (a second apply started at the same time, a CI re-run) may have
 *   created the resource since the plan was made. A category is always looked up by title
 *   before it is created, since a duplicate category can never be deleted through the API. An
 *   event or property is looked up when writes are paced: reads are not rate limited, and the
 *   look-up runs in the last moment of the wait for the write's slot, so it costs no wall time.
 *   Unpaced (the emulator, the benchmark) events and properties are not looked up: a duplicate
 *   that two runs make at once is a surplus copy that the next apply deletes (the plan marks it
 *   as a duplicate and the mass-delete guard lets it go).
 * - **Never retry blindly.** When a POST's outcome is unknown (no response, or a 5xx that may
 *   have come after the write), the parent's children with that title are listed: if the
 *   resource is there, the create landed and is adopted; only if it is still absent after the
 *   backoff (a create may commit after its answer was lost) is it tried again.
 * - **Converge on the oldest.** Two runs that start at the same instant may both create a
 *   category. Right after creating one, both list the copies and use the oldest (by
 *   `created_at`, then id) for the children, so no event lands in the empty copy; the plan then
 *   reports that copy as a `category-duplicate` warning with its manual step. Paced, events do
 *   the same.
 */
import { sameId } from '../ids.js';
import { compareText, compareTimestamps, titleIdentity } from '../plan/compare.js';
import type { CreateBody, ResourceKind } from '../plan/types.js';
import { sleepUnlessAborted } from '../secoda/abortable-sleep.js';
import { OutcomeUnknownError } from '../secoda/errors.js';
import { durationWords } from '../render/duration-words.js';
import type { RetryNotice } from '../secoda/http-transport.js';
import type { WriteSlot } from '../secoda/pacer.js';
import type { SecodaPort } from '../secoda/port.js';

/** POST attempts for one create, each after checking that the previous one did not land. */
const MAX_ATTEMPTS = 10;
/** How long the attempts of one create may take in all (ms): the bound on any request (see HttpTransport). */
const MAX_CREATE_MS = 60_000;
/** Backoff between those attempts: a server that failed may be overloaded. */
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;
/**
 * How long before its write slot a paced create looks its title up (ms). Long enough for a
 * list request to come back before the slot opens; short, so that what it finds is fresh.
 */
const LOOKUP_LEAD_MS = 2_000;

export interface CreateOutcome {
  /** The ID to use for the resource (and as its children's parent). */
  readonly createdId: string;
  /** Whether an unknown outcome had to be settled by looking. */
  readonly reconciled: boolean;
  /** What happened besides a plain create, in words (another run's copy was used); null otherwise. */
  readonly note: string | null;
}

export interface CreateOptions {
  readonly signal?: AbortSignal;
  /** Base of the backoff between attempts of a create whose outcome was unknown (ms). */
  readonly baseDelayMs?: number;
  /**
   * Awaited before a category is looked up and created: a random pause, the same for every
   * category of one run (see executePlan). Two runs started at the same instant would otherwise
   * look at the same moment, both find nothing, and both create the category; staggered, the
   * later one finds the earlier one's.
   */
  readonly stagger?: () => Promise<void>;
  /**
   * How long the attempts of one create may take in all (ms, default 1 min, as for any request):
   * from the first POST, no attempt is sent again past it. A Secoda that never answers a create
   * fails within it, and the error says so.
   */
  readonly maxMs?: number;
  /** Told before an attempt is sent again (its outcome unknown, and not found in Secoda), as the client tells its retries. */
  readonly onRetry?: (notice: RetryNotice) => void;
}

export async function createWithReconciliation(
  port: SecodaPort,
  kind: ResourceKind,
  body: CreateBody,
  parentId: string | null,
  integration: string,
  options: CreateOptions = {},
): Promise<CreateOutcome> {
  const { signal, baseDelayMs = BASE_DELAY_MS, maxMs = MAX_CREATE_MS } = options;
  // A category looks as late as it can: after the stagger (its slot is taken only then, so that
  // the stagger moves the write too) and, paced, once the slot is open.
  if (kind === 'category') await options.stagger?.();
  const slot = port.reserveWrite();
  if (kind === 'category') await slot?.open(signal);
  else if (slot !== undefined) await slot.near(LOOKUP_LEAD_MS, signal);
  if (kind === 'category' || slot !== undefined) {
    const existing = await findExisting(port, kind, body.title, parentId, integration);
    if (existing !== undefined) {
      return { createdId: existing, reconciled: false, note: `it was in Secoda already (id ${existing}): another run created it` };
    }
  }

  let reconciled = false;
  let lastError: OutcomeUnknownError | undefined;
  let created: string | undefined;
  let firstSent: number | undefined;
  let attempts = 0;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && created === undefined; attempt++) {
    if (attempt > 1 && signal?.aborted) break;
    if (attempt > 1) {
      // The lost create may have landed during the wait (a slow commit, a connection cut before
      // the answer): look once more right before sending it again.
      created = await findExisting(port, kind, body.title, parentId, integration);
      if (created !== undefined) break;
    }
    firstSent ??= Date.now();
    attempts = attempt;
    try {
      created = await post(port, kind, body, parentId, integration, attempt === 1 ? slot : undefined);
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      lastError = error;
      reconciled = true;
      created = await findExisting(port, kind, body.title, parentId, integration);
      if (created !== undefined || attempt >= MAX_ATTEMPTS) continue;
      const delayMs = Math.floor(Math.random() * Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** attempt));
      const elapsedMs = Date.now() - firstSent;
      // Another attempt must have time to get an answer before the bound.
      if (elapsedMs + delayMs >= maxMs) break;
      options.onRetry?.({
        method: 'POST',
        path: error.path,
        attempt,
        attempts: MAX_ATTEMPTS,
        reason: `${error.reason}, and it is not in Secoda`,
        delayMs,
        elapsedMs,
        limitMs: maxMs,
      });
      await sleepUnlessAborted(delayMs, signal);
    }
  }
  if (created === undefined) {
    if (lastError === undefined) throw new Error(`could not create ${kind} "${body.title}"`);
    const tried = `sent ${attempts} ${attempts === 1 ? 'time' : 'times'} in ${durationWords(Date.now() - (firstSent ?? Date.now()))}`;
    throw new OutcomeUnknownError(
      lastError.method,
      lastError.path,
      `${lastError.reason}; ${tried}, and it is not in Secoda; tpsync gives a create at most ${durationWords(maxMs)}`,
      { cause: lastError },
    );
  }

  if (kind === 'category' || (kind === 'event' && slot !== undefined)) {
    // Another run may have created the same resource at the same instant: both use the oldest.
    // The create is done whatever this check meets (an interrupt, a failing read): our own copy then serves.
    const oldest = await findExisting(port, kind, body.title, parentId, integration).catch(() => undefined);
    if (oldest !== undefined && !sameId(oldest, created)) {
      return {
        createdId: oldest,
        reconciled,
        note: `another run created it at the same time; using the oldest copy (id ${oldest}), not ${created}`,
      };
    }
  }
  return { createdId: created, reconciled, note: null };
}

async function post(
  port: SecodaPort,
  kind: ResourceKind,
  body: CreateBody,
  parentId: string | null,
  integration: string,
  slot: WriteSlot | undefined,
): Promise<string> {
  const options = slot === undefined ? {} : { slot };
  switch (kind) {
    case 'category':
      return (
        await port.createCategory({ title: body.title, integration, ...(body.teams === undefined ? {} : { teams: body.teams }) }, options)
      ).id;
    case 'event':
      return (await port.createEvent({ ...withoutPropertyFields(body), integration, parent: parentId ?? '' }, options)).id;
    case 'property':
      return (await port.createProperty({ ...body, integration, parent: parentId ?? '' }, options)).id;
  }
}

/** The oldest resource with this title (compared in NFC) under the parent, if any: the one a plan would match. */
async function findExisting(
  port: SecodaPort,
  kind: ResourceKind,
  title: string,
  parentId: string | null,
  integration: string,
): Promise<string | undefined> {
  const wanted = titleIdentity(title);
  const byAge = <T extends { created_at: string | null; id: string; title: string }>(items: T[]) =>
    items
      .filter((item) => titleIdentity(item.title) === wanted)
      .sort((a, b) => compareTimestamps(a.created_at, b.created_at) || compareText(a.id, b.id))[0]?.id;
  switch (kind) {
    case 'category': {
      const found = await port.listCategories({ title: wanted });
      return byAge(found.filter((c) => c.integration === null || sameId(c.integration, integration)));
    }
    case 'event': {
      const found = await port.listEvents(integration, { ...(parentId === null ? {} : { parentId }), title: wanted });
      return byAge(found.filter((e) => sameId(e.parent, parentId)));
    }
    case 'property': {
      const found = await port.listProperties(integration, { ...(parentId === null ? {} : { parentId }), title: wanted });
      return byAge(found.filter((p) => sameId(p.parent, parentId)));
    }
  }
}

function withoutPropertyFields(body: CreateBody): Omit<CreateBody, 'type' | 'enum' | 'is_required'> {
  const { type: _type, enum: _enum, is_required: _required, ...rest } = body;
  return rest;
}
