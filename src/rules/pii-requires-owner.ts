/** `pii-requires-owner`: someone answers for every event and property that holds personal data. */
import { isRecord, NONE, type Record_, type Rule } from './rule.js';

const hasIds = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
const owned = (node: Record_): boolean => hasIds(node['owners']) || hasIds(node['owners_groups']);
const HINT = 'add `owners: [<Secoda user ID>]` (or `owners_groups`): someone answers for this personal data';

export const piiRequiresOwner: Rule<true> = {
  id: 'pii-requires-owner',
  defaultLevel: 'error',
  description: 'An event or property with `pii: true` has owners (or owners_groups).',
  optionsText: 'none',
  kinds: ['event', 'property', 'definition', 'use'],
  options: () => true,
  // Reported where the event or property starts, so that a comment above it suppresses it, as
  // for the other rules that are about a whole node.
  check(node, _options, context) {
    if (node.kind !== 'use') {
      if (node.data['pii'] !== true || owned(node.data)) return NONE;
      return [{ path: node.path, message: `${context.describe(node.path)} holds personal data (pii: true) but has no owners`, hint: HINT }];
    }
    // A `use:` entry is checked only where it changes the outcome: what it takes unchanged from
    // the definition is checked once, at the definition.
    const set = (field: string) => field in node.data;
    if (!set('pii') && !set('owners') && !set('owners_groups')) return NONE;
    const definition = isRecord(node.definition) ? node.definition : {};
    const pick = (field: string): unknown => (set(field) ? node.data[field] : definition[field]);
    if (pick('pii') !== true || hasIds(pick('owners')) || hasIds(pick('owners_groups'))) return NONE;
    const emptied = set('pii') ? undefined : set('owners') ? 'owners' : 'owners_groups';
    return [
      {
        path: node.path,
        message: `${context.describe(node.path)} holds personal data (pii: true) but has no owners`,
        hint: emptied === undefined ? HINT : `its "${emptied}" here leaves it without the definition's owners; ${HINT}`,
      },
    ];
  },
};
