/**
 * The emulator's settings that a running server can change (RunningEmulator.configure): page
 * size, the events-list switch, latency and the write rate limit. Each is checked where it is
 * set, so a bad value fails the call that gave it.
 */
import { CATALOG_CAP } from './routes-catalog.js';
import { DEFAULT_PAGE_SIZE } from './pagination.js';
import type { RouteSettings } from './route-context.js';
import type { WriteRateLimiter } from './write-rate-limit.js';

export interface RuntimeSettings extends RouteSettings {
  /** Delay before every response (ms). */
  latencyMs: number;
  /** Writes (POST/PUT/PATCH) allowed per window; undefined for unlimited. */
  writeRateLimit: number | undefined;
  /** The rate limit's window (ms). */
  writeRateWindowMs: number;
}

/** The settings at start: the options given, the defaults for the rest (page size 50, no latency, no limit, a 60 s window, the catalog served with its cap of 10,000). */
export function initialSettings(options: Partial<RuntimeSettings>): RuntimeSettings {
  return {
    pageSize: positive(options.pageSize ?? DEFAULT_PAGE_SIZE, 'pageSize'),
    eventsListGone: options.eventsListGone ?? false,
    catalogGone: options.catalogGone ?? false,
    catalogCap: positive(options.catalogCap ?? CATALOG_CAP, 'catalogCap'),
    latencyMs: atLeastZero(options.latencyMs ?? 0, 'latencyMs'),
    writeRateLimit: options.writeRateLimit === undefined ? undefined : atLeastZero(options.writeRateLimit, 'writeRateLimit'),
    writeRateWindowMs: positive(options.writeRateWindowMs ?? 60_000, 'writeRateWindowMs'),
  };
}

/**
 * Applies `changes` to `settings`, and the rate limit's to `limiter`. A `writeRateLimit` key
 * that is present but undefined lifts the limit. Throws a RangeError for a value out of range.
 */
export function changeSettings(settings: RuntimeSettings, changes: Partial<RuntimeSettings>, limiter: WriteRateLimiter): void {
  if (changes.pageSize !== undefined) settings.pageSize = positive(changes.pageSize, 'pageSize');
  if (changes.eventsListGone !== undefined) settings.eventsListGone = changes.eventsListGone;
  if (changes.catalogGone !== undefined) settings.catalogGone = changes.catalogGone;
  if (changes.catalogCap !== undefined) settings.catalogCap = positive(changes.catalogCap, 'catalogCap');
  if (changes.latencyMs !== undefined) settings.latencyMs = atLeastZero(changes.latencyMs, 'latencyMs');
  if ('writeRateLimit' in changes)
    limiter.limit = settings.writeRateLimit =
      changes.writeRateLimit === undefined ? undefined : atLeastZero(changes.writeRateLimit, 'writeRateLimit');
  if (changes.writeRateWindowMs !== undefined)
    limiter.windowMs = settings.writeRateWindowMs = positive(changes.writeRateWindowMs, 'writeRateWindowMs');
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 1) throw new RangeError(`${name} must be a positive number, not ${value}`);
  return value;
}

function atLeastZero(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be zero or more, not ${value}`);
  return value;
}
