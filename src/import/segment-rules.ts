/**
 * The rules of a Segment tracking plan, from either shape Segment's APIs give them in, as one
 * list: what call each rule is for, its event name, version and JSON Schema, and where it is
 * written (a JSON pointer into the file).
 *
 * - Config API (and typewriter's `plan.json`): `{display_name, rules: {events: [{name,
 *   description, rules, version}], global, identify | identify_traits, group | group_traits}}`.
 *   `identify` and `group` are a JSON Schema, a rule (`{rules: …}`), a list of rules, or empty.
 * - Public API: `{rules: [{type, key, version, jsonSchema}]}`, also inside `data`, or the list
 *   (with the plan's name from a `trackingPlan` beside the rules, when there is one).
 */
import { childPointer } from './import-note.js';
import type { EventKind } from './imported-plan.js';
import { isRecord } from './json-schema-keywords.js';
import { appendAll } from '../arrays.js';

export interface SegmentRule {
  readonly kind: EventKind | 'common';
  /** The event name of a track rule, the page or screen name of a page or screen rule. */
  readonly name?: string;
  readonly version: number;
  readonly description?: unknown;
  /** The rule's JSON Schema of the whole call. */
  readonly schema: unknown;
  readonly pointer: string;
  readonly schemaPointer: string;
}

export interface SegmentRules {
  /** The plan's display name, or "Segment". */
  readonly title: string;
  readonly rules: SegmentRule[];
}

const PUBLIC_TYPES: Readonly<Record<string, EventKind | 'common'>> = {
  TRACK: 'track',
  IDENTIFY: 'identify',
  GROUP: 'group',
  PAGE: 'page',
  SCREEN: 'screen',
  COMMON: 'common',
};

/** The rules `data` holds, or undefined when it is neither shape. */
export function findSegmentRules(data: unknown): SegmentRules | undefined {
  if (Array.isArray(data)) return { title: 'Segment', rules: publicRules(data, '') };
  if (!isRecord(data)) return undefined;
  const title = planTitle(data);
  const rules = data['rules'];
  if (Array.isArray(rules)) return { title, rules: publicRules(rules, '/rules') };
  if (isRecord(data['data']) && Array.isArray(data['data']['rules']))
    return { title: planTitle(data['data']), rules: publicRules(data['data']['rules'], '/data/rules') };
  if (isRecord(rules) && (Array.isArray(rules['events']) || rules['identify'] !== undefined || rules['group'] !== undefined))
    return { title, rules: configRules(rules) };
  return undefined;
}

/** The plan's name: its display name, or the name of the `trackingPlan` the Public API's answer holds; else "Segment". */
function planTitle(data: Record<string, unknown>): string {
  for (const holder of [data, data['trackingPlan'], data['tracking_plan']]) {
    if (!isRecord(holder)) continue;
    for (const key of ['display_name', 'displayName', 'name']) {
      const value = holder[key];
      if (typeof value === 'string' && value.trim() !== '' && !value.startsWith('workspaces/')) return value;
    }
  }
  return 'Segment';
}

function publicRules(list: readonly unknown[], pointer: string): SegmentRule[] {
  const rules: SegmentRule[] = [];
  list.forEach((rule, index) => {
    if (!isRecord(rule)) return;
    const kind = typeof rule['type'] === 'string' ? PUBLIC_TYPES[rule['type'].toUpperCase()] : undefined;
    if (kind === undefined) return;
    const at = childPointer(pointer, index);
    const key = rule['key'];
    // The Public API says `jsonSchema`; Segment's Terraform provider, `json_schema`.
    const schemaKey = Object.hasOwn(rule, 'jsonSchema') || !Object.hasOwn(rule, 'json_schema') ? 'jsonSchema' : 'json_schema';
    rules.push({
      kind,
      ...(typeof key === 'string' && key !== '' ? { name: key } : {}),
      version: typeof rule['version'] === 'number' ? rule['version'] : 1,
      ...(rule['description'] === undefined ? {} : { description: rule['description'] }),
      schema: rule[schemaKey],
      pointer: at,
      schemaPointer: childPointer(at, schemaKey),
    });
  });
  return rules;
}

function configRules(rules: Record<string, unknown>): SegmentRule[] {
  const found: SegmentRule[] = [];
  const events = Array.isArray(rules['events']) ? rules['events'] : [];
  events.forEach((event, index) => {
    if (!isRecord(event)) return;
    const at = childPointer('/rules/events', index);
    found.push({
      kind: 'track',
      ...(typeof event['name'] === 'string' ? { name: event['name'] } : {}),
      version: typeof event['version'] === 'number' ? event['version'] : 1,
      ...(event['description'] === undefined ? {} : { description: event['description'] }),
      schema: event['rules'],
      pointer: at,
      schemaPointer: childPointer(at, 'rules'),
    });
  });
  for (const [key, kind] of [
    ['global', 'common'],
    ['identify', 'identify'],
    ['identify_traits', 'identify'],
    ['group', 'group'],
    ['group_traits', 'group'],
  ] as const) {
    appendAll(found, callRules(rules[key], kind, childPointer('/rules', key)));
  }
  return found;
}

/** `rules.identify` and kin: a schema, a rule holding one in `rules`, a list of either, or nothing. */
function callRules(value: unknown, kind: EventKind | 'common', pointer: string): SegmentRule[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => callRules(item, kind, childPointer(pointer, index)));
  if (!isRecord(value) || Object.keys(value).length === 0) return [];
  const wrapped = isRecord(value['rules']) && !isRecord(value['properties']);
  return [
    {
      kind,
      version: typeof value['version'] === 'number' ? value['version'] : 1,
      ...(wrapped && value['description'] !== undefined ? { description: value['description'] } : {}),
      schema: wrapped ? value['rules'] : value,
      pointer,
      schemaPointer: wrapped ? childPointer(pointer, 'rules') : pointer,
    },
  ];
}
