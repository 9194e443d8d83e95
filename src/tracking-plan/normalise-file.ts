/**
 * One checked file's data as the plan's types (types.ts): categories with their events and
 * properties, each category and event with where it is written, shared definitions apart (the
 * loader expands their uses once every file is read). Called only when every check so far
 * passed, so the data has the schema's shape. Pure.
 */
import type { CategoryFile, EventFile, PropertyFile, PropertyUseFile, TrackingPlanFile } from './schema-types.js';
import type { ItemDefinition, ItemUse } from './schema-types.generated.js';
import { enumValueText } from './enum-rules.js';
import { itemsUse, sharedUseOf } from './shared-definitions.js';
import type { PathSegment, SourceFile } from './source-file.js';
import {
  COMMON_FIELDS,
  type CommonFields,
  type CompatibilityLevel,
  type Deprecation,
  type EnumValue,
  type PlanCategory,
  type PlanEvent,
  type PlanItems,
  type PlanProperty,
  type PropertyShape,
} from './types.js';

/** What one file adds to the plan. */
export interface NormalisedFile {
  readonly integration: string | undefined;
  readonly compatibility: Record<string, CompatibilityLevel> | undefined;
  readonly categories: PlanCategory[];
  /** The file's shared property definitions. */
  readonly definitions: PlanProperty[];
}

/** The plan's part of one file that passed every check. */
export function normaliseFile(source: SourceFile): NormalisedFile {
  const data = source.data as TrackingPlanFile;
  return {
    integration: data.integration,
    compatibility: data.compatibility === undefined ? undefined : { ...data.compatibility },
    categories: (data.categories ?? []).map((category, c) => normaliseCategory(source, category, ['categories', c])),
    definitions: (data.properties ?? []).map((property, p) => normaliseProperty(source, property, ['properties', p])),
  };
}

function sourceRef(source: SourceFile, path: PathSegment[]) {
  const pos = source.locate(path);
  return { file: source.file, line: pos.line, column: pos.column };
}

function normaliseCategory(source: SourceFile, category: CategoryFile, path: PathSegment[]): PlanCategory {
  return {
    title: category.title,
    ...(category.teams === undefined ? {} : { teams: [...category.teams] }),
    events: (category.events ?? []).map((event, e) => normaliseEvent(source, event, [...path, 'events', e])),
    source: sourceRef(source, path),
  };
}

function normaliseEvent(source: SourceFile, event: EventFile, path: PathSegment[]): PlanEvent {
  return {
    title: event.title,
    ...(event.kind === undefined ? {} : { kind: event.kind }),
    ...(event.any_name === undefined ? {} : { any_name: event.any_name }),
    ...(event.additional_properties === undefined ? {} : { additional_properties: event.additional_properties }),
    ...commonFields(event),
    properties: (event.properties ?? []).map((property, p) =>
      'use' in property ? normaliseUse(property) : normaliseProperty(source, property, [...path, 'properties', p]),
    ),
    ...deprecation(event.deprecated),
    source: sourceRef(source, path),
  };
}

/** `- use: <title>` with what is written beside it; the definition's fields are added after every file is read. */
function normaliseUse(entry: PropertyUseFile): PlanProperty {
  return {
    title: entry.use,
    ...(entry.required === undefined ? {} : { required: entry.required }),
    ...commonFields(entry),
    ...deprecation(entry.deprecated),
    shared: sharedUseOf(entry, entry.use),
  };
}

/** Fields in the plan's order: title, the shape (type, enum, …), required, the common fields, deprecated. */
function normaliseProperty(source: SourceFile, property: PropertyFile, path: PathSegment[]): PlanProperty {
  return {
    title: property.title,
    ...shapeOf(source, property, path),
    ...(property.required === undefined ? {} : { required: property.required }),
    ...commonFields(property),
    ...deprecation(property.deprecated),
  };
}

/** An array's items: written out, or a definition's shape (expanded once every file is read). */
function normaliseItems(source: SourceFile, items: ItemDefinition | ItemUse, path: PathSegment[]): PlanItems {
  if ('use' in items) return itemsUse(items.use);
  return {
    ...shapeOf(source, items, path),
    ...(items.description === undefined ? {} : { description: items.description }),
  };
}

/** The keys that say what a value is, in the YAML's order, each only when written. */
function shapeOf(source: SourceFile, node: PropertyFile | ItemDefinition, path: PathSegment[]): PropertyShape {
  const shape: PropertyShape = {};
  if (node.type !== undefined) shape.type = node.type;
  if (node.enum !== undefined) {
    // An enum value keeps the text it was written as (`1.50`, not the number 1.5): Secoda receives that text.
    shape.enum = node.enum.map((value, i) => enumValueText(source, [...path, 'enum', i], value));
    if (node.type === 'integer' || node.type === 'number' || node.type === 'boolean') shape.enum_values = [...node.enum] as EnumValue[];
  }
  if (node.nullable !== undefined) shape.nullable = node.nullable;
  if (node.pattern !== undefined) shape.pattern = node.pattern;
  if (node.min_length !== undefined) shape.min_length = node.min_length;
  if (node.max_length !== undefined) shape.max_length = node.max_length;
  if (node.format !== undefined) shape.format = node.format;
  if (node.minimum !== undefined) shape.minimum = node.minimum;
  if (node.maximum !== undefined) shape.maximum = node.maximum;
  if (node.items !== undefined) shape.items = normaliseItems(source, node.items, [...path, 'items']);
  if (node.properties !== undefined)
    shape.properties = node.properties.map((nested, n) => normaliseProperty(source, nested, [...path, 'properties', n]));
  if (node.additional_properties !== undefined) shape.additional_properties = node.additional_properties;
  return shape;
}

/** `deprecated:` is local metadata: kept on the plan for compatibility checks, never sent to Secoda. */
function deprecation(value: Deprecation | undefined): { deprecated?: Deprecation } {
  if (value === undefined) return {};
  return {
    deprecated: {
      since: value.since,
      ...(value.sunset === undefined ? {} : { sunset: value.sunset }),
      ...(value.replacement === undefined ? {} : { replacement: value.replacement }),
    },
  };
}

/** The common fields `node` states, in COMMON_FIELDS order; lists copied. */
function commonFields(node: CommonFields): CommonFields {
  const fields: Record<string, unknown> = {};
  for (const field of COMMON_FIELDS) {
    const value = node[field];
    if (value !== undefined) fields[field] = Array.isArray(value) ? [...value] : value;
  }
  return fields;
}
