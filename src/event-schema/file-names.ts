/**
 * Schema file names: `<category>.<event>.schema.json`, each part the title in kebab case
 * ("Checkout", "Order Completed" → checkout.order-completed.schema.json), all in one directory. Titles that meet after kebab-casing ("Check out" and
 * "Check-Out") all get a short hash of their exact title (`check-out-5d41402a`) and none keeps the
 * plain name: a name never passes from one event to another when a title is added, so a tool
 * that reads `order-completed.schema.json` never silently gets another event's schema.
 */
import { createHash } from 'node:crypto';

const MAX_SLUG = 80;
/** Names Windows reserves for devices, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** The title in ASCII kebab case; undefined when nothing of it is left (only symbols, or a non-Latin script). */
export function slugOf(title: string): string | undefined {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '');
  if (slug === '') return undefined;
  return WINDOWS_RESERVED.test(slug) ? `${slug}-file` : slug;
}

const hashOf = (title: string, length: number): string => createHash('sha256').update(title, 'utf8').digest('hex').slice(0, length);

/**
 * A unique name for each distinct title. A title whose slug no other title shares keeps it; titles
 * that share one, and titles without one (`fallback` then stands in), get `-<hash>` of their exact
 * title — 8 hex digits, longer in the unlikely case that meets a name already given.
 * @returns title → name, for every title given.
 */
export function uniqueSlugs(titles: readonly string[], fallback: string): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  const hashed: [string, string][] = [];
  for (const title of new Set(titles)) {
    const slug = slugOf(title);
    if (slug === undefined) {
      hashed.push([title, fallback]);
      continue;
    }
    const group = bySlug.get(slug);
    if (group === undefined) bySlug.set(slug, [title]);
    else group.push(title);
  }
  const result = new Map<string, string>();
  const taken = new Set<string>();
  for (const [slug, group] of bySlug) {
    const [only] = group;
    if (group.length === 1 && only !== undefined) {
      result.set(only, slug);
      taken.add(slug);
    } else {
      for (const title of group) hashed.push([title, slug]);
    }
  }
  // Plain names first, so a hashed name can never take one.
  for (const [title, base] of hashed) {
    let name = `${base}-${hashOf(title, 8)}`;
    for (let length = 12; taken.has(name) && length <= 64; length += 4) name = `${base}-${hashOf(title, length)}`;
    taken.add(name);
    result.set(title, name);
  }
  return result;
}
