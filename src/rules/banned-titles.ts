/** `banned-titles`: no event or property is titled "test", "tmp" or whatever else the team bans. */
import { titleKey } from '../tracking-plan/semantic-rules.js';
import type { Rule } from './rule.js';

export interface BannedTitlesOptions {
  /** By titleKey (case and surrounding space ignored), with the title as written in `rules:`. */
  readonly banned: ReadonlyMap<string, string>;
}

export const bannedTitles: Rule<BannedTitlesOptions> = {
  id: 'banned-titles',
  defaultLevel: 'error',
  description: 'No event or property has a banned title (compared ignoring case).',
  optionsText: '`titles`: the banned titles, e.g. `[test, tmp, untitled]`',
  kinds: ['event', 'property', 'definition'],
  options(entry) {
    const titles = entry['titles'];
    if (!Array.isArray(titles)) return undefined;
    const banned = new Map<string, string>();
    for (const title of titles as unknown[]) if (typeof title === 'string' && title.trim() !== '') banned.set(titleKey(title), title);
    return banned.size > 0 ? { banned } : undefined;
  },
  check(node, { banned }, context) {
    const title = node.data['title'];
    if (typeof title !== 'string' || !banned.has(titleKey(title))) return [];
    return [
      {
        path: [...node.path, 'title'],
        message: `${context.describe(node.path)} has a banned title`,
        hint: `choose a title that says what it is; the plan's rules ban ${[...banned.values()].map((t) => JSON.stringify(t)).join(', ')}`,
      },
    ];
  },
};
