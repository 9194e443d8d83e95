/**
 * Where in the YAML each reference finding is written: file, line and column of the first place
 * a value is written in a reference field (a category's `teams`, an event's or property's
 * `owners`, …, a shared definition's), as located Issues. The files are parsed again only when
 * there is something to locate. Pure.
 */
import type { Issue } from '../errors.js';
import { REFERENCE_KIND, type DirectoryKind, type ReferenceField } from '../secoda/directories.js';
import { parseYamlSource, type YamlParser } from '../tracking-plan/parse-yaml.js';
import type { PlanFileInput } from '../tracking-plan/plan-file-input.js';
import type { PathSegment, SourceFile } from '../tracking-plan/source-file.js';
import type { ReferenceFinding } from './resolve-plan.js';

const CODE_PREFIX = 'reference-';

/** The findings as Issues (code `reference-<code>`), each at the first place its value is written, with how often it is. */
export function locateFindings(
  findings: readonly ReferenceFinding[],
  files: readonly PlanFileInput[],
  parser: YamlParser = 'auto',
): Issue[] {
  if (findings.length === 0) return [];
  const wanted = new Map(findings.map((f) => [`${f.kind}\u0000${f.written}`, f]));
  const places = new Map<string, { file: string; line: number; column: number; field: string; count: number }>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const parsed = parseYamlSource(file.path, file.bytes, parser);
    if (!parsed.ok) continue;
    for (const { path, field, kind, value } of referencesIn(parsed.source)) {
      const key = `${kind}\u0000${value}`;
      if (!wanted.has(key)) continue;
      const known = places.get(key);
      if (known !== undefined) {
        known.count++;
        continue;
      }
      const at = parsed.source.locate(path, 'value');
      places.set(key, { file: file.path, line: at.line, column: at.column, field, count: 1 });
    }
  }
  return findings.map((finding) => {
    const place = places.get(`${finding.kind}\u0000${finding.written}`);
    const more = place !== undefined && place.count > 1 ? ` (written ${place.count} times; the first is here)` : '';
    return {
      file: place?.file ?? files[0]?.path ?? '',
      line: place?.line ?? 1,
      column: place?.column ?? 1,
      code: `${CODE_PREFIX}${finding.code}`,
      message: `${place === undefined ? '' : `${place.field}: `}${finding.message}${more}`,
      hint: finding.hint,
      ...(finding.level === 'warning' ? { level: 'warning' as const } : {}),
    };
  });
}

interface WrittenReference {
  readonly path: readonly PathSegment[];
  readonly field: string;
  readonly kind: DirectoryKind;
  readonly value: string;
}

/** Every string written in a reference field of the file, in document order. */
function* referencesIn(source: SourceFile): Generator<WrittenReference> {
  const root = record(source.data);
  if (root === undefined) return;
  for (const [i, definition] of items(root['properties'])) yield* fieldsOf(definition, ['properties', i]);
  for (const [c, category] of items(root['categories'])) {
    yield* listOf(category, ['categories', c], 'teams');
    for (const [e, event] of items(category['events'])) {
      yield* fieldsOf(event, ['categories', c, 'events', e]);
      for (const [p, property] of items(event['properties'])) yield* fieldsOf(property, ['categories', c, 'events', e, 'properties', p]);
    }
  }
}

function* fieldsOf(node: Record<string, unknown>, path: PathSegment[]): Generator<WrittenReference> {
  for (const field of Object.keys(REFERENCE_KIND) as ReferenceField[]) yield* listOf(node, path, field);
}

function* listOf(node: Record<string, unknown>, path: PathSegment[], field: ReferenceField): Generator<WrittenReference> {
  const values = node[field];
  if (!Array.isArray(values)) return;
  for (const [j, value] of values.entries())
    if (typeof value === 'string') yield { path: [...path, field, j], field, kind: REFERENCE_KIND[field], value };
}

function* items(value: unknown): Generator<[number, Record<string, unknown>]> {
  if (!Array.isArray(value)) return;
  for (const [i, item] of value.entries()) {
    const node = record(item);
    if (node !== undefined) yield [i, node];
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
