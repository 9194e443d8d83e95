/**
 * What we require of Secoda's answers: the fields tpsync uses, with the types the reference
 * documents. Anything else may come and go. A surprise becomes a clear "unexpected response"
 * error here rather than a crash somewhere later.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { trimBody } from './error-body.js';
import { SecodaInvalidResponseError } from './errors.js';
import * as compiled from './response-validators.generated.js';
import type { RemoteCategory, RemoteCommon, RemoteEvent, RemoteProperty } from './types.js';

const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), 'null'] });
/**
 * ID lists: strings per the reference; expanded objects with an id are accepted too. One `type`
 * rather than `anyOf: [null, array]`: ajv tries anyOf's branches in order and builds an error
 * object for each branch that fails, so every list (the usual answer) cost one, six per
 * resource (bench/results.md).
 */
const idList = {
  type: ['array', 'null'],
  items: {
    anyOf: [{ type: ['string', 'integer'] }, { type: 'object', required: ['id'], properties: { id: { type: ['string', 'integer'] } } }],
  },
};

/** Compiled at build time (scripts/compile-validators.mjs) with `{ allErrors: false, strict: false }`. */
export const resourceSchema = {
  type: 'object',
  required: ['id', 'title'],
  properties: {
    id: { type: ['string', 'integer'] },
    title: { type: 'string' },
    parent: { anyOf: [{ type: ['string', 'integer', 'null'] }, { type: 'object', required: ['id'] }] },
    integration: { anyOf: [{ type: ['string', 'integer', 'null'] }, { type: 'object', required: ['id'] }] },
    created_at: nullable('string'),
    description: nullable('string'),
    definition: nullable('string'),
    pii: nullable('boolean'),
    verified: nullable('boolean'),
    published: nullable('boolean'),
    teams: idList,
    owners: idList,
    owners_groups: idList,
    collections: idList,
    tags: idList,
    subscribers: idList,
    type: nullable('string'),
    enum: nullable('string'),
    is_required: nullable('boolean'),
  },
};

export const envelopeSchema = {
  type: 'object',
  required: ['results'],
  properties: {
    results: { type: 'array' },
    count: { type: ['integer', 'string', 'null'] },
    total_pages: { type: ['integer', 'string', 'null'] },
    meta: { type: ['object', 'null'] },
    links: { type: ['object', 'null'] },
  },
};

const validateResource = compiled.validateResource as ValidateFunction<Record<string, unknown>>;
const validateEnvelope = compiled.validateEnvelope as ValidateFunction;

export interface Envelope {
  results: unknown[];
  count: number | undefined;
  totalPages: number | undefined;
  page: number | undefined;
  nextPage: number | undefined;
}

export function parseEnvelope(body: unknown, method: string, path: string): Envelope {
  // A bare list is a list with one page.
  if (Array.isArray(body)) return { results: body, count: body.length, totalPages: 1, page: 1, nextPage: undefined };
  if (!validateEnvelope(body)) throw invalid(method, path, describeAjv(validateEnvelope.errors, 'the list'), body);
  const envelope = body as {
    results: unknown[];
    count?: unknown;
    total_pages?: unknown;
    meta?: Record<string, unknown> | null;
    links?: Record<string, unknown> | null;
  };
  return {
    results: envelope.results,
    count: toCount(envelope.count),
    totalPages: toCount(envelope.total_pages),
    page: toCount(envelope.meta?.['page']),
    // links.next may name another host or path: only its page number is used, never the URL.
    nextPage: toCount(envelope.meta?.['next_page']) ?? pageOfLink(envelope.links?.['next']),
  };
}

function pageOfLink(link: unknown): number | undefined {
  if (typeof link !== 'string' || link === 'None') return undefined;
  const match = /[?&]page=(\d+)/.exec(link);
  return match ? Number(match[1]) : undefined;
}

