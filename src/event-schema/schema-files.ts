/**
 * The event schemas as files: one `<category>/<event>.schema.json` per event and an `index.json`
 * that lists them, as 2-space JSON with a final newline (byte-stable for git and `--check`).
 */
import type { EventSchemaSet } from './types.js';

/** The name of the index file at the top of the schema directory. */
export const INDEX_FILE = 'index.json';

/** What `index.json` holds: enough for a tool to find the schema of an event without reading the plan. */
export interface SchemaIndex {
  readonly format_version: 1;
  readonly generator: 'tpsync';
  readonly integration: string;
  /** Whether the schemas allow properties the plan does not name. */
  readonly additional_properties: boolean;
  readonly events: readonly SchemaIndexEntry[];
}

export interface SchemaIndexEntry {
  readonly category: string;
  readonly event: string;
  /** Relative to the directory holding `index.json`, `/`-separated. */
  readonly file: string;
  /** The schema's `$id`. */
  readonly id: string;
  readonly deprecated?: true;
}

export interface SchemaFile {
  /** Relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

export function schemaIndex(set: EventSchemaSet): SchemaIndex {
  return {
    format_version: 1,
    generator: 'tpsync',
    integration: set.integration,
    additional_properties: set.additionalProperties,
    events: set.entries.map((entry) => ({
      category: entry.category,
      event: entry.event,
      file: entry.file,
      id: entry.schema.$id,
      ...(entry.schema.deprecated === true ? { deprecated: true as const } : {}),
    })),
  };
}

/** Every file to write, the index last. */
export function schemaFiles(set: EventSchemaSet): SchemaFile[] {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  return [
    ...set.entries.map((entry) => ({ path: entry.file, text: json(entry.schema) })),
    { path: INDEX_FILE, text: json(schemaIndex(set)) },
  ];
}
