/**
 * A rudder-cli project → a tpsync plan: one category per tracking plan (its display name),
 * holding an event per rule, with the properties the rule gives it. A rudder-cli tracking plan
 * is what RudderStack validates a source's events against, so its rules are the schemas to
 * keep; an event that two plans carry appears in both categories, each with its own rule (a
 * payload that fits either passes `check`, as it would pass the plan its source is connected to).
 *
 * Events keep the names payloads carry: a track event's `name`. Identify, group, page and screen
 * events (which rudder-cli names by id only) get their kind's title (imported-plan.ts). Events
 * that no tracking plan carries have no rules and are not imported.
 */
import { assemblePlan, type FoundEvent } from './assemble-plan.js';
import { childPointer, type ImportNote } from './import-note.js';
import { KIND_TITLES, type EventKind, type ImportedPlan } from './imported-plan.js';
import { documentContext, eventShape } from './json-schema-event.js';
import { isRecord } from './json-schema-keywords.js';
import { note } from './map-context.js';
import { planText } from './plan-text.js';
import { readCatalog, referencedId, type RudderCatalog, type RudderDocument, type RudderTrackingPlan } from './rudderstack-catalog.js';
import { RudderSchemaBuilder } from './rudderstack-schema.js';
import { SchemaPlaces, type SourcePlace } from './schema-places.js';

const KINDS: ReadonlySet<string> = new Set(['track', 'identify', 'page', 'screen', 'group']);
/** The part of a call each kind's plan event describes. */
const SECTIONS: Readonly<Record<EventKind, string>> = {
  track: 'properties',
  page: 'properties',
  screen: 'properties',
  identify: 'traits',
  group: 'traits',
};
const INCLUDE = /^#\/tp\/([^/]+)\/event_rule\/(.+)$/;

export function importRudderStack(documents: readonly RudderDocument[]): ImportedPlan {
  const catalog = readCatalog(documents);
  const notes: ImportNote[] = [];
  const places = new SchemaPlaces();
  const builder = new RudderSchemaBuilder(catalog, places, notes);
  const events: FoundEvent[] = [];
  const carried = new Set<string>();
  for (const plan of catalog.trackingPlans) {
    const category = typeof plan.data['display_name'] === 'string' ? plan.data['display_name'] : plan.id;
    for (const { rule, place } of expandRules(plan, catalog, notes)) {
      const found = ruleEvent(rule, place, catalog, builder, places, notes);
      if (found === undefined) continue;
      carried.add(found.id);
      events.push({ category, place, event: found.event });
    }
  }
  for (const event of catalog.events.values()) {
    if (!carried.has(event.id))
      note({ notes }, event.place, `event ${JSON.stringify(event.id)} is in no tracking plan, so it has no rules: not imported`, 'skipped');
  }
  return assemblePlan(events, notes);
}

/** A plan's rules, with `includes` rules replaced by the rules they name (`#/tp/<plan>/event_rule/<rule or *>`). */
function expandRules(
  plan: RudderTrackingPlan,
  catalog: RudderCatalog,
  notes: ImportNote[],
): { rule: Record<string, unknown>; place: SourcePlace }[] {
  const expanded: { rule: Record<string, unknown>; place: SourcePlace }[] = [];
  plan.rules.forEach((rule, index) => {
    const place = { file: plan.place.file, pointer: childPointer(plan.place.pointer, 'rules', index) };
    if (!isRecord(rule)) return;
    if (!isRecord(rule['includes'])) {
      expanded.push({ rule, place });
      return;
    }
    const ref = rule['includes']['$ref'];
    const match = typeof ref === 'string' ? INCLUDE.exec(ref) : null;
    const source = match === null ? undefined : catalog.trackingPlans.find((other) => other.id === match[1]);
    if (match === null || source === undefined) {
      note(
        { notes },
        { file: place.file, pointer: childPointer(place.pointer, 'includes') },
        `includes ${JSON.stringify(ref)}, which names no tracking plan of the project: left out`,
      );
      return;
    }
    source.rules.forEach((included, i) => {
      if (isRecord(included) && !isRecord(included['includes']) && (match[2] === '*' || included['id'] === match[2]))
        expanded.push({ rule: included, place: { file: source.place.file, pointer: childPointer(source.place.pointer, 'rules', i) } });
    });
  });
  return expanded;
}

