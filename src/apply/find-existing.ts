/**
 * Where a resource that apply is about to create may already be: under its parent in Secoda,
 * with its title (compared in NFC, as the planner compares titles), the oldest copy first — the
 * copy a plan would match.
 */
import { idKey, sameId } from '../ids.js';
import { compareText, compareTimestamps, titleIdentity } from '../plan/compare.js';
import type { ResourceKind } from '../plan/types.js';
import type { SecodaPort } from '../secoda/port.js';

interface Candidate {
  readonly id: string;
  readonly title: string;
  readonly created_at: string | null;
}

/** The id of the oldest candidate titled `title` (by `created_at`, then id), if any. */
export function oldestTitled(candidates: readonly Candidate[], title: string): string | undefined {
  const wanted = titleIdentity(title);
  let oldest: Candidate | undefined;
  for (const candidate of candidates) {
    if (titleIdentity(candidate.title) !== wanted) continue;
    if (oldest === undefined || (compareTimestamps(candidate.created_at, oldest.created_at) || compareText(candidate.id, oldest.id)) < 0)
      oldest = candidate;
  }
  return oldest?.id;
}

/**
 * The oldest resource with this title under the parent (categories: of the integration, or of
 * none), read fresh with a title filter: one request for a small list.
 */
export async function findExisting(
  port: SecodaPort,
  kind: ResourceKind,
  title: string,
  parentId: string | null,
  integration: string,
): Promise<string | undefined> {
  const wanted = titleIdentity(title);
  switch (kind) {
    case 'category': {
      const found = await port.listCategories({ title: wanted });
      return oldestTitled(
        found.filter((c) => c.integration === null || sameId(c.integration, integration)),
        title,
      );
    }
    case 'event': {
      const found = await port.listEvents(integration, { ...(parentId === null ? {} : { parentId }), title: wanted });
      return oldestTitled(
        found.filter((e) => sameId(e.parent, parentId)),
        title,
      );
    }
    case 'property': {
      const found = await port.listProperties(integration, { ...(parentId === null ? {} : { parentId }), title: wanted });
      return oldestTitled(
        found.filter((p) => sameId(p.parent, parentId)),
        title,
      );
    }
  }
}

/**
 * Looks up what a parent holds, for the creates that go under it: every look asked for in the
 * same turn of the event loop is answered by one listing of the parent's children, started after
 * the last of them asked (so each sees what was there when it asked, its own create included
 * when it asks after creating). The creates under a parent start together once the parent
 * exists, and their answers come back together: a parent with 40 new properties costs a listing
 * or two, not 40 look-ups. Nothing is kept once answered. Categories have no parent to list (the
 * workspace's categories are many): each is looked up by title, likewise shared.
 */
export class SiblingLookup {
  /** Listings asked for and not started yet, by parent (or category title). */
  private readonly pending = new Map<string, Promise<readonly Candidate[]>>();
  /** When each parent asked about was created (epoch ms; undefined: not found, or no date). */
  private readonly created = new Map<string, Promise<number | undefined>>();

  constructor(
    private readonly port: SecodaPort,
    private readonly integration: string,
  ) {}

  /** The oldest resource titled `title` under `parentId` now (see findExisting), if any. */
  async find(kind: ResourceKind, title: string, parentId: string | null): Promise<string | undefined> {
    const key = kind === 'category' || parentId === null ? `${kind} title ${titleIdentity(title)}` : `${kind} ${idKey(parentId)}`;
    let listing = this.pending.get(key);
    if (listing === undefined) {
      listing = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.pending.delete(key);
        return this.list(kind, title, parentId);
      });
      this.pending.set(key, listing);
    }
    return oldestTitled(await listing, title);
  }

  /**
   * When the category or event `id` (titled `title`) was created, by its `created_at` (epoch
   * ms), read once per run: undefined when it is not found or has no date.
   */
  createdAt(kind: 'category' | 'event', id: string, title: string): Promise<number | undefined> {
    const key = `${kind} ${idKey(id)}`;
    let created = this.created.get(key);
    if (created === undefined) {
      created = this.list(kind, title, null, true).then((found) => {
        const match = found.find((candidate) => sameId(candidate.id, id));
        const ms = match?.created_at == null ? NaN : Date.parse(match.created_at);
        return Number.isNaN(ms) ? undefined : ms;
      });
      this.created.set(key, created);
    }
    return created;
  }

  /** Candidates under `parentId` (all of them), or with `title` under any parent when `anyParent`. */
  private async list(kind: ResourceKind, title: string, parentId: string | null, anyParent = false): Promise<readonly Candidate[]> {
    switch (kind) {
      case 'category': {
        const found = await this.port.listCategories({ title: titleIdentity(title) });
        return found.filter((c) => c.integration === null || sameId(c.integration, this.integration));
      }
      case 'event':
      case 'property': {
        const filter = parentId === null ? { title: titleIdentity(title) } : { parentId };
        const found =
          kind === 'event'
            ? await this.port.listEvents(this.integration, filter)
            : await this.port.listProperties(this.integration, filter);
        return anyParent ? found : found.filter((child) => sameId(child.parent, parentId));
      }
    }
  }
}
