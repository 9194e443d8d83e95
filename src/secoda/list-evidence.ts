/**
 * The evidence that several reads of one list add up to, when no single read was consistent.
 */
import { hasTwins, idOf, type ListedItem, type Pass } from './list-pass.js';

/**
 * What the passes over one list said, page response by page response: the counts they gave,
 * what each page said of the next, and every item read, filed under the count its page gave.
 * When no single pass is consistent, the list is still known whole once a strict majority of
 * responses agrees on the count, the items that pages *at that count* held are exactly that
 * many, and a majority of the reads of the page that count makes the last says no page follows
 * it. That is the way through a list without a stable order (every pass overlaps itself), pages
 * shifted by rows that moved, and an envelope that lies now and then.
 *
 * Only pages at the agreed count are evidence, because a row deleted while the list was read
 * stays in what earlier pages held: were every page's items pooled, that stale row would stand
 * in for a row the shift hid (Obsolete deleted before page 2 is read: page 1 held it, E049 slid
 * onto page 1 unseen, and the pool of 120 matched the new count of 120). A delete or an insert
 * changes the count, so the pages read after it file their items apart from those read before.
 * A list without a count has only the rows each pass held for one: it takes two passes at least.
 */
export class Evidence<T> {
  private readonly counts = new Map<number, number>();
  private readonly totals = new Map<number, number>();
  /** Per page number: what its reads said of the next page (0: none). */
  private readonly nexts = new Map<number, Map<number, number>>();
  /** Per count a page gave: the items of the pages that gave it. */
  private readonly unions = new Map<number, Map<string, ListedItem<T>>>();
  private unidentified = false;
  private passes = 0;
  private countless = false;

  /** Adds a pass; returns whether it brought an item not seen before at its page's count. */
  add(pass: Pass<T>): boolean {
    this.passes++;
    if (!pass.counted) this.countless = true;
    let grew = false;
    for (const page of pass.pages) {
      // A page without a count votes for what its pass read, so a list without counts can be proved whole too.
      const count = page.count ?? pass.count;
      vote(this.counts, count);
      if (page.totalPages !== undefined) vote(this.totals, page.totalPages);
      let nexts = this.nexts.get(page.number);
      if (nexts === undefined) this.nexts.set(page.number, (nexts = new Map<number, number>()));
      vote(nexts, page.nextPage ?? 0);
      let union = this.unions.get(count);
      if (union === undefined) this.unions.set(count, (union = new Map<string, ListedItem<T>>()));
      for (const item of page.listed) {
        const id = idOf(item.raw);
        if (id === undefined || union.has(id)) continue;
        union.set(id, item);
        grew = true;
      }
    }
    if (pass.items.length !== pass.byId.size) this.unidentified = true;
    return grew;
  }

  /** The count that more than half of the responses gave. */
  get count(): number | undefined {
    return majority(this.counts);
  }

  /** The page count that more than half of the responses gave. */
  get totalPages(): number | undefined {
    return majority(this.totals);
  }

  /** The whole list, when the evidence proves it (see above); undefined otherwise. */
  whole(size: number): ListedItem<T>[] | undefined {
    const count = this.count;
    const union = count === undefined ? undefined : this.unions.get(count);
    if (count === undefined || this.unidentified || (union?.size ?? 0) !== count) return undefined;
    // Without a count, a pass's rows are its only count, and one pass cannot prove itself (see fetchListed).
    if (this.countless && this.passes < 2) return undefined;
    const last = count === 0 || size === 0 ? 1 : Math.ceil(count / size);
    if (majority(this.nexts.get(last) ?? new Map<number, number>()) !== 0) return undefined;
    const items = [...(union?.values() ?? [])];
    // Twins (one title under one parent) in one pass may be a row deleted and created again while
    // it was read, with another row hidden by the shift: a second pass at this count then adds the
    // hidden row, and the union outgrows the count. One pass cannot prove twins (see fetchListed).
    if (this.passes < 2 && hasTwins(items)) return undefined;
    return items;
  }
}

function vote(votes: Map<number, number>, value: number): void {
  votes.set(value, (votes.get(value) ?? 0) + 1);
}

function majority(votes: ReadonlyMap<number, number>): number | undefined {
  let total = 0;
  for (const n of votes.values()) total += n;
  for (const [value, n] of votes) if (n * 2 > total) return value;
  return undefined;
}