/** The plan event of one rule, or undefined (noted) when its event cannot be found or named. */
function ruleEvent(
  rule: Record<string, unknown>,
  place: SourcePlace,
  catalog: RudderCatalog,
  builder: RudderSchemaBuilder,
  places: SchemaPlaces,
  notes: ImportNote[],
): { id: string; event: FoundEvent['event'] } | undefined {
  const eventRef = isRecord(rule['event']) ? rule['event']['$ref'] : rule['event'];
  const id = referencedId(eventRef, 'events');
  const event = id === undefined ? undefined : catalog.events.get(id);
  if (id === undefined || event === undefined) {
    note(
      { notes },
      { file: place.file, pointer: childPointer(place.pointer, 'event') },
      `refers to no event of the project (${JSON.stringify(eventRef)}): left out`,
    );
    return undefined;
  }
  const type = event.data['event_type'];
  if (typeof type !== 'string' || !KINDS.has(type)) {
    note(
      { notes },
      { file: event.place.file, pointer: childPointer(event.place.pointer, 'event_type') },
      `event type ${JSON.stringify(type)} is not one of track, identify, page, screen, group: left out`,
    );
    return undefined;
  }
  const kind = type as EventKind;
  const name = event.data['name'];
  const title = kind === 'track' ? (typeof name === 'string' ? name : undefined) : KIND_TITLES[kind];
  if (title === undefined) {
    note({ notes }, event.place, `track event ${JSON.stringify(id)} has no name, which its calls carry: left out`);
    return undefined;
  }
  const eventObject = isRecord(rule['event']) ? rule['event'] : {};
  const open =
    rule['additional_properties'] ?? rule['allow_unplanned'] ?? eventObject['allow_unplanned'] ?? eventObject['additional_properties'];
  const section = rule['identity_section'] ?? eventObject['identity_section'] ?? SECTIONS[kind];
  const ruleProperties = Array.isArray(rule['properties']) ? rule['properties'] : [];
  const schema = builder.objectSchema(ruleProperties, open === true, {
    file: place.file,
    pointer: childPointer(place.pointer, 'properties'),
  });
  builder.addVariants(schema, rule['variants'], { file: place.file, pointer: childPointer(place.pointer, 'variants') }, []);
  const ctx = documentContext(schema, place, notes, places);
  let shape = eventShape(schema, place, ctx);
  // The plan's identify and group events read `context.traits` when a call has no `traits`, as RudderStack's SDKs send them.
  const described = section === SECTIONS[kind] || (section === 'context.traits' && SECTIONS[kind] === 'traits');
  if (!described) {
    note(
      { notes },
      { file: place.file, pointer: childPointer(place.pointer, 'identity_section') },
      `identity_section ${JSON.stringify(section)}: a ${kind} event of the plan describes the call's ${SECTIONS[kind]}; the rule's properties are left out and any are accepted`,
    );
    shape = { properties: [], additional: true };
  }
  const description = planText(
    event.data['description'],
    { file: event.place.file, pointer: childPointer(event.place.pointer, 'description') },
    { notes },
  );
  return {
    id,
    event: {
      title,
      ...(kind === 'track' ? {} : { kind }),
      // RudderStack's page and screen rules are for every call of their kind.
      ...(kind === 'page' || kind === 'screen' ? { any_name: true as const } : {}),
      ...(description === undefined ? {} : { description }),
      additional_properties: shape.additional,
      properties: shape.properties,
    },
  };
}
