/**
 * Reads a whole paginated list, consistently or not at all.
 *
 * One pass reads page 1, notes its `count` and `total_pages`, then asks for every other page at
 * once (the transport's p-limit bounds how many run together), by number on the requested path;
 * `links.next` is never followed, since it may name another host or path. It asks for no more
 * pages than the count needs (a `total_pages` of 40,000 on a 3-page list costs 3 requests).
 *
 * A pass is consistent when every page agrees with page 1 on `count` and `total_pages`, the
 * distinct items read are exactly `count` (without a count: exactly the rows its pages held, so
 * no item came twice while another was missed), every page but the last is full, and the last
 * page read says there is no next page. Without a count, the list is read to the later of where
 * `total_pages` and the pages' `next_page` say it ends, and no further than a short page. A list that moves while it is read (an insert or a delete
 * between two page requests shifts rows across page boundaries), an envelope that contradicts
 * itself, or a list without a stable order (Django pages an unordered queryset with a new row
 * order per request) fails that test. The list is then read again, a bounded number of times:
 * the first consistent pass wins (without a count, only once a second consistent pass holds the
 * same items: a row deleted between two page requests moves another across a page boundary
 * unseen, and only the count, or a re-read, gives that away; likewise, with a count, for a pass
 * that holds two items with one title under one parent, since a row deleted and created again
 * keeps the count and looks like a duplicate, and for every pass after a re-read that
 * disagreed); failing that, the evidence of all passes may still prove the list whole (see
 * Evidence). When neither comes, the read is refused with
 * SecodaInconsistentListError: a plan is never made from a list that is short of its own count,
 * since a missing item would be planned as a create, a duplicate.
 */
import { SecodaInconsistentListError, SecodaInvalidResponseError, SecodaListCapError, SecodaNotFoundError } from './errors.js';
import type { HttpTransport } from './http-transport.js';
import { Evidence } from './list-evidence.js';
import { hasTwins, idOf, prepareAll, type Listed, type ListedItem, type Page, type Pass } from './list-pass.js';
import { parseEnvelope } from './response-schema.js';

export type { Listed } from './list-pass.js';

/** A list longer than this is a server that does not page as documented. */
const MAX_PAGES = 50_000;
/** Passes over one list at most (the first included). */
export const MAX_PASSES = 20;
/**
 * Passes in a row that add no new item before the read is refused. A list that stays short of
 * its count (a lying count, a server that drops rows) costs about this many passes; an unordered
 * list of P pages misses a given item in one pass with probability about (1 − 1/P)^P ≤ e⁻¹, so
 * eight fruitless passes in a row while items are still missing happen less than once in 3,000.
 */
const STALL_PASSES = 8;
/** Re-reads are spaced a little, so a burst of changes in Secoda can settle (ms, grows per pass). */
const REREAD_DELAY_MS = 50;
const MAX_REREAD_DELAY_MS = 500;
/** Without a count, pages are read this many at a time, stopping at the last one. */
const WINDOW = 16;

/** One list to read: where, with which filters, and how each item is converted. */
interface ListRequest<T> {
  readonly transport: HttpTransport;
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly prepare: (item: unknown) => T;
  readonly cap: number | undefined;
}

/** What a list may hold at most, when its server says so. */
export interface ListLimits {
  /**
   * The most items the server returns across all pages (Secoda's Resources catalog: 10,000). A
   * list whose count, or whose items read, reach it may be cut short, and is refused with
   * SecodaListCapError: from page 1's count when there is one, before the other pages are asked for.
   */
  readonly cap?: number;
}

/**
 * Every item of the list at `path` (with `query`), each also passed through `prepare` as soon as
 * its page arrives, so that converting a large list overlaps the requests still in flight rather
 * than trailing the last page. Items come in page order, each id once. Throws
 * SecodaInconsistentListError when the list cannot be read consistently (see the top of this file).
 */
