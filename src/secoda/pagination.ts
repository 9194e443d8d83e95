/**
 * Reads a whole paginated list: page 1 first, then every other page at once (the transport's
 * p-limit bounds how many run together). Pages are asked for by number on the requested
 * path; `links.next` is never followed, since it may name another host or path.
 */
import { SecodaInvalidResponseError, SecodaNotFoundError } from './errors.js';
import type { HttpTransport } from './http-transport.js';
import { parseEnvelope, type Envelope as ParsedEnvelope } from './response-schema.js';

/** A list longer than this is a server that does not page as documented. */
const MAX_PAGES = 50_000;

/** A listed item, and what `prepare` made of it. */
export interface Listed<T> {
  readonly raw: unknown;
  /** The prepared value; if preparing the item failed, that error is thrown now (only items that are used can fail the read). */
  value(): T;
}

class ListedItem<T> implements Listed<T> {
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

function prepareAll<T>(items: readonly unknown[], prepare: (item: unknown) => T): ListedItem<T>[] {
  return items.map((item) => {
    try {
      return new ListedItem(item, prepare(item), undefined);
    } catch (error) {
      return new ListedItem<T>(item, undefined, { error });
    }
  });
}

export async function fetchAllPages(
  transport: HttpTransport,
  path: string,
  query: Readonly<Record<string, string | undefined>>,
): Promise<unknown[]> {
  return (await fetchListed(transport, path, query, (item) => item)).map((entry) => entry.raw);
}

/**
 * fetchAllPages, with each item also passed through `prepare` as soon as its page arrives. The
 * benchmark found the conversion of 10,000 items after the last page to be the tail of every
 * large read (about 50 ms); done page by page it overlaps the requests still in flight. The
 * result is the same: the same items, in the same order, and a failure surfaces only for an
 * item the caller uses, in that order.
 */
export async function fetchListed<T>(
  transport: HttpTransport,
  path: string,
  query: Readonly<Record<string, string | undefined>>,
  prepare: (item: unknown) => T,
): Promise<Listed<T>[]> {
  const fetchPage = async (page: number): Promise<Envelope<T> | undefined> => {
    try {
      const response = await transport.request('GET', path, { query: { ...query, page } });
      const envelope = parseEnvelope(response.body, 'GET', `/${path}?page=${page}`);
      if (envelope.page !== undefined && envelope.page !== page) {
        throw new SecodaInvalidResponseError(
          'GET',
          `/${path}?page=${page}`,
          `asked for page ${page}, Secoda answered page ${envelope.page}`,
          '',
        );
      }
      return { ...envelope, listed: prepareAll(envelope.results, prepare) };
    } catch (error) {
      // The list shrank while we read it: a page past the new end is simply empty.
      if (page > 1 && error instanceof SecodaNotFoundError) return undefined;
      throw error;
    }
  };

  const first = await fetchPage(1);
  if (!first) return [];
  const pages = new Map<number, Envelope<T>>([[1, first]]);

  const expected = expectedPages(first);
  if (expected === undefined) {
    // No page count: follow next_page numbers one by one, on our own path.
    let current = first;
    let number = 1;
    while (current.nextPage !== undefined && current.nextPage > number && pages.size < MAX_PAGES) {
      number = current.nextPage;
      const next = await fetchPage(number);
      if (!next) break;
      pages.set(number, next);
      current = next;
    }
  } else {
    let total: number = expected;
    if (total > MAX_PAGES) throw new SecodaInvalidResponseError('GET', `/${path}`, `the list claims ${total} pages`, '');
    // The list may grow while it is read; a later page may report more pages. Read those too, a few rounds at most.
    for (let round = 0; round < 3; round++) {
      const missing: number[] = [];
      for (let page = 2; page <= total; page++) if (!pages.has(page)) missing.push(page);
      if (missing.length === 0) break;
      const fetched = await Promise.all(missing.map(async (page) => [page, await fetchPage(page)] as const));
      let grown: number = total;
      for (const [page, envelope] of fetched) {
        if (!envelope) continue;
        pages.set(page, envelope);
        const reported = expectedPages(envelope);
        if (reported !== undefined && reported > grown && reported <= MAX_PAGES) grown = reported;
      }
      if (grown === total) break;
      total = grown;
    }
  }

  return combine(pages, path);
}

type Envelope<T> = ParsedEnvelope & { readonly listed: readonly ListedItem<T>[] };

function expectedPages(envelope: ParsedEnvelope): number | undefined {
  if (envelope.totalPages !== undefined) return Math.max(1, envelope.totalPages);
  if (envelope.count !== undefined && envelope.results.length > 0 && envelope.count > envelope.results.length) {
    return Math.ceil(envelope.count / envelope.results.length);
  }
  // No page count, but a next page: follow the numbers one by one.
  return envelope.nextPage === undefined ? 1 : undefined;
}

/** Concatenates pages in order, keeping the first copy of an item that moved between pages. */
function combine<T>(pages: Map<number, Envelope<T>>, path: string): ListedItem<T>[] {
  const ordered = [...pages.entries()].sort((a, b) => a[0] - b[0]);
  const firstIds = idsOf(ordered[0]?.[1].results ?? []);
  const secondIds = idsOf(ordered[1]?.[1].results ?? []);
  if (firstIds.length > 0 && firstIds.length === secondIds.length && firstIds.every((id, i) => id === secondIds[i])) {
    throw new SecodaInvalidResponseError('GET', `/${path}`, 'page 2 holds the same items as page 1 (the server ignores ?page=)', '');
  }
  const seen = new Set<string>();
  const items: ListedItem<T>[] = [];
  for (const [, envelope] of ordered) {
    for (const item of envelope.listed) {
      const id = idOf(item.raw);
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      items.push(item);
    }
  }
  return items;
}

function idOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function idsOf(items: unknown[]): (string | undefined)[] {
  return items.map(idOf);
}
