/**
 * Checks one file's data against schemas/tracking-plan.schema.json (the single source of
 * truth for the plan's shape) and turns ajv's errors into located, human issues (schema-issue.ts).
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../schemas/tracking-plan.schema.json' with { type: 'json' };
import type { Issue } from '../errors.js';
import * as compiled from './schema-validator.generated.js';
import { kindAt, parseInstancePath, valueAt } from './plan-paths.js';
import { toIssue } from './schema-issue.js';
import { isUseEntry, ITEM_KEYS, PROPERTY_KEYS, USE_KEYS } from './schema-keys.js';
import type { SourceFile } from './source-file.js';

/** schemas/tracking-plan.schema.json, for the code and tests that read it. */
export const trackingPlanSchema = schema;

/** The schema compiled at build time (scripts/compile-validators.mjs) with `{ allErrors: true, strict: true, allowUnionTypes: true }`. */
const validateFile = compiled.validateFile as ValidateFunction;

/** The property types the schema allows. */
export const PROPERTY_TYPES: readonly string[] = schema.definitions.property.properties.type.enum;

/** Every schema issue of one file, located; none for a file of the schema's shape. */
export function checkSchema(source: SourceFile): Issue[] {
  if (validateFile(source.data)) return [];
  const errors = (validateFile.errors ?? []).filter((error) => fromTheBranchWritten(error, source.data));
  // An empty title fails `minLength` and the pattern (no surrounding spaces) at once: one mistake, one issue.
  const empty = new Set(errors.filter((error) => error.keyword === 'minLength').map((error) => error.instancePath));
  return errors.filter((error) => !(error.keyword === 'pattern' && empty.has(error.instancePath))).map((error) => toIssue(error, source));
}

/**
 * An event's property entry is either written out (`title: …`) or taken from a shared definition
 * (`use: …`): two branches of an `anyOf`, and ajv reports both. Only the branch the entry is
 * written as is kept (told from the data, not from ajv's schema paths, which are relative to a
 * shared sub-schema); what both branches say alike is removed later as a repeat.
 */
function fromTheBranchWritten(error: ErrorObject, data: unknown): boolean {
  if (error.keyword === 'anyOf') return false;
  const path = parseInstancePath(error.instancePath);
  return entryBranch(error, path, data) && (itemsBranch(error, path, data) ?? true);
}

/** For an error inside an event's property entry: whether it comes from the branch the entry is written as. */
function entryBranch(error: ErrorObject, path: readonly (string | number)[], data: unknown): boolean {
  if (
    path.length < 6 ||
    path[0] !== 'categories' ||
    path[2] !== 'events' ||
    path[4] !== 'properties' ||
    kindAt(path.slice(0, 6)) !== 'property'
  )
    return true;
  const uses = isUseEntry(valueAt(data, path.slice(0, 6)));
  const field = path[6];
  if (field !== undefined) return !uses || USE_KEYS.includes(String(field));
  if (error.keyword === 'required') return (error.params as { missingProperty: string }).missingProperty !== (uses ? 'title' : 'use');
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    return uses ? key !== 'use' : !PROPERTY_KEYS.includes(key);
  }
  return true;
}

/**
 * An array's `items` is written out or takes a definition (`use: …`): the same two branches, at
 * any depth. For an error on the items mapping or one of its keys: whether it comes from the
 * branch written. undefined for any other error (deeper ones come from the written-out branch only).
 */
function itemsBranch(error: ErrorObject, path: readonly (string | number)[], data: unknown): boolean | undefined {
  const at = path.lastIndexOf('items');
  if (at < 2 || path[0] === 'rules' || path.length > at + 2) return undefined;
  const uses = isUseEntry(valueAt(data, path.slice(0, at + 1)));
  const field = path[at + 1];
  if (field !== undefined) return uses === (field === 'use');
  if (error.keyword === 'required') return (error.params as { missingProperty: string }).missingProperty !== (uses ? 'title' : 'use');
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    return uses ? key !== 'use' : !ITEM_KEYS.includes(key);
  }
  return true;
}
