/**
 * Tracking plan → one JSON Schema (draft 2020-12) per event, describing the object its calls
 * carry: the `properties` of a track, page or screen call, the `traits` of an identify or group
 * call (the entry's `kind` says which). Pure and deterministic: the same plan and options give
 * the same schemas.
 */
import type { Deprecation, PlanCategory, PlanEvent, TrackingPlan } from '../tracking-plan/types.js';
import { uniqueSlugs } from './file-names.js';
import { propertySchema } from './property-schema.js';
import {
  GENERATED_COMMENT,
  DRAFT_2020_12,
  type EventJsonSchema,
  type EventSchemaEntry,
  type EventSchemaOptions,
  type EventSchemaSet,
  type PropertyJsonSchema,
} from './types.js';

/**
 * Every event of the plan, in plan order, with its schema and file name
 * (`<category slug>.<event slug>.schema.json`, all in one directory; see file-names.ts for titles that meet).
 * @throws TypeError when `options.idBase` is not an absolute URI (the CLI checks it first).
 */
export function buildEventSchemas(plan: TrackingPlan, options: EventSchemaOptions = {}): EventSchemaSet {
  const additionalProperties = options.additionalProperties ?? false;
  const base = options.idBase === undefined ? undefined : new URL(options.idBase.endsWith('/') ? options.idBase : `${options.idBase}/`);
  const categorySlugs = uniqueSlugs(
    plan.categories.map((c) => c.title),
    'category',
  );
  const entries: EventSchemaEntry[] = [];
  for (const category of mergeCategories(plan.categories)) {
    const eventSlugs = uniqueSlugs(
      category.events.map((e) => e.title),
      'event',
    );
    for (const event of category.events) {
      const file = `${categorySlugs.get(category.title) ?? 'category'}.${eventSlugs.get(event.title) ?? 'event'}.schema.json`;
      const id = base === undefined ? file : new URL(file, base).href;
      entries.push(entryOf(category.title, event, file, eventSchema(event, id, additionalProperties)));
    }
  }
  return { integration: plan.integration, additionalProperties, entries };
}

/**
 * One event's schema. Property keys are defined as own keys, so a title such as `__proto__` stays a
 * property. `additionalProperties`: the run's default, for the event and its nested objects, where
 * the plan does not say.
 */
export function eventSchema(event: PlanEvent, id: string, additionalProperties: boolean): EventJsonSchema {
  const defaults = { additionalProperties };
  const properties = Object.fromEntries(event.properties.map((p): [string, PropertyJsonSchema] => [p.title, propertySchema(p, defaults)]));
  return {
    $schema: DRAFT_2020_12,
    $id: id,
    $comment: GENERATED_COMMENT,
    title: event.title,
    ...(event.description === undefined || event.description === '' ? {} : { description: event.description }),
    ...(event.deprecated === undefined ? {} : { deprecated: true as const }),
    type: 'object',
    properties,
    required: event.properties.filter((p) => p.required === true).map((p) => p.title),
    additionalProperties: event.additional_properties ?? additionalProperties,
  };
}

function entryOf(category: string, event: PlanEvent, file: string, schema: EventJsonSchema): EventSchemaEntry {
  const propertyDeprecations = new Map<string, Deprecation>();
  for (const property of event.properties)
    if (property.deprecated !== undefined) propertyDeprecations.set(property.title, property.deprecated);
  return {
    category,
    event: event.title,
    kind: event.kind ?? 'track',
    anyName: event.any_name === true,
    file,
    schema,
    ...(event.deprecated === undefined ? {} : { deprecation: event.deprecated }),
    propertyDeprecations,
  };
}

/**
 * A loaded plan holds each category once; should a caller hand in a category twice, its events
 * are taken together so that file names stay unique.
 */
function mergeCategories(categories: readonly PlanCategory[]): PlanCategory[] {
  const byTitle = new Map<string, PlanCategory>();
  for (const category of categories) {
    const seen = byTitle.get(category.title);
    byTitle.set(category.title, seen === undefined ? category : { ...seen, events: [...seen.events, ...category.events] });
  }
  return [...byTitle.values()];
}