export async function fetchListed<T>(
  transport: HttpTransport,
  path: string,
  query: Readonly<Record<string, string | undefined>>,
  prepare: (item: unknown) => T,
  limits: ListLimits = {},
): Promise<Listed<T>[]> {
  const list: ListRequest<T> = { transport, path, query, prepare, cap: limits.cap };
  const evidence = new Evidence<T>();
  let lastGrowth = 1;
  let last: Pass<T> | undefined;
  let unconfirmed: Pass<T> | undefined;
  let pass = 0;
  while (pass < MAX_PASSES && pass - lastGrowth < STALL_PASSES) {
    pass++;
    if (pass > 1) await transport.pause(Math.min(MAX_REREAD_DELAY_MS, REREAD_DELAY_MS * (pass - 1)));
    const current = await readPass(list, { count: evidence.count, totalPages: evidence.totalPages });
    if (current.problems.length === 0) {
      // A count on every page gives away a row deleted or added between two page requests; without
      // one, nothing in a pass does (E049 slid onto page 1 after it was read, and the rows read
      // were still each once): only a second read that holds the same items confirms it.
      // Two items with one title under one parent look like a duplicate, which apply deletes; but a
      // row deleted and created again between two page requests leaves the count as it was, and a
      // pass that read the stale copy (before) and the new one (after) while the shift hid another
      // row: so such a pass, and any pass after one that a re-read did not confirm, needs a second
      // read holding the same items too.
      const twins = hasTwins(current.items);
      if (current.pages.length === 1 && !twins && unconfirmed === undefined) return current.items;
      if (current.counted && !twins && unconfirmed === undefined) return current.items;
      if (unconfirmed !== undefined && sameItems(unconfirmed, current)) return current.items;
      if (unconfirmed !== undefined) current.problems.push('two reads of the list held different items (rows moved while it was read)');
      unconfirmed = current;
    }
    last = current;
    if (evidence.add(current)) lastGrowth = pass;
    const whole = evidence.whole(current.size);
    if (whole !== undefined) return whole;
  }
  throw new SecodaInconsistentListError(`GET /${path}`, last?.problems ?? [], pass);
}

/**
 * One pass. `known` is what earlier passes agreed on, if anything: the count and the page count
 * say how many pages to ask for when this pass's page 1 lies.
 */
