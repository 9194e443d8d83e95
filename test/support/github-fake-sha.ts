/** A 40-hex-digit stand-in for a commit id, stable for a given label. */
export function fakeSha(label: string): string {
  let out = '';
  let h = 2166136261;
  while (out.length < 40) {
    for (const ch of `${label}:${out.length}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
