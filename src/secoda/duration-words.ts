/**
 * A duration for the client's own messages (errors.ts, http-transport.ts), which are made below
 * the layer of src/render: "40 ms", "2.5 s", "12 s", "2 min", "2 min 5 s". Milliseconds below a
 * second, tenths below ten seconds (a retry in 2.5 s), whole seconds above. Everything else
 * states durations with src/render/duration-words.ts, which says the same below an hour.
 */
export function durationWords(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 1_000) return `${Math.round(safe)} ms`;
  if (safe < 10_000) return `${(Math.round(safe / 100) / 10).toString()} s`;
  const seconds = Math.round(safe / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