async function readPass<T>(
  list: ListRequest<T>,
  known: { readonly count: number | undefined; readonly totalPages: number | undefined },
): Promise<Pass<T>> {
  const { transport, path, query, prepare } = list;
  const fetchPage = async (number: number): Promise<Page<T> | undefined> => {
    try {
      const response = await transport.request('GET', path, { query: { ...query, page: number } });
      const envelope = parseEnvelope(response.body, 'GET', `/${path}?page=${number}`);
      if (envelope.page !== undefined && envelope.page !== number) {
        throw new SecodaInvalidResponseError({
          method: 'GET',
          path: `/${path}?page=${number}`,
          problem: `asked for page ${number}, Secoda answered page ${envelope.page}`,
        });
      }
      return { ...envelope, number, listed: prepareAll(envelope.results, prepare) };
    } catch (error) {
      // A page past the end ("Invalid page."): the list shrank while it was read, or the envelope over-promised.
      if (number > 1 && error instanceof SecodaNotFoundError) return undefined;
      throw error;
    }
  };

  const first = await fetchPage(1);
  if (!first) throw new SecodaInvalidResponseError({ method: 'GET', path: `/${path}`, problem: 'page 1 of the list was not found' });
  // At the cap the list may be cut short: refused before anything else is read.
  if (list.cap !== undefined && first.count !== undefined && first.count >= list.cap)
    throw new SecodaListCapError(`GET /${path}`, first.count, list.cap);
  const pages: Page<T>[] = [first];
  const problems: string[] = [];

  const count = first.count;
  const size = first.results.length;
  if (count !== undefined) {
    // Ask for no more pages than the count needs, nor than the envelope claims.
    const expected = known.count ?? count;
    const byCount = expected === 0 || size === 0 ? 1 : Math.ceil(expected / size);
    const claimed = known.totalPages ?? first.totalPages;
    const wanted = claimed !== undefined && claimed >= 1 ? Math.min(byCount, claimed) : byCount;
    if (byCount > MAX_PAGES)
      throw new SecodaInvalidResponseError({
        method: 'GET',
        path: `/${path}`,
        problem: `the list claims ${count} items in pages of ${size}`,
      });
    const fetchRange = async (from: number, to: number) => {
      const fetched = await Promise.all(Array.from({ length: to - from + 1 }, (_, i) => fetchPage(from + i)));
      for (const [i, page] of fetched.entries()) {
        if (page === undefined) problems.push(`page ${from + i} of ${to} was not found (the list shrank while it was read)`);
        else pages.push(page);
      }
    };
    await fetchRange(2, wanted);
    // A page count below what the count needs, while the pages say more follow: the page count is the odd one out.
    const lastRead = pages[pages.length - 1];
    if (wanted < byCount && lastRead !== undefined && lastRead.number === wanted && lastRead.nextPage === wanted + 1)
      await fetchRange(wanted + 1, byCount);
    // The last page the count gives says another follows: ask for it. Secoda's own "Invalid page."
    // (or an empty page) refutes the claim, and the count stands; a page with items does not.
    const end = pages[pages.length - 1];
    if (end !== undefined && end.number >= byCount && end.nextPage !== undefined && end.nextPage > end.number) {
      const next = await fetchPage(end.nextPage);
      if (next === undefined || next.results.length === 0) pages[pages.length - 1] = { ...end, nextPage: undefined };
    }
  } else {
    // No count to stop at: read by page number to where the envelope says the list ends — the
    // later of what the page count and the next pages say, since either may lie or be absent —
    // and no further than a page that is not found, empty, or shorter than page 1. A window at
    // a time, so that an inflated page count costs a window, not 40,000 requests.
    let end = Math.max(1, first.totalPages ?? 1, first.nextPage ?? 1);
    let from = 2;
    let ended = size === 0;
    while (!ended && from <= Math.min(end, MAX_PAGES)) {
      const to = Math.min(end, MAX_PAGES, from + WINDOW - 1);
      const batch = await Promise.all(Array.from({ length: to - from + 1 }, (_, i) => fetchPage(from + i)));
      for (const page of batch) {
        if (ended || page === undefined || page.results.length === 0) {
          ended = true;
          continue;
        }
        pages.push(page);
        end = Math.max(end, page.totalPages ?? 1, page.nextPage ?? 1);
        if (page.results.length < size) ended = true;
      }
      from = to + 1;
    }
  }

  if (samePages(pages[0], pages[1])) problems.push('page 2 holds the same items as page 1 (does the server ignore ?page=?)');
  const lastPage = pages[pages.length - 1] ?? first;
  for (const page of pages) {
    if (page === first) continue;
    if (page.count !== count) problems.push(`page ${page.number} says ${show(page.count)} items, page 1 said ${show(count)}`);
    if (page.totalPages !== undefined && first.totalPages !== undefined && page.totalPages !== first.totalPages)
      problems.push(`page ${page.number} says ${page.totalPages} pages, page 1 said ${first.totalPages}`);
  }
  for (const page of pages) {
    if (page === lastPage) continue;
    if (page.results.length !== size) problems.push(`page ${page.number} holds ${page.results.length} items, page 1 held ${size}`);
    if (page.nextPage !== undefined && page.nextPage !== page.number + 1)
      problems.push(`page ${page.number} says the next page is ${page.nextPage}`);
  }
  if (lastPage.nextPage !== undefined) {
    problems.push(
      count !== undefined
        ? `page ${lastPage.number} should be the last for ${count} items in pages of ${size}, but says page ${lastPage.nextPage} follows` +
            (first.totalPages !== undefined ? ` (page 1 said ${first.totalPages} pages)` : '')
        : `page ${lastPage.number} is the last, but says page ${lastPage.nextPage} follows`,
    );
  }

  const items: ListedItem<T>[] = [];
  const byId = new Map<string, ListedItem<T>>();
  for (const page of pages) {
    for (const item of page.listed) {
      const id = idOf(item.raw);
      if (id !== undefined) {
        // The first copy of an item that moved between pages is kept.
        if (byId.has(id)) continue;
        byId.set(id, item);
      }
      items.push(item);
    }
  }
  if (list.cap !== undefined && items.length >= list.cap) throw new SecodaListCapError(`GET /${path}`, items.length, list.cap);
  // Without a count, the rows the pages held are the count: an item read twice means another was missed.
  const rows = pages.reduce((sum, page) => sum + page.results.length, 0);
  if (count !== undefined && items.length !== count) {
    problems.push(`page 1 says ${count} items, but ${items.length} distinct items were read over ${pages.length} pages`);
  } else if (count === undefined && items.length !== rows) {
    problems.push(
      `${pages.length} pages held ${rows} rows, but only ${items.length} distinct items: rows moved between pages, or the list has no stable order`,
    );
  }
  return { pages, size, count: count ?? rows, counted: count !== undefined, items, byId, problems };
}

/**
 * Whether page 2 holds exactly page 1's items, as a server that ignores ?page= answers. An
 * unordered list of tiny pages may do so by chance, so it is a reason to read again, not an error.
 */
function samePages<T>(first: Page<T> | undefined, second: Page<T> | undefined): boolean {
  const firstIds = idsOf(first?.results ?? []);
  const secondIds = idsOf(second?.results ?? []);
  return firstIds.length > 0 && firstIds.length === secondIds.length && firstIds.every((id, i) => id !== undefined && id === secondIds[i]);
}

/** Whether two passes read the same items (by id; an item without an id never matches). */
function sameItems<T>(a: Pass<T>, b: Pass<T>): boolean {
  if (a.items.length !== b.items.length || a.byId.size !== a.items.length) return false;
  for (const id of b.byId.keys()) if (!a.byId.has(id)) return false;
  return true;
}

function show(value: number | undefined): string {
  return value === undefined ? 'no count of' : String(value);
}

function idsOf(items: unknown[]): (string | undefined)[] {
  return items.map(idOf);
}