/** Absent values come as null or as the string "None". */
function toCount(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

type RawResource = Record<string, unknown>;

function checkResource(value: unknown, method: string, path: string): RawResource {
  if (!validateResource(value)) throw invalid(method, path, describeAjv(validateResource.errors, 'a resource'), value);
  return value;
}

const idOf = (value: unknown): string | null => {
  if (typeof value === 'string') return value === 'None' || value === '' ? null : value;
  if (typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object' && 'id' in value) return idOf(value.id);
  return null;
};
/**
 * Most ID lists are empty: they share one frozen empty list (a read of 10,000 properties made
 * 60,000 of them, all kept until the plan is built). Nothing changes a remote list in place.
 */
const NO_IDS = Object.freeze([]) as unknown as string[];
const ids = (value: unknown): string[] => {
  if (!Array.isArray(value) || value.length === 0) return NO_IDS;
  const found: string[] = [];
  for (const item of value) {
    const id = idOf(item);
    if (id !== null) found.push(id);
  }
  return found.length === 0 ? NO_IDS : found;
};
/** Absent values may arrive as null or as the string "None" (a Python None printed by the backend). */
const str = (value: unknown): string | null => (typeof value === 'string' && value !== 'None' ? value : null);
const bool = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

function common(raw: RawResource): RemoteCommon {
  return {
    id: idOf(raw['id']) ?? '',
    title: String(raw['title']),
    parent: idOf(raw['parent']),
    integration: idOf(raw['integration']),
    created_at: str(raw['created_at']),
    description: str(raw['description']),
    definition: str(raw['definition']),
    pii: bool(raw['pii']),
    verified: bool(raw['verified']),
    published: bool(raw['published']),
    teams: ids(raw['teams']),
    owners: ids(raw['owners']),
    owners_groups: ids(raw['owners_groups']),
    collections: ids(raw['collections']),
    tags: ids(raw['tags']),
    subscribers: ids(raw['subscribers']),
  };
}

export function toCategory(value: unknown, method: string, path: string): RemoteCategory {
  const raw = checkResource(value, method, path);
  return {
    id: idOf(raw['id']) ?? '',
    title: String(raw['title']),
    integration: 'integration' in raw ? idOf(raw['integration']) : null,
    teams: ids(raw['teams']),
    created_at: str(raw['created_at']),
  };
}

/** Whether the resource names an integration at all (some answers may leave the key out). */
export function hasIntegrationKey(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'integration' in value;
}

export function toEvent(value: unknown, method: string, path: string): RemoteEvent {
  return common(checkResource(value, method, path));
}

/**
 * Written out as one object literal rather than `{ ...common(raw), type, enum, is_required }`:
 * V8 gave the spread objects only the common fields' slots and kept the other three apart, and
 * the planner, which reads every field of every property, ran slower on them (bench/results.md).
 */
export function toProperty(value: unknown, method: string, path: string): RemoteProperty {
  const raw = checkResource(value, method, path);
  return {
    id: idOf(raw['id']) ?? '',
    title: String(raw['title']),
    parent: idOf(raw['parent']),
    integration: idOf(raw['integration']),
    created_at: str(raw['created_at']),
    description: str(raw['description']),
    definition: str(raw['definition']),
    pii: bool(raw['pii']),
    verified: bool(raw['verified']),
    published: bool(raw['published']),
    teams: ids(raw['teams']),
    owners: ids(raw['owners']),
    owners_groups: ids(raw['owners_groups']),
    collections: ids(raw['collections']),
    tags: ids(raw['tags']),
    subscribers: ids(raw['subscribers']),
    type: str(raw['type']),
    enum: str(raw['enum']),
    is_required: bool(raw['is_required']),
  };
}

function invalid(method: string, path: string, problem: string, sample: unknown): SecodaInvalidResponseError {
  let text: string;
  try {
    text = JSON.stringify(sample) ?? String(sample);
  } catch {
    text = String(sample);
  }
  return new SecodaInvalidResponseError({ method, path, problem, sample: trimBody(text, 200) });
}

function describeAjv(errors: ErrorObject[] | null | undefined, what: string): string {
  const first = errors?.[0];
  if (!first) return `${what} is not in the documented shape`;
  const where = first.instancePath === '' ? what : `${what}'s ${first.instancePath.slice(1).replace(/\//g, '.')}`;
  return `${where} ${first.message ?? 'is not in the documented shape'}`;
}
