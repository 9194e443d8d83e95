/**
 * Timestamps as the reference writes them: ISO 8601 with microseconds and `Z`
 * ("created_at": "2023-08-16T23:12:53.245493Z"). Times are kept as integer microseconds since
 * the epoch so that ordering is exact and a clock can hand out strictly increasing values.
 */

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** Microseconds since the epoch of an ISO 8601 timestamp, or undefined if it is not one. */
export function parseTimestamp(iso: string): number | undefined {
  const match = ISO.exec(iso);
  if (!match) return undefined;
  const [, seconds = '', fraction = '', zone = 'Z'] = match;
  const ms = Date.parse(`${seconds}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  const micros = ms * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
  // Exact integers only (up to the year 2255), so that ordering stays exact.
  return Number.isSafeInteger(micros) ? micros : undefined;
}

export function formatTimestamp(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const extra = micros - ms * 1000;
  return new Date(ms).toISOString().replace('Z', `${String(extra).padStart(3, '0')}Z`);
}

/** Canonical form (six fraction digits, `Z`) of a timestamp; throws on anything else. */
export function normaliseTimestamp(iso: string): string {
  const micros = parseTimestamp(iso);
  if (micros === undefined) throw new TypeError(`not an ISO 8601 timestamp: "${iso}"`);
  return formatTimestamp(micros);
}

/**
 * Hands out strictly increasing microsecond times, never behind the wall clock nor behind
 * anything it has been told about: a resource created now is always the newest.
 */
export class MonotonicClock {
  private last = 0;

  constructor(private readonly nowMs: () => number = () => performance.timeOrigin + performance.now()) {}

  next(): number {
    this.last = Math.max(this.last + 1, Math.floor(this.nowMs() * 1000));
    return this.last;
  }

  /** Records a time that came from elsewhere (seeded or loaded data). */
  observe(micros: number): void {
    if (micros > this.last) this.last = micros;
  }
}
