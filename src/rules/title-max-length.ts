/** `title-max-length`: titles short enough for the warehouse columns and tables they become. */
import { NONE, type Rule } from './rule.js';

export interface TitleMaxLengthOptions {
  readonly max: number;
}

export const titleMaxLength: Rule<TitleMaxLengthOptions> = {
  id: 'title-max-length',
  defaultLevel: 'error',
  description: 'Event and property titles are at most a number of characters long.',
  optionsText: '`max`: the most characters a title may have, e.g. `63` (PostgreSQL and Redshift cut identifiers there)',
  kinds: ['event', 'property', 'definition'],
  options(entry) {
    const max = entry['max'];
    return typeof max === 'number' && Number.isInteger(max) && max >= 1 ? { max } : undefined;
  },
  check(node, { max }, context) {
    const title = node.data['title'];
    // Characters as people count them: code points, not UTF-16 units (never more than those, so most titles need no count).
    if (typeof title !== 'string' || title.length <= max) return NONE;
    const length = [...title].length;
    if (length <= max) return NONE;
    return [
      {
        path: [...node.path, 'title'],
        message: `${context.describe(node.path)} has a ${length}-character title; the limit is ${max}`,
        hint: 'shorten it, or add "# tpsync-disable-next-line title-max-length" above this line to keep an existing one (renaming re-creates it in Secoda)',
      },
    ];
  },
};
