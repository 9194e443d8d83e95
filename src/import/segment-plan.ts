/**
 * A Segment Protocols tracking plan → a tpsync plan, in one category (the plan's display name).
 * Two shapes of the same rules are read (src/import/segment-rules.ts finds them):
 * - Segment's Config API, as typewriter stores it in `plan.json`: `rules.events[]`, each with a
 *   `name` and a JSON Schema of the whole call in `rules`, and `rules.identify` / `rules.group`
 *   (or `identify_traits` / `group_traits`) for the identify and group calls;
 * - Segment's Public API: a list of rules, `rules[]` (or `data.rules[]`), each with `type`
 *   (`TRACK`, `IDENTIFY`, `GROUP`, `PAGE`, `SCREEN`, `COMMON`), `key`, `version` and `jsonSchema`.
 *
 * A rule's schema describes the whole call: the plan takes the part its event describes
 * (`properties` of a track, page or screen call; `traits` of an identify or group call) and
 * notes what else the rule constrains. The latest version of a rule is imported; older ones
 * are noted. Rules for every call (`COMMON`, `global`) are noted where they constrain.
 */
import { assemblePlan, type FoundEvent } from './assemble-plan.js';
import { childPointer, type ImportNote } from './import-note.js';
import { KIND_TITLES, type EventKind, type ImportedPlan } from './imported-plan.js';
import { documentContext, eventShape, schemaDescription } from './json-schema-event.js';
import { ANNOTATIONS, isRecord } from './json-schema-keywords.js';
import { note } from './map-context.js';
import { planText } from './plan-text.js';
import { findSegmentRules, type SegmentRule } from './segment-rules.js';

/** Where the part of a call that a kind's event describes is: its properties, or its traits. */
const SECTION: Readonly<Record<EventKind, 'properties' | 'traits'>> = {
  track: 'properties',
  page: 'properties',
  screen: 'properties',
  identify: 'traits',
  group: 'traits',
};

/**
 * @param file the source's name, as notes name it
 * @param data the parsed JSON
 * @returns undefined when the data holds no Segment rules (the caller says so, with a hint)
 */
export function importSegment(file: string, data: unknown): ImportedPlan | undefined {
  const found = findSegmentRules(data);
  if (found === undefined) return undefined;
  const notes: ImportNote[] = [];
  const events: FoundEvent[] = [];
  for (const rule of latestVersions(found.rules, file, notes)) {
    const place = { file, pointer: rule.pointer };
    if (rule.kind === 'common') {
      callConstraints(rule, file, notes, undefined);
      continue;
    }
    const ctx = documentContext(rule.schema, { file, pointer: rule.schemaPointer }, notes);
    const section = SECTION[rule.kind];
    const root = isRecord(rule.schema) ? rule.schema : {};
    const sectionSchema = isRecord(root['properties']) ? root['properties'][section] : undefined;
    const shape = eventShape(sectionSchema, ctx.places.child(root, sectionSchema, 'properties', section), ctx);
    callConstraints(rule, file, notes, shape.properties.some((p) => p.required === true) ? section : undefined);
    const description =
      planText(rule.description, { file, pointer: childPointer(rule.pointer, 'description') }, { notes }) ??
      schemaDescription(root, ctx) ??
      schemaDescription(sectionSchema, ctx);
    const named = rule.kind === 'track' || ((rule.kind === 'page' || rule.kind === 'screen') && rule.name !== undefined);
    const title = named ? rule.name : KIND_TITLES[rule.kind];
    if (title === undefined) {
      note({ notes }, place, 'a track rule without an event name: left out');
      continue;
    }
    events.push({
      category: found.title,
      place,
      event: {
        title,
        ...(rule.kind === 'track' ? {} : { kind: rule.kind }),
        // A page or screen rule without a name is for every call of its kind.
        ...((rule.kind === 'page' || rule.kind === 'screen') && !named ? { any_name: true as const } : {}),
        ...(description === undefined ? {} : { description }),
        additional_properties: shape.additional,
        properties: shape.properties,
      },
    });
  }
  return assemblePlan(events, notes);
}

/** The highest version of each rule; the others are noted as left out. */
function latestVersions(rules: readonly SegmentRule[], file: string, notes: ImportNote[]): SegmentRule[] {
  const latest = new Map<string, SegmentRule>();
  for (const rule of rules) {
    const key = JSON.stringify([rule.kind, rule.name ?? null]);
    const seen = latest.get(key);
    if (seen === undefined || rule.version > seen.version) latest.set(key, rule);
  }
  for (const rule of rules) {
    const kept = latest.get(JSON.stringify([rule.kind, rule.name ?? null]));
    if (kept !== undefined && kept !== rule) {
      note(
        { notes },
        { file, pointer: rule.pointer },
        `version ${rule.version} of ${rule.name === undefined ? `the ${rule.kind} rule` : JSON.stringify(rule.name)}: left out, the plan holds version ${kept.version}`,
      );
    }
  }
  return [...latest.values()];
}

/**
 * What a rule's schema says about the call besides the part its event describes: noted, unless
 * every Segment call meets it (an object `context`, `traits` or `properties` is the spec's).
 * `required` naming the event's own part is implied when the event has required properties.
 */
function callConstraints(rule: SegmentRule, file: string, notes: ImportNote[], section: string | undefined): void {
  const schema = rule.schema;
  const at = (...steps: (string | number)[]) => ({ file, pointer: childPointer(rule.schemaPointer, ...steps) });
  const every = rule.kind === 'common' ? 'a rule for every call' : 'the rule';
  if (!isRecord(schema)) return;
  const own = rule.kind === 'common' ? undefined : SECTION[rule.kind];
  for (const key of Object.keys(schema)) {
    if (ANNOTATIONS.has(key) || key === 'properties' || key === 'labels') continue;
    if (key === 'type' && schema[key] === 'object') continue;
    if (key === 'required' && Array.isArray(schema[key])) {
      for (const [index, name] of schema[key].entries()) {
        if (name !== section)
          note(
            { notes },
            at('required', index),
            `${every} requires the call to carry ${JSON.stringify(name)}, which the plan does not check: left out`,
          );
      }
      continue;
    }
    note({ notes }, at(key), `${every} constrains the whole call with ${key}, which the plan does not check: left out`);
  }
  const parts = isRecord(schema['properties']) ? schema['properties'] : {};
  for (const [key, part] of Object.entries(parts)) {
    if (key === own || everyCallMeets(part)) continue;
    note(
      { notes },
      at('properties', key),
      `${every} constrains the call's ${JSON.stringify(key)}, which the plan does not check: left out`,
    );
  }
}

/** `{}`, `true`, or `{type: "object"}` with only annotations: what every Segment call's context, traits or properties is. */
function everyCallMeets(schema: unknown): boolean {
  if (schema === true) return true;
  if (!isRecord(schema)) return false;
  return Object.entries(schema).every(
    ([key, value]) =>
      ANNOTATIONS.has(key) ||
      key === 'labels' ||
      (key === 'type' && value === 'object') ||
      (key === 'required' && Array.isArray(value) && value.length === 0) ||
      (key === 'properties' && isRecord(value) && Object.keys(value).length === 0),
  );
}
