/**
 * How the emulator compares ids: the way Django compares UUIDs, with or without dashes, any case
 * (the reference shows both `d935a76c-2125-…` and `43d7c33dad74…`). Other strings compare as is.
 * The emulator stands in for Secoda, so it does not borrow the client's comparison (src/ids.ts):
 * a mistake there would be mirrored here, and no test would see it.
 */
const UUID_HEX = /^[0-9a-f]{32}$/i;

/** The key two ids share when Secoda takes them for the same one. */
export function idKey(id: string): string {
  // The length check skips the regex for ids that cannot be UUIDs: every record a list filters
  // goes through here (bench/results.md).
  const compact = id.includes('-') ? id.replace(/-/g, '') : id;
  return compact.length === 32 && UUID_HEX.test(compact) ? compact.toLowerCase() : id;
}
