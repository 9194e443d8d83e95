/** `description-required`: every event and property says what it means. */
import { NONE, type Rule } from './rule.js';

export const descriptionRequired: Rule<true> = {
  id: 'description-required',
  defaultLevel: 'warning',
  description: 'Every event and property has a non-empty description.',
  optionsText: 'none',
  kinds: ['event', 'property', 'definition', 'use'],
  options: () => true,
  check(node, _options, context) {
    const has = 'description' in node.data;
    const description = node.data['description'];
    // A `use:` entry without a description takes the definition's, which is checked where it is written.
    if (node.kind === 'use' && !has) return NONE;
    if (!has) {
      return [
        {
          path: node.path,
          message: `${context.describe(node.path)} has no description`,
          hint:
            node.kind === 'event'
              ? 'add `description:` with one line on what happened and when it fires'
              : 'add `description:` with one line on what the value means (its unit or format, when it has one)',
        },
      ];
    }
    if (typeof description !== 'string' || description.trim() !== '') return NONE;
    return [
      {
        path: [...node.path, 'description'],
        message: `${context.describe(node.path)} has an empty description`,
        hint:
          node.kind === 'use'
            ? "write a description here, or remove this line to take the shared definition's"
            : 'write one line on what it means',
      },
    ];
  },
};
