/**
 * The schema of an event's properties object (a Segment rule's `properties.properties`, a
 * Snowplow schema, a RudderStack rule as RudderStack compiles it) as the event's properties and
 * openness. The same mapping as a nested object's (json-schema-object.ts); what an event cannot
 * say besides its properties (a combination, a `$ref` that cannot be followed) is noted.
 */
import type { ImportNote } from './import-note.js';
import { COMBINATIONS, isRecord } from './json-schema-keywords.js';
import { objectShape, type ObjectShape } from './json-schema-object.js';
import { followReference } from './json-schema-refs.js';
import { mapValue } from './json-schema-value.js';
import { leaveOutKeyword, note, type MapContext } from './map-context.js';
import { planText } from './plan-text.js';
import { SchemaPlaces, type SourcePlace } from './schema-places.js';

/** A fresh context for one schema document, its root written at `place`. */
export function documentContext(root: unknown, place: SourcePlace, notes: ImportNote[], places = new SchemaPlaces()): MapContext {
  if (isRecord(root)) places.set(root, place);
  return { places, root, notes, following: [], secoda: true };
}

/** An event's properties and openness from its properties schema (absent or `true`: any properties). */
export function eventShape(schema: unknown, place: SourcePlace, ctx: MapContext): ObjectShape {
  if (schema === undefined || schema === true) return { properties: [], additional: true };
  if (!isRecord(schema)) {
    note(
      ctx,
      place,
      schema === false ? 'a schema of `false` accepts no call: left out, any properties are accepted' : 'is not a schema: left out',
    );
    return { properties: [], additional: true };
  }
  ctx.places.set(schema, place);
  if (Object.hasOwn(schema, '$ref')) {
    const followed = followReference(schema, ctx);
    return followed === undefined ? { properties: [], additional: true } : eventShape(followed.schema, followed.place, followed.ctx);
  }
  for (const keyword of COMBINATIONS) {
    if (Object.hasOwn(schema, keyword))
      leaveOutKeyword(ctx, schema, keyword, 'combines schemas, which the plan cannot: left out (the plan checks the rest of this schema)');
  }
  const type = schema['type'];
  if (type !== undefined && type !== 'object' && !(Array.isArray(type) && type.includes('object')))
    leaveOutKeyword(ctx, schema, 'type', `${JSON.stringify(type)}: the properties of a call are an object; left out`);
  for (const keyword of ['enum', 'const']) {
    if (Object.hasOwn(schema, keyword))
      leaveOutKeyword(ctx, schema, keyword, 'of whole properties objects, which the plan cannot say: left out');
  }
  return objectShape(schema, ctx, mapValue);
}

/** The description of an event's schema, when the plan can hold it. */
export function schemaDescription(schema: unknown, ctx: MapContext): string | undefined {
  if (!isRecord(schema)) return undefined;
  return planText(schema['description'], ctx.places.keyword(schema, 'description'), ctx);
}
