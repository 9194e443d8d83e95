/**
 * Creating a resource without ever leaving a duplicate behind, as far as Secoda lets us.
 *
 * - **Look first, where another run may be at work.** Another run (a second apply started at
 *   the same time, a CI re-run) may have created the resource since the plan was made. A create
 *   that may race one (a category, always: a duplicate category can never be deleted through
 *   the API; anything under a parent this run did not create itself; anything when writes are
 *   paced) first looks for its title under its parent, and adopts the copy it finds. Under a
 *   parent this run created itself, unpaced, no other run can be ahead of it: another run only
 *   creates there after adopting that parent, and then it follows this one (see RaceGuard). Paced,
 *   the look runs in the last moment of the wait for the write's slot (reads are not rate
 *   limited), so it costs no wall time and what it finds is fresh.
 * - **Follow a run that is ahead.** A run that adopted another run's copy creates what is still
 *   missing only once that run has gone quiet, adopting what it makes meanwhile (see RaceGuard).
 * - **Never retry blindly.** When a POST's outcome is unknown (no response, or a 5xx that may
 *   have come after the write), the parent's children with that title are listed: if the
 *   resource is there, the create landed and is adopted; only if it is still absent after the
 *   backoff (a create may commit after its answer was lost) is it tried again.
 * - **Converge on the oldest.** Two runs that looked at the same instant both create. Right
 *   after a create that may race, the copies are listed and the oldest (by `created_at`, then
 *   id) is used, so no child lands in a copy the other run does not use; a younger event or
 *   property of our own is deleted at once (it has no children yet). A younger category stays
 *   (the API cannot delete one): the plan reports it as a `category-duplicate` warning with its
 *   manual step.
 */
import { sameId } from '../ids.js';
import type { CreateBody, ResourceKind } from '../plan/types.js';
import { abortError, sleepUnlessAborted } from '../secoda/abortable-sleep.js';
import { OutcomeUnknownError } from '../secoda/errors.js';
import { durationWords } from '../render/duration-words.js';
import type { RetryNotice } from '../secoda/retry-loop.js';
import type { WriteSlot } from '../secoda/pacer.js';
import type { SecodaPort } from '../secoda/port.js';
import { findExisting } from './find-existing.js';
import type { RaceGuard } from './race-guard.js';

/** POST attempts for one create, each after checking that the previous one did not land. */
const MAX_ATTEMPTS = 10;
/** How long the attempts of one create may take in all (ms): the bound on any request (see HttpTransport). */
const MAX_CREATE_MS = 60_000;
/** Backoff between those attempts: a server that failed may be overloaded. */
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 8_000;
/**
 * How long before its write slot a paced create looks its title up (ms): at most this, and at
 * most half the spacing of writes, so that what it finds is fresh even at a fast pace.
 */
const LOOKUP_LEAD_MS = 2_000;

export interface CreateOutcome {
  /** The ID to use for the resource (and as its children's parent). */
  readonly createdId: string;
  /** Whether an unknown outcome had to be settled by looking. */
  readonly reconciled: boolean;
  /** Whether `createdId` is a copy another run made (found by a look, or older than ours). */
  readonly adopted: boolean;
  /** What happened besides a plain create, in words (another run's copy was used); null otherwise. */
  readonly note: string | null;
}

export interface CreateOptions {
  readonly signal?: AbortSignal;
  /** Base of the backoff between attempts of a create whose outcome was unknown (ms). */
  readonly baseDelayMs?: number;
  /**
   * Whether another run may be creating the same resource (default: for a category only; see
   * the top of this file). Such a create looks first, and checks for an older copy after.
   */
  readonly racy?: boolean;
  /** The run's guard against another run (stagger, first create alone, following); none: look and check only. */
  readonly race?: RaceGuard;
  /**
   * How long the attempts of one create may take in all (ms, default 1 min, as for any request):
   * from the first POST, no attempt is sent again past it. A Secoda that never answers a create
   * fails within it, and the error says so.
   */
  readonly maxMs?: number;
  /** Told before an attempt is sent again (its outcome unknown, and not found in Secoda), as the client tells its retries. */
  readonly onRetry?: (notice: RetryNotice) => void;
}

