/**
 * Secoda IDs come with or without dashes (`d935a76c-2125-…` and `43d7c33dad74…`). We send
 * them as written and treat them as opaque, but compare UUID-shaped ones by their hex digits
 * so that the same ID written two ways never shows up as a difference.
 */
const UUID_HEX = /^[0-9a-f]{32}$/;

/**
 * Planning 100,000 properties normalises the same few hundred thousand ids several times over
 * (grouping, matching, the fingerprint); remembering the answers took idKey from the planner's
 * hottest function to a map lookup. Bounded, so a long-lived process does not grow without end.
 */
const known = new Map<string, string>();
const MAX_KNOWN = 1 << 18;

export function idKey(id: string): string {
  const cached = known.get(id);
  if (cached !== undefined) return cached;
  const compact = id.toLowerCase().replace(/-/g, '');
  const key = UUID_HEX.test(compact) ? compact : id;
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(id, key);
  return key;
}

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return a === b || idKey(a) === idKey(b);
}
