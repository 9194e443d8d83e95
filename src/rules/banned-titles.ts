/** `banned-titles`: no event or property is titled "test", "tmp" or whatever else the team bans. */
import { titleKey } from '../tracking-plan/semantic-rules.js';
import { NONE, type Rule } from './rule.js';

export interface BannedTitlesOptions {
  /** By titleKey (case and surrounding space ignored), with the title as written in `rules:`. */
  readonly banned: ReadonlyMap<string, string>;
}

// eslint-disable-next-line no-control-regex -- the point is to find what is not ASCII
const NON_ASCII = /[^\u0000-\u007f]/;

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
    if (typeof title !== 'string') return NONE;
    // Plain ASCII titles (nearly all) need no Unicode normalisation to compare.
    const isBanned = banned.has(title.toLowerCase()) || (NON_ASCII.test(title) && banned.has(titleKey(title)));
    if (!isBanned) return NONE;
    return [
      {
        path: [...node.path, 'title'],
        message: `${context.describe(node.path)} has a banned title`,
        hint: `choose a title that says what it is; the plan's rules ban ${[...banned.values()].map((t) => JSON.stringify(t)).join(', ')}`,
      },
    ];
  },
};
