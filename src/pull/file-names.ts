/**
 * File names for a pulled plan split one category per file: the title in kebab case
 * ("Landing Page" → landing-page.yaml), made unique in title order so the same categories
 * always get the same names.
 */
import { compareText } from '../plan/compare.js';

/** The file that holds `version` and `integration`. */
export const HEADER_FILE = 'tracking-plan.yaml';

const MAX_NAME = 60;

export function kebabCase(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_NAME)
    .replace(/^-+|-+$/g, '');
  return base === '' ? 'category' : base;
}

/** Title → file name, for titles that are unique (as a plan's category titles are). */
export function categoryFileNames(titles: readonly string[]): Map<string, string> {
  const taken = new Set<string>([HEADER_FILE]);
  const names = new Map<string, string>();
  for (const title of [...titles].sort(compareText)) {
    const base = kebabCase(title);
    let name = `${base}.yaml`;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}.yaml`;
    taken.add(name);
    names.set(title, name);
  }
  return names;
}
