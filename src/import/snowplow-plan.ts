/**
 * Snowplow self-describing JSON Schemas, laid out as an Iglu registry
 * (`schemas/<vendor>/<name>/jsonschema/<MODEL-REVISION-ADDITION>`) → a tpsync plan: one category
 * per vendor, one event per schema, titled by the schema's `name` (what the event's payloads
 * are known by), from the latest version of each schema. The schema itself describes the event's
 * data, so its properties are the event's (json-schema-event.ts).
 *
 * The schema's own `self` (`{vendor, name, format, version}`) names it; the path only when
 * `self` is missing. Versions compare as SchemaVer says: numerically, part by part.
 */
import { assemblePlan, type FoundEvent } from './assemble-plan.js';
import type { ImportNote } from './import-note.js';
import type { ImportedPlan } from './imported-plan.js';
import { documentContext, eventShape, schemaDescription } from './json-schema-event.js';
import { isRecord } from './json-schema-keywords.js';
import { note } from './map-context.js';

/** One file of the registry: its path below the source folder, what the path says it is, and its parsed JSON. */
export interface IgluSchemaFile {
  readonly file: string;
  readonly vendor: string;
  readonly name: string;
  readonly format: string;
  readonly version: string;
  readonly data: unknown;
}

interface Identified {
  readonly schema: IgluSchemaFile;
  readonly vendor: string;
  readonly name: string;
  readonly version: readonly [number, number, number];
}

const SCHEMAVER = /^(\d+)-(\d+)-(\d+)$/;

export function importSnowplow(files: readonly IgluSchemaFile[]): ImportedPlan {
  const notes: ImportNote[] = [];
  const latest = new Map<string, Identified>();
  const all: Identified[] = [];
  for (const schema of [...files].sort((a, b) => order(a.file, b.file))) {
    const identified = identify(schema, notes);
    if (identified === undefined) continue;
    all.push(identified);
    const key = JSON.stringify([identified.vendor, identified.name]);
    const seen = latest.get(key);
    if (seen === undefined || compareVersions(identified.version, seen.version) > 0) latest.set(key, identified);
  }
  for (const identified of all) {
    const kept = latest.get(JSON.stringify([identified.vendor, identified.name]));
    if (kept !== undefined && kept !== identified)
      note(
        { notes },
        { file: identified.schema.file, pointer: '' },
        `an older version of ${kept.schema.file}, which the plan holds`,
        'skipped',
      );
  }
  const events: FoundEvent[] = [];
  for (const { schema, vendor, name } of latest.values()) {
    const place = { file: schema.file, pointer: '' };
    const ctx = documentContext(schema.data, place, notes);
    const shape = eventShape(schema.data, place, ctx);
    const description = schemaDescription(schema.data, ctx);
    events.push({
      category: vendor,
      place,
      event: {
        title: name,
        ...(description === undefined ? {} : { description }),
        additional_properties: shape.additional,
        properties: shape.properties,
      },
    });
  }
  return assemblePlan(events, notes);
}

/** Vendor, name and version from `self`, else from the path; undefined (noted) when it is no JSON Schema of a version. */
function identify(schema: IgluSchemaFile, notes: ImportNote[]): Identified | undefined {
  const self = isRecord(schema.data) && isRecord(schema.data['self']) ? schema.data['self'] : {};
  const text = (key: string, fallback: string): string => (typeof self[key] === 'string' && self[key] !== '' ? self[key] : fallback);
  const format = text('format', schema.format);
  const place = { file: schema.file, pointer: '' };
  if (format !== 'jsonschema') {
    note({ notes }, place, `a schema of format ${JSON.stringify(format)}, not jsonschema: left out`);
    return undefined;
  }
  const version = text('version', schema.version);
  const parts = SCHEMAVER.exec(version);
  if (parts === null) {
    note({ notes }, place, `version ${JSON.stringify(version)} is not SchemaVer (MODEL-REVISION-ADDITION, e.g. 1-0-2): left out`);
    return undefined;
  }
  return {
    schema,
    vendor: text('vendor', schema.vendor),
    name: text('name', schema.name),
    version: [Number(parts[1]), Number(parts[2]), Number(parts[3])],
  };
}

/** SchemaVer order: model, then revision, then addition, each as a number (1-0-10 after 1-0-9). */
export function compareVersions(a: readonly [number, number, number], b: readonly [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
