/**
 * The event schemas as files: one `<category>.<event>.schema.json` per event and, when asked, an
 * `index.json` that lists them, as 2-space JSON with a final newline (byte-stable for git and
 * `--check`). The index is opt-in so that, by default, every file in the directory is a schema.
 */
import type { EventKind } from '../tracking-plan/types.js';
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
  /** The file name, in the directory that holds `index.json`. */
  readonly file: string;
  /** The schema's `$id`. */
  readonly id: string;
  /** The call type, when not `track`: an identify or group event's schema describes `traits`. */
  readonly kind?: Exclude<EventKind, 'track'>;
  /** A page or screen event that stands for every call of its kind that no event names. */
  readonly any_name?: true;
  readonly deprecated?: true;
}

export interface SchemaFile {
  /** The file name in the output directory. */
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
      ...(entry.kind === 'track' ? {} : { kind: entry.kind }),
      ...(entry.anyName ? { any_name: true as const } : {}),
      ...(entry.schema.deprecated === true ? { deprecated: true as const } : {}),
    })),
  };
}

/** Every file to write: a schema per event, then `index.json` when `options.index`. */
export function schemaFiles(set: EventSchemaSet, options: { readonly index?: boolean } = {}): SchemaFile[] {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const schemas = set.entries.map((entry) => ({ path: entry.file, text: json(entry.schema) }));
  return options.index === true ? [...schemas, { path: INDEX_FILE, text: json(schemaIndex(set)) }] : schemas;
}
