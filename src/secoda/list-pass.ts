/**
 * What one read of a paginated list holds: its pages, their items (each with what `prepare`
 * made of it), and what is wrong with the read. Shared by the reader (pagination.ts) and the
 * evidence that several reads add up to (list-evidence.ts).
 */
import type { Envelope as ParsedEnvelope } from './response-schema.js';

/** A listed item, and what `prepare` made of it. */
export interface Listed<T> {
  readonly raw: unknown;
  /** The prepared value; if preparing the item failed, that error is thrown now (only items that are used can fail the read). */
  value(): T;
}

/** A listed item: its raw JSON, and either what `prepare` made of it or the error it threw. */
export class ListedItem<T> implements Listed<T> {
  constructor(
    readonly raw: unknown,
    private readonly prepared: T | undefined,
    private readonly failure: { error: unknown } | undefined,
  ) {}

  value(): T {
    if (this.failure) throw this.failure.error;
    return this.prepared as T;
  }
}

/** Each item of a page passed through `prepare`; an item that fails keeps its error for when it is used. */
export function prepareAll<T>(items: readonly unknown[], prepare: (item: unknown) => T): ListedItem<T>[] {
  return items.map((item) => {
    try {
      return new ListedItem(item, prepare(item), undefined);
    } catch (error) {
      return new ListedItem<T>(item, undefined, { error });
    }
  });
}

/** One page as read: the parsed envelope, the page number asked for, and its prepared items. */
export type Page<T> = ParsedEnvelope & { readonly number: number; readonly listed: readonly ListedItem<T>[] };

/** One read of the whole list, and what is wrong with it (nothing, when `problems` is empty). */
export interface Pass<T> {
  readonly pages: readonly Page<T>[];
  /** Page 1's item count: the page size, unless page 1 is the last page. */
  readonly size: number;
  /** The items the list holds by this pass: page 1's count, or without one, the rows its pages held. */
  readonly count: number;
  /** Whether page 1 gave a count (every page is then checked against it). */
  readonly counted: boolean;
  readonly items: ListedItem<T>[];
  /** Items by id (items without an id cannot be told apart and are only in `items`). */
  readonly byId: Map<string, ListedItem<T>>;
  readonly problems: string[];
}

/** An item's id as a string, if it has one. */
export function idOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * What makes an item the same resource as another to a plan: its title (in NFC) under its parent
 * (`parent`, or the catalog's `parent_id`) in its integration (`integration` or `integration_id`;
 * an object's `id`). Undefined for an item without a title. Two items of one read with the same
 * key are a duplicate to the planner, or a row that was deleted and created again while the list
 * was read (the stale copy, read before the delete, and the new one, read after): only a second
 * read that agrees tells them apart.
 */
export function twinKey(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const raw = item as Record<string, unknown>;
  const title = raw['title'];
  if (typeof title !== 'string') return undefined;
  return [scopeId(raw['parent'] ?? raw['parent_id']), scopeId(raw['integration'] ?? raw['integration_id']), title.normalize('NFC')].join(
    '\u0000',
  );
}

/** A reference's id as text ('' for none): a scalar, or an object's `id`. */
function scopeId(value: unknown): string {
  const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : value;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

/** Whether two of the items share a twinKey (see there). */
export function hasTwins(items: readonly { readonly raw: unknown }[]): boolean {
  const seen = new Set<string>();
  for (const item of items) {
    const key = twinKey(item.raw);
    if (key === undefined) continue;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
