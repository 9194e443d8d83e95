/** The clock, read at the edge: today's date in UTC as YYYY-MM-DD, for deprecation sunsets. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
