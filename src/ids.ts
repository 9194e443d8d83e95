/**
 * Secoda IDs come with or without dashes (`d935a76c-2125-…` and `43d7c33dad74…`). We send
 * them as written and treat them as opaque, but compare UUID-shaped ones by their hex digits
 * so that the same ID written two ways never shows up as a difference.
 */
const UUID_HEX = /^[0-9a-f]{32}$/;

export function idKey(id: string): string {
  const compact = id.toLowerCase().replace(/-/g, '');
  return UUID_HEX.test(compact) ? compact : id;
}

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return a === b || idKey(a) === idKey(b);
}