/**
 * Creates one resource (see the top of this file) and returns the ID its children go under:
 * ours, or the copy another run made. Throws the POST's error when it failed for sure, and
 * OutcomeUnknownError when its outcome stayed unknown within `maxMs`.
 */
export async function createWithReconciliation(
  port: SecodaPort,
  kind: ResourceKind,
  body: CreateBody,
  parentId: string | null,
  integration: string,
  options: CreateOptions = {},
): Promise<CreateOutcome> {
  const racy = options.racy ?? kind === 'category';
  const settled = racy ? await options.race?.enter() : undefined;
  try {
    return await create(port, kind, body, parentId, integration, options, racy);
  } finally {
    settled?.();
  }
}

async function create(
  port: SecodaPort,
  kind: ResourceKind,
  body: CreateBody,
  parentId: string | null,
  integration: string,
  options: CreateOptions,
  racy: boolean,
): Promise<CreateOutcome> {
  const { signal, race, baseDelayMs = BASE_DELAY_MS, maxMs = MAX_CREATE_MS } = options;
  // Unpaced, the creates under a parent go together, and one listing of it answers them all;
  // paced, they go one at a time, so each looks up its own title (the smallest read).
  const look = () =>
    race !== undefined && port.writeIntervalMs === 0
      ? race.lookup.find(kind, body.title, parentId)
      : findExisting(port, kind, body.title, parentId, integration);
  const adopt = (id: string): CreateOutcome => {
    race?.sawAnotherRun();
    return { createdId: id, reconciled: false, adopted: true, note: `it was in Secoda already (id ${id}): another run created it` };
  };

  // Waiting for its turn (the stagger, the run's first create) is not sending: interrupted meanwhile, it never starts.
  if (signal?.aborted) throw abortError(signal);
  let slot: WriteSlot | undefined;
  if (racy) {
    for (;;) {
      // Another run is ahead: what it makes meanwhile is adopted; what is still missing once it
      // has gone quiet is created (and then, paced, looked for once more right before its slot).
      if (race?.following() === true) {
        const found = await look();
        if (found !== undefined) return adopt(found);
        await race.pause();
        continue;
      }
      // The slot is taken only now, so that the stagger and any wait move the write too. A
      // category looks once its slot is open; an event or property in the slot's last moment.
      slot = port.reserveWrite();
      if (kind === 'category') await slot?.open(signal);
      else await slot?.near(Math.min(LOOKUP_LEAD_MS, port.writeIntervalMs / 2), signal);
      const found = await look();
      if (found !== undefined) return adopt(found);
      // Another create of this run met another run while this one waited for its slot: follow it
      // (the slot goes unused, which costs one spacing).
      if (race?.following() !== true) break;
    }
  } else {
    slot = port.reserveWrite();
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

  if (racy) {
    // Another run may have created the same resource at the same instant: both use the oldest.
    // The create is done whatever this check meets (an interrupt, a failing read): our own copy then serves.
    const oldest = await look().catch(() => undefined);
    if (oldest !== undefined && !sameId(oldest, created)) {
      race?.sawAnotherRun();
      // Our copy is younger and has no children yet: nothing will ever use it. (If the delete
      // fails, the next plan deletes it as a duplicate. A copy found after a lost answer may be
      // another run's, in use: it is left to that plan too.)
      const removed = kind !== 'category' && !reconciled && (await removeOwnCopy(port, kind, created));
      return {
        createdId: oldest,
        reconciled,
        adopted: true,
        note: `another run created it at the same time; using the oldest copy (id ${oldest}), not ${created}${removed ? ', which was deleted' : ''}`,
      };
    }
  }
  return { createdId: created, reconciled, adopted: false, note: null };
}

/** Deletes a copy this run just made and will not use; whether it is gone. */
async function removeOwnCopy(port: SecodaPort, kind: 'event' | 'property', id: string): Promise<boolean> {
  try {
    if (kind === 'event') await port.deleteEvent(id);
    else await port.deleteProperty(id);
    return true;
  } catch {
    return false;
  }
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

function withoutPropertyFields(body: CreateBody): Omit<CreateBody, 'type' | 'enum' | 'is_required'> {
  const { type: _type, enum: _enum, is_required: _required, ...rest } = body;
  return rest;
}
