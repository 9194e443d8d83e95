/** `required-properties`: every event carries the properties the data team relies on (`platform`, `user_id`). */
import { isRecord, NONE, type Rule } from './rule.js';

export interface RequiredPropertiesOptions {
  readonly properties: readonly string[];
}

const quoteList = (titles: readonly string[]): string => {
  const quoted = titles.map((t) => JSON.stringify(t));
  return quoted.length === 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1) ?? ''}`;
};

export const requiredProperties: Rule<RequiredPropertiesOptions> = {
  id: 'required-properties',
  defaultLevel: 'error',
  description: 'Every event carries the listed properties.',
  optionsText: '`properties`: the property titles every event carries, e.g. `[platform]`',
  kinds: ['event'],
  options(entry) {
    const list = entry['properties'];
    if (!Array.isArray(list)) return undefined;
    const properties = list.filter((title): title is string => typeof title === 'string');
    return properties.length > 0 ? { properties } : undefined;
  },
  check(node, { properties }, context) {
    const carried = new Set<string>();
    const entries: unknown = node.data['properties'];
    if (Array.isArray(entries)) {
      for (const entry of entries as unknown[]) {
        if (!isRecord(entry)) continue;
        const title = typeof entry['title'] === 'string' ? entry['title'] : entry['use'];
        if (typeof title === 'string') carried.add(title);
      }
    }
    const missing = properties.filter((title) => !carried.has(title));
    if (missing.length === 0) return NONE;
    const shared = missing.filter((title) => context.isDefined(title));
    const hint =
      shared.length === missing.length
        ? `add ${missing.map((t) => `\`- use: ${t}\``).join(' and ')} to its properties`
        : `add ${missing.length === 1 ? 'a property' : 'properties'} titled ${quoteList(missing)} (a shared definition and \`- use:\` keeps them alike across events)`;
    return [
      {
        path: node.path,
        message: `${context.describe(node.path)} does not carry the required ${missing.length === 1 ? 'property' : 'properties'} ${quoteList(missing)}`,
        hint,
      },
    ];
  },
};
