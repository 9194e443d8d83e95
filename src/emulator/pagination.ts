/**
 * Secoda's pagination envelope, quirks included. From the reference:
 *
 *   "links": { "next": "https://api.secoda.co/resource/all/?page=2", "previous": "None" },
 *   "meta": { "page": 1, "previous_page": "None", "next_page": 2 },
 *   "count": 315, "total_pages": 7, "results": [ … ]
 *
 * So an absent previous page is the *string* "None" while an absent next page is JSON null, and
 * `links` point at the Resources list, not at the path that was asked for. Page numbers follow
 * Django's paginator (DRF's PageNumberPagination): an empty `?page=` is page 1, `last` is the last
 * page, and anything else that is not a page → 404 {"detail": "Invalid page."}.
 */
import { invalidPage } from './drf-errors.js';
import { mulberry32, NO_LIST_FAULT, type ListFaultDecision } from './faults.js';

/** The `total_pages` a lying envelope claims (see FaultOptions.lyingEnvelopeRate). */
export const LYING_TOTAL_PAGES = 40_000;

export const DEFAULT_PAGE_SIZE = 50;

export interface Envelope<T> {
  links: { next: string | null; previous: string };
  meta: { page: number; previous_page: number | 'None'; next_page: number | null };
  count: number;
  total_pages: number;
  results: T[];
  /** An extra key the real API adds; clients must tolerate it. */
  resource_totals: Record<string, number>;
}

/** The page a `?page=` value asks for (Python's int() rules), or an Invalid page error. */
export function pageNumber(raw: string | undefined, totalPages: number): number {
  if (raw === undefined || raw === '') return 1;
  if (raw === 'last') return totalPages;
  const trimmed = raw.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(trimmed)) throw invalidPage();
  const page = Number(trimmed.replace(/_/g, ''));
  if (!Number.isSafeInteger(page) || page < 1 || page > totalPages) throw invalidPage();
  return page;
}

/** An empty list still has one (empty) page, as Django's allow_empty_first_page gives. */
export function totalPages(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

export interface PageOptions {
  pageSize: number;
  /** `host[:port]` as the client addressed us; links are absolute URLs on it. */
  host: string;
  resourceTotals: Record<string, number>;
  /** How this page is served wrongly, when a fault says so. */
  fault?: ListFaultDecision;
}

export function paginate<T>(items: readonly T[], rawPage: string | undefined, options: PageOptions): Envelope<T> {
  const fault = options.fault ?? NO_LIST_FAULT;
  const pages = totalPages(items.length, options.pageSize);
  const page = pageNumber(rawPage, pages);
  const link = (n: number) => `http://${options.host}/api/v1/resource/all/?page=${n}`;
  const rows = fault.orderSeed === undefined ? items : shuffled(items, fault.orderSeed);
  const start = Math.max(0, (page - 1) * options.pageSize + fault.shift);
  let count = items.length;
  let total = pages;
  let next: number | null = page < pages ? page + 1 : null;
  if (fault.lie === 'count') count = Math.max(0, count + fault.countDelta);
  else if (fault.lie === 'total-pages') total = LYING_TOTAL_PAGES;
  else if (fault.lie === 'next-page') next = next === null ? page + 1 : null;
  return {
    links: { next: next === null ? null : link(next), previous: page > 1 ? link(page - 1) : 'None' },
    meta: { page, previous_page: page > 1 ? page - 1 : 'None', next_page: next },
    count,
    total_pages: total,
    results: rows.slice(start, start + options.pageSize),
    resource_totals: options.resourceTotals,
  };
}

/** A seeded Fisher–Yates shuffle (a copy). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = held;
  }
  return copy;
}
