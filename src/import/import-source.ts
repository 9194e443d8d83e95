/**
 * The three imports from the bytes of their sources: parsed (JSON for Segment and Snowplow,
 * YAML for RudderStack), converted, or refused with located issues when a file cannot be read
 * as its format. Pure: bytes in, a plan or issues out.
 */
import type { Issue } from '../errors.js';
import { parseYamlSource } from '../tracking-plan/parse-yaml.js';
import type { ImportedPlan } from './imported-plan.js';
import { jsonErrorOffset } from './json-error-offset.js';
import { importRudderStack } from './rudderstack-plan.js';
import type { RudderDocument } from './rudderstack-catalog.js';
import { importSegment } from './segment-plan.js';
import { importSnowplow, type IgluSchemaFile } from './snowplow-plan.js';
import { appendAll } from '../arrays.js';

/** The formats `tpsync import --from` takes. */
export const IMPORT_FORMATS = ['segment', 'rudderstack', 'snowplow'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type ImportOutcome = { readonly ok: true; readonly plan: ImportedPlan } | { readonly ok: false; readonly issues: Issue[] };

export interface SourceBytes {
  readonly file: string;
  readonly bytes: Uint8Array;
}

export interface IgluBytes extends SourceBytes {
  readonly vendor: string;
  readonly name: string;
  readonly format: string;
  readonly version: string;
}

export function importSegmentSource(source: SourceBytes): ImportOutcome {
  const parsed = parseJson(source);
  if (!parsed.ok) return parsed;
  const plan = importSegment(source.file, parsed.data);
  if (plan !== undefined) return { ok: true, plan };
  return refuse(
    source.file,
    1,
    1,
    'holds no Segment tracking plan rules',
    'give the tracking plan as Segment’s Config API returns it (typewriter’s plan.json: `rules.events`), or its Public API rules (`rules: [{type, key, jsonSchema}]`)',
  );
}

export function importRudderSources(sources: readonly SourceBytes[]): ImportOutcome {
  const documents: RudderDocument[] = [];
  const issues: Issue[] = [];
  for (const source of sources) {
    const parsed = parseYamlSource(source.file, source.bytes);
    if (!parsed.ok) appendAll(issues, parsed.issues);
    else documents.push({ file: source.file, data: parsed.source.data });
  }
  if (issues.length > 0) return { ok: false, issues };
  const isRudder = (data: unknown) =>
    typeof data === 'object' && data !== null && String((data as { version?: unknown }).version).startsWith('rudder/');
  if (!documents.some((document) => isRudder(document.data))) {
    return refuse(
      sources[0]?.file ?? '.',
      1,
      1,
      'holds no rudder-cli YAML (`version: rudder/v1` or `rudder/0.1`, with a `kind` and a `spec`)',
      'give the folder of a rudder-cli project: its properties, events, custom types and tracking plans',
    );
  }
  return { ok: true, plan: importRudderStack(documents.filter((document) => isRudder(document.data))) };
}

export function importIgluSources(sources: readonly IgluBytes[]): ImportOutcome {
  const schemas: IgluSchemaFile[] = [];
  const issues: Issue[] = [];
  for (const source of sources) {
    const parsed = parseJson(source);
    if (!parsed.ok) appendAll(issues, parsed.issues);
    else
      schemas.push({
        file: source.file,
        vendor: source.vendor,
        name: source.name,
        format: source.format,
        version: source.version,
        data: parsed.data,
      });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, plan: importSnowplow(schemas) };
}

/** JSON text as data, or a located issue (UTF-8 first, then JSON's own syntax). */
function parseJson(source: SourceBytes): { ok: true; data: unknown } | { ok: false; issues: Issue[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(source.bytes).replace(/^\uFEFF/, '');
  } catch {
    return refuse(source.file, 1, 1, 'is not valid UTF-8 text', 'save the file as UTF-8');
  }
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    let offset = 0;
    try {
      offset = jsonErrorOffset(text) ?? 0;
    } catch {
      // Nesting too deep to scan: the start of the file it is.
    }
    const before = text.slice(0, offset).split('\n');
    const what = text[offset] === undefined ? 'the text ends too soon' : `unexpected ${JSON.stringify(text[offset])}`;
    return refuse(
      source.file,
      before.length,
      (before.at(-1)?.length ?? 0) + 1,
      `is not valid JSON (${error instanceof RangeError ? 'nested too deeply' : what})`,
      'fix the JSON at that place; a JSON file holds one value',
    );
  }
}

function refuse(file: string, line: number, column: number, message: string, hint: string): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [{ file, line, column, code: 'import-source', message, hint }] };
}
