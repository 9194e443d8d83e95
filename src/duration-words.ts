/**
 * A duration in words, for every message that states one, whatever layer builds it (a retry's
 * wait and a time limit in the Secoda client's errors, an apply's estimate, an ETA): "40 ms",
 * "2.5 s", "12 s", "2 min", "2 min 5 s", "1 h 20 min". Milliseconds below a second, tenths below
 * ten seconds (a retry in 2.5 s), whole seconds below an hour, whole minutes (cut, not rounded)
 * above; whole days from two days on, and "more than a year" past one (a Retry-After date in
 * 2099 reads as that, not as 650,000 h). Negative durations read as zero.
 */
export function durationWords(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 1_000) return `${Math.round(safe)} ms`;
  if (safe < 10_000) return `${(Math.round(safe / 100) / 10).toString()} s`;
  const seconds = Math.round(safe / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const minutes = Math.floor(seconds / 60);
    const rest = seconds % 60;
    return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
  }
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours >= 24 * 365) return 'more than a year';
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
