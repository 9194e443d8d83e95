/** `event-title-style`: event titles follow one naming style ("Order Completed" in Title Case). */
import { NONE, type Rule } from './rule.js';
import { isInStyle } from './title-styles.js';
import { styleFinding, styleOption, type StyleOptions } from './style-option.js';

export const eventTitleStyle: Rule<StyleOptions> = {
  id: 'event-title-style',
  defaultLevel: 'error',
  description: 'Event titles follow a naming style (default title-case).',
  optionsText: '`style`: `title-case` (default), `sentence-case`, `snake_case`, `camelCase` or `kebab-case`',
  kinds: ['event'],
  options: (entry) => styleOption(entry, 'title-case'),
  check(node, { style }, context) {
    const title = node.data['title'];
    if (typeof title !== 'string' || isInStyle(title, style)) return NONE;
    return styleFinding(
      'event-title-style',
      title,
      style,
      [...node.path, 'title'],
      context.describe(node.path),
      'renaming re-creates the event in Secoda (its history there starts again)',
    );
  },
};
