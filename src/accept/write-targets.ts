/**
 * Where each field Secoda changed is written in the YAML: an event's or property's own key; for a
 * property taken from a shared definition (`- use: currency`), the key beside `use:` when the
 * event overrides that field, else the definition — but only when every event that uses it shows
 * the same value in Secoda. When they differ, the events that changed get an override beside
 * `use:` (and a note says so); an event that did not change is never touched. Pure.
 */
import type { PlanProperty, TrackingPlan } from '../tracking-plan/types.js';
import type { FieldIntent } from './drift-decisions.js';
import type { FieldWrite } from './field-writes.js';
import { fieldSpot, findItem, rootMap, type FoundMap } from './locate-nodes.js';
import type { AcceptedChange, AcceptNote, DriftValue, LeftChange } from './types.js';
import type { WrittenValue } from './value-splices.js';
import type { YamlText } from './yaml-text.js';

/** A write, the file it goes to, and what it accepts (for the report). */
export interface TargetedWrite {
  readonly file: YamlText;
  readonly write: FieldWrite;
  readonly accepted: AcceptedChange;
}

export interface Targets {
  readonly writes: TargetedWrite[];
  readonly left: LeftChange[];
  readonly notes: AcceptNote[];
}

interface Context {
  readonly files: ReadonlyMap<string, YamlText>;
  readonly plan: TrackingPlan;
  readonly same: (field: string, a: DriftValue, b: DriftValue) => boolean;
  /** Paths (joined) of events and properties with an operation other than an update: their Secoda value is not known to match. */
  readonly unsettled: ReadonlySet<string>;
}

/** The writes for `intents`, and what cannot be found in the YAML (left). */
export function targetWrites(intents: readonly FieldIntent[], context: Context): Targets {
  const targets: Targets = { writes: [], left: [], notes: [] };
  const byDefinition = new Map<string, FieldIntent[]>();
  for (const intent of intents) {
    const shared = intent.kind === 'property' ? propertyOf(context.plan, intent.path)?.shared : undefined;
    if (shared !== undefined && !(shared.overrides as readonly string[]).includes(intent.field)) {
      const group = `${shared.definition}\u0000${intent.field}`;
      byDefinition.set(group, [...(byDefinition.get(group) ?? []), intent]);
      continue;
    }
    const found = locate(context, intent.path, shared !== undefined);
    if (found === undefined) targets.left.push(notFound(intent));
    else
      targets.writes.push(
        targeted(found, intent.field, intent.secoda, { kind: intent.kind, path: intent.path, before: intent.yaml }, shared?.definition),
      );
  }
  for (const group of byDefinition.values()) sharedDefinition(group, context, targets);
  return targets;
}

/** Intents on one field of one shared definition: the definition changes, or the events that changed get overrides. */
function sharedDefinition(group: readonly FieldIntent[], context: Context, targets: Targets): void {
  const first = group[0];
  if (first === undefined) return;
  const definition = propertyOf(context.plan, first.path)?.shared?.definition ?? '';
  const users = usersOf(context.plan, definition, first.field);
  const byPath = new Map(group.map((intent) => [intent.path.join('\u0000'), intent]));
  const allAlike = users.every((path) => {
    const intent = byPath.get(path.join('\u0000'));
    return intent !== undefined && context.same(first.field, intent.secoda, first.secoda);
  });
  if (allAlike) {
    const found = definitionMap(context, definition);
    if (found !== undefined) {
      targets.writes.push(targeted(found, first.field, first.secoda, { kind: 'definition', path: [definition], before: first.yaml }));
      return;
    }
  }
  const overridden: string[] = [];
  for (const intent of group) {
    const found = locate(context, intent.path, true);
    if (found === undefined) {
      targets.left.push(notFound(intent));
      continue;
    }
    targets.writes.push(
      targeted(
        found,
        intent.field,
        intent.secoda,
        { kind: 'property', path: intent.path, before: intent.yaml, via: 'override' },
        definition,
      ),
    );
    overridden.push(`${intent.path[0] ?? ''} › ${intent.path[1] ?? ''}`);
  }
  const unsure = users.some((path) => context.unsettled.has(path.join('\u0000')) || context.unsettled.has(path.slice(0, 2).join('\u0000')));
  targets.notes.push({
    path: [definition],
    message: `shared property definition ${JSON.stringify(definition)}: Secoda's ${first.field} ${
      unsure ? 'is not known to be the same for every event that uses it' : 'differs between the events that use it'
    }, so the definition stays and ${overridden.length === 1 ? 'the event that changed gets' : 'the events that changed get'} an override beside \`use:\` (${overridden.join('; ')})`,
  });
}

function targeted(
  found: { file: YamlText; map: FoundMap },
  field: string,
  value: DriftValue,
  what: Pick<AcceptedChange, 'kind' | 'path' | 'before' | 'via'>,
  definition?: string,
): TargetedWrite {
  const spot = fieldSpot(found.file.doc, found.map.map, field);
  const offset =
    spot.kind === 'absent' ? (found.map.map.range?.[0] ?? 0) : ((spot.pair.value as { range?: number[] } | null)?.range?.[0] ?? 0);
  return {
    file: found.file,
    write: { map: found.map, field, value: value as WrittenValue },
    accepted: {
      ...what,
      field,
      after: value,
      file: found.file.path,
      line: lineOf(found.file.text, offset),
      ...(definition === undefined ? {} : { definition }),
    },
  };
}

/** The mapping of the event (`path` of 2) or property (3) in its category's file. */
function locate(context: Context, path: readonly string[], use: boolean): { file: YamlText; map: FoundMap } | undefined {
  const category = context.plan.categories.find((c) => c.title === path[0]);
  const file = category?.source === undefined ? undefined : context.files.get(category.source.file);
  const root = file === undefined ? undefined : rootMap(file.doc);
  if (file === undefined || root === undefined) return undefined;
  const inCategory = findItem(file.doc, { map: root }, 'categories', path[0] ?? '');
  const event = inCategory && findItem(file.doc, inCategory, 'events', path[1] ?? '');
  if (path.length === 2) return event && { file, map: event };
  const property = event && findItem(file.doc, event, 'properties', path[2] ?? '', use);
  return property && { file, map: property };
}

/** The shared definition titled `title`: the first one in path order, as the loader takes it. */
function definitionMap(context: Context, title: string): { file: YamlText; map: FoundMap } | undefined {
  for (const path of [...context.files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = context.files.get(path);
    const root = file && rootMap(file.doc);
    const found = file && root && findItem(file.doc, { map: root }, 'properties', title);
    if (file && found) return { file, map: found };
  }
  return undefined;
}

/** The paths of the properties that take `field` from the definition `definition` (no override). */
function usersOf(plan: TrackingPlan, definition: string, field: string): string[][] {
  const users: string[][] = [];
  for (const category of plan.categories)
    for (const event of category.events)
      for (const property of event.properties)
        if (property.shared?.definition === definition && !(property.shared.overrides as readonly string[]).includes(field))
          users.push([category.title, event.title, property.title]);
  return users;
}

function propertyOf(plan: TrackingPlan, path: readonly string[]): PlanProperty | undefined {
  return plan.categories
    .find((c) => c.title === path[0])
    ?.events.find((e) => e.title === path[1])
    ?.properties.find((p) => p.title === path[2]);
}

function notFound(intent: FieldIntent): LeftChange {
  return {
    kind: intent.kind,
    path: intent.path,
    field: intent.field,
    reason: 'its place in the YAML was not found',
    cause: 'not-acceptable',
  };
}

/** The 1-based line of `offset`. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
