/**
 * The emulator's data file: a JSON snapshot of the store, and the check of one read back. A
 * snapshot that is not one fails with a message that names the place in the file and quotes
 * none of it.
 */
import type { EmulatorDirectories } from './directory-data.js';
import { idKey } from './resource-id.js';
import { LIST_FIELDS, RESOURCE_KINDS, type ResourceInput, type ResourceKind, type StoredResource } from './stored-resource.js';
import { parseTimestamp } from './timestamps.js';

export interface StoreSnapshot {
  format: 'tpsync-emulator';
  version: 1;
  workspace_id: string;
  resources: StoredResource[];
  /** Users, teams, groups, tags and collections (directory-data.ts). */
  directories?: EmulatorDirectories;
}

/** What a snapshot holds once checked: its resources in file order, ready to insert. */
export interface SnapshotContents {
  readonly workspaceId: string | undefined;
  readonly resources: readonly (ResourceInput & { readonly id: string; readonly kind: ResourceKind })[];
}

/** The contents of a snapshot (as read back from a data file); throws an Error saying what is wrong if it is not one. */
export function readSnapshot(data: unknown): SnapshotContents {
  if (!isObject(data) || data['format'] !== 'tpsync-emulator' || !Array.isArray(data['resources'])) {
    throw new Error('not a tpsync emulator data file (expected {"format":"tpsync-emulator","resources":[…]})');
  }
  const resources = data['resources'].map((raw, index) => readResource(raw, index));
  const seen = new Map<string, number>();
  resources.forEach((resource, index) => {
    const first = seen.get(idKey(resource.id));
    if (first !== undefined) throw new Error(`resources[${index}] has the same id as resources[${first}]`);
    seen.set(idKey(resource.id), index);
  });
  return { workspaceId: typeof data['workspace_id'] === 'string' ? data['workspace_id'] : undefined, resources };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one resource of a data file, tolerating missing optional fields, rejecting wrong types. */
function readResource(raw: unknown, index: number): ResourceInput & { id: string; kind: ResourceKind } {
  const where = `resources[${index}]`;
  if (!isObject(raw)) throw new Error(`${where} is not an object`);
  const kind = raw['kind'];
  if (!RESOURCE_KINDS.includes(kind as ResourceKind)) throw new Error(`${where}.kind must be one of ${RESOURCE_KINDS.join(', ')}`);
  const text = (key: string, nullable: boolean): string | null | undefined => {
    const value = raw[key];
    if (value === undefined || (nullable && value === null) || typeof value === 'string') return value;
    throw new Error(`${where}.${key} must be a string`);
  };
  const flag = (key: string): boolean | null | undefined => {
    const value = raw[key];
    if (value === undefined || value === null || typeof value === 'boolean') return value;
    throw new Error(`${where}.${key} must be a boolean`);
  };
  const strings = (key: string): string[] | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
    throw new Error(`${where}.${key} must be a list of strings`);
  };
  const id = text('id', false);
  const title = text('title', false);
  const createdAt = text('created_at', false);
  if (typeof id !== 'string' || typeof title !== 'string' || typeof createdAt !== 'string')
    throw new Error(`${where} needs an id, a title and a created_at`);
  const input: ResourceInput = { id, title, created_at: createdAt };
  const assign = <K extends keyof ResourceInput>(key: K, value: ResourceInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  const updatedAt = text('updated_at', false) ?? undefined;
  for (const [key, value] of [
    ['created_at', createdAt],
    ['updated_at', updatedAt],
  ] as const)
    if (value !== undefined && parseTimestamp(value) === undefined) throw new Error(`${where}.${key} must be an ISO 8601 timestamp`);
  assign('updated_at', updatedAt);
  assign('integration', text('integration', true));
  assign('parent', text('parent', true));
  assign('description', text('description', true));
  assign('definition', text('definition', true));
  assign('type', text('type', true));
  assign('enum', text('enum', true));
  assign('pii', flag('pii'));
  assign('verified', flag('verified'));
  assign('published', flag('published'));
  assign('is_required', flag('is_required'));
  assign('archived', flag('archived') ?? undefined);
  for (const field of LIST_FIELDS) assign(field, strings(field));
  return { ...input, id, kind: kind as ResourceKind };
}
