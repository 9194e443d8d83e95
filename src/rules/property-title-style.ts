/** `property-title-style`: property titles follow one naming style (`order_id` in snake_case). */
import { NONE, type Rule } from './rule.js';
import { isInStyle } from './title-styles.js';
import { styleFinding, styleOption, type StyleOptions } from './style-option.js';

export const propertyTitleStyle: Rule<StyleOptions> = {
  id: 'property-title-style',
  defaultLevel: 'error',
  description: 'Property titles follow a naming style (default snake_case).',
  optionsText: '`style`: `snake_case` (default), `camelCase`, `kebab-case`, `title-case` or `sentence-case`',
  // A `use:` entry is titled by its definition, which is checked once where it is written.
  kinds: ['property', 'definition'],
  options: (entry) => styleOption(entry, 'snake_case'),
  check(node, { style }, context) {
    const title = node.data['title'];
    if (typeof title !== 'string' || isInStyle(title, style)) return NONE;
    return styleFinding(
      'property-title-style',
      title,
      style,
      [...node.path, 'title'],
      context.describe(node.path),
      'renaming re-creates the property in Secoda',
    );
  },
};
