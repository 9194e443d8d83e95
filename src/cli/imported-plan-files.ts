/**
 * An imported plan (src/import) as the files `tpsync import` writes: `tracking-plan.yaml` with
 * `version` and `integration`, and one file per category named as `pull` names them, each key
 * in the order people write it. Pure: the same plan gives the same bytes.
 */
import type { ImportedCategory, ImportedEvent, ImportedProperty, ImportedValue } from '../import/imported-plan.js';
import { emitYamlDocument } from '../pull/emit-yaml.js';
import { categoryFileNames, HEADER_FILE } from '../pull/file-names.js';

export interface PlanFileText {
  /** Relative to the output folder. */
  readonly path: string;
  readonly text: string;
}

/** The order the YAML writes a value's keys in (a property's `title` and `required` around them). */
const VALUE_KEYS = [
  'type',
  'enum',
  'nullable',
  'description',
  'format',
  'pattern',
  'min_length',
  'max_length',
  'minimum',
  'maximum',
  'items',
  'properties',
  'additional_properties',
] as const satisfies readonly (keyof ImportedValue)[];

export interface HeaderOptions {
  readonly integration: string;
  /** Written after the integration ID when it is a placeholder to replace. */
  readonly integrationComment?: string;
}

/** The files of an imported plan, header first, then one per category; `schemaRef` goes in each file's modeline. */
export function importedPlanFiles(categories: readonly ImportedCategory[], header: HeaderOptions, schemaRef: string): PlanFileText[] {
  const files: PlanFileText[] = [
    {
      path: HEADER_FILE,
      text: emitYamlDocument(
        { version: 1, integration: header.integration },
        schemaRef,
        header.integrationComment === undefined ? {} : { integrationComment: header.integrationComment },
      ),
    },
  ];
  const names = categoryFileNames(categories.map((category) => category.title));
  for (const category of categories) {
    files.push({
      path: names.get(category.title) ?? HEADER_FILE,
      text: emitYamlDocument({ categories: [{ title: category.title, events: category.events.map(eventData) }] }, schemaRef),
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function eventData(event: ImportedEvent): Record<string, unknown> {
  return {
    title: event.title,
    ...(event.kind === undefined ? {} : { kind: event.kind }),
    ...(event.any_name === undefined ? {} : { any_name: event.any_name }),
    ...(event.description === undefined ? {} : { description: event.description }),
    additional_properties: event.additional_properties,
    ...(event.properties.length === 0 ? {} : { properties: event.properties.map(propertyData) }),
  };
}

/** `title`, then the value's keys with `required` after `type`, `enum` and `nullable` (as `pull` writes `required` after `enum`). */
function propertyData(property: ImportedProperty): Record<string, unknown> {
  const data: Record<string, unknown> = { title: property.title };
  const head = new Set(['type', 'enum', 'nullable']);
  for (const [key, field] of Object.entries(valueData(property))) {
    if (!head.has(key) && property.required === true && !Object.hasOwn(data, 'required')) data['required'] = true;
    data[key] = field;
  }
  if (property.required === true) data['required'] = true;
  return data;
}

function valueData(value: ImportedValue): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of VALUE_KEYS) {
    const field = value[key];
    if (field === undefined) continue;
    if (key === 'items') data[key] = valueData(field as ImportedValue);
    else if (key === 'properties') data[key] = (field as ImportedProperty[]).map(propertyData);
    else data[key] = Array.isArray(field) ? [...field] : field;
  }
  return data;
}
