/** `enum-value-style`: the values of enum properties follow one naming style (`apple_pay`). */
import { appendAll } from '../arrays.js';
import { NONE, type Finding, type Rule } from './rule.js';
import { isInStyle } from './title-styles.js';
import { styleFinding, styleOption, type StyleOptions } from './style-option.js';

export const enumValueStyle: Rule<StyleOptions> = {
  id: 'enum-value-style',
  defaultLevel: 'warning',
  description: 'Enum values follow a naming style (default snake_case).',
  optionsText: '`style`: `snake_case` (default), `camelCase`, `kebab-case`, `title-case` or `sentence-case`',
  kinds: ['property', 'definition'],
  options: (entry) => styleOption(entry, 'snake_case'),
  check(node, { style }, context) {
    const values = node.data['enum'];
    if (!Array.isArray(values)) return NONE;
    let findings: Finding[] | undefined;
    (values as unknown[]).forEach((value, i) => {
      // Numbers and booleans (`enum: [1, 2]`) have no style to follow.
      if (typeof value !== 'string' || isInStyle(value, style)) return;
      appendAll(
        (findings ??= []),
        styleFinding(
          'enum-value-style',
          value,
          style,
          [...node.path, 'enum', i],
          `enum value ${JSON.stringify(value)} of ${context.describe(node.path)}`,
          'changing an enum value replaces the property in Secoda (the type and enum cannot change in place)',
        ),
      );
    });
    return findings ?? NONE;
  },
};
