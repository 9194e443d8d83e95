/**
 * Every request the emulator saw, for tests to assert on: what was asked, what was answered,
 * when, and how many requests were in flight at once (held replies included).
 */
import type { FaultKind } from './faults.js';

export interface LogEntry {
  /** 1, 2, 3 … in arrival order. */
  readonly seq: number;
  readonly method: string;
  /** The path as sent, without the query string. */
  readonly path: string;
  /** The path without `/api/v1`, duplicate slashes or a trailing slash: `/event/events/<id>`. */
  readonly route: string;
  readonly query: Readonly<Record<string, string>>;
  /** The parsed JSON body, when there was one. */
  body?: unknown;
  /** 0 until answered, and for a dropped or aborted request. */
  status: number;
  /** The connection closed before a full response was written. */
  dropped: boolean;
  /** The fault injected, or the write rate limit (`throttled`). */
  fault?: FaultKind | 'throttled';
  /** Epoch milliseconds (fractional). */
  readonly startedAt: number;
  endedAt?: number;
}

const now = () => performance.timeOrigin + performance.now();

export function routeOf(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/').replace(/^\/api\/v1(?=\/|$)/, '');
  const trimmed = collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
  return trimmed === '' ? '/' : trimmed;
}

export class RequestLog {
  private readonly list: LogEntry[] = [];
  private seq = 0;
  private live = 0;
  private peak = 0;

  get entries(): readonly LogEntry[] {
    return this.list;
  }

  get inFlight(): number {
    return this.live;
  }

  get maxInFlight(): number {
    return this.peak;
  }

  /** Entries of one method, optionally under a route prefix (`/event/events`). */
  matching(method?: string, routePrefix?: string): LogEntry[] {
    return this.list.filter(
      (e) => (method === undefined || e.method === method.toUpperCase()) && (routePrefix === undefined || e.route.startsWith(routePrefix)),
    );
  }

  /** Forgets the entries and the peak (requests in flight are still counted). */
  clear(): void {
    this.list.length = 0;
    this.peak = this.live;
  }

  start(method: string, url: string): LogEntry {
    const [path = '/', search = ''] = url.split(/\?(.*)/s);
    const entry: LogEntry = {
      seq: ++this.seq,
      method: method.toUpperCase(),
      path,
      route: routeOf(path),
      query: Object.fromEntries(new URLSearchParams(search)),
      status: 0,
      dropped: false,
      startedAt: now(),
    };
    this.list.push(entry);
    this.live++;
    this.peak = Math.max(this.peak, this.live);
    return entry;
  }

  /** Idempotent: the first call wins. */
  finish(entry: LogEntry, status: number, dropped: boolean): void {
    if (entry.endedAt !== undefined) return;
    entry.endedAt = now();
    entry.status = dropped ? 0 : status;
    entry.dropped = dropped;
    this.live--;
  }
}
