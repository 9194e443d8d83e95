/**
 * Create and patch bodies checked the way a DRF serializer checks them: every field error at
 * once, as `{"field": ["message"]}`, with DRF's own messages. Unknown keys are ignored, as DRF
 * ignores them. Parent existence needs the store, so the routes check it after these.
 */
import { MESSAGES, fieldErrors, type FieldErrors } from './drf-errors.js';
import { LIST_FIELDS, type ListField, type ResourceInput, type ResourcePatch } from './stored-resource.js';

export type Body = Readonly<Record<string, unknown>>;

const BOOLEAN_FIELDS = ['pii', 'verified', 'published'] as const;
const TEXT_FIELDS = ['description', 'definition'] as const;
/**
 * With the text and boolean fields, the documented patchable fields (DESIGN §1): "description,
 * definition, pii, verified, published, teams, owners, collections, tags, subscribers". Not owners_groups.
 */
const PATCHABLE_LISTS = ['teams', 'owners', 'collections', 'tags', 'subscribers'] as const satisfies readonly ListField[];

class Checker {
  readonly errors: FieldErrors = {};
  constructor(private readonly body: Body) {}

  /** A CharField: `blank` allows "", `required` demands the key. */
  text(field: string, options: { required?: boolean; blank?: boolean } = {}): string | undefined {
    const value = this.body[field];
    if (value === undefined) {
      if (options.required) this.fail(field, MESSAGES.required);
      return undefined;
    }
    if (value === null) return this.fail(field, MESSAGES.null);
    if (typeof value !== 'string') return this.fail(field, MESSAGES.notString);
    if (!options.blank && value.trim() === '') return this.fail(field, MESSAGES.blank);
    return value;
  }

  boolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (value === null) return this.fail(field, MESSAGES.null);
    if (typeof value !== 'boolean') return this.fail(field, MESSAGES.notBoolean);
    return value;
  }

  /** A ListField of strings; a bad item is reported under its index, as DRF does. */
  strings(field: string): string[] | undefined {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (value === null) return this.fail(field, MESSAGES.null);
    if (!Array.isArray(value)) return this.fail(field, MESSAGES.notList(value));
    const itemErrors: Record<string, string[]> = {};
    value.forEach((item, index) => {
      if (typeof item !== 'string') itemErrors[String(index)] = [item === null ? MESSAGES.null : MESSAGES.notString];
    });
    if (Object.keys(itemErrors).length > 0) {
      this.errors[field] = itemErrors;
      return undefined;
    }
    return value as string[];
  }

  /** A PrimaryKeyRelatedField: DRF turns "" into None before checking. */
  pk(field: string): string | undefined {
    const value = this.body[field];
    if (value === undefined) return this.fail(field, MESSAGES.required);
    if (value === null || value === '') return this.fail(field, MESSAGES.null);
    if (typeof value !== 'string') return this.fail(field, MESSAGES.incorrectPk(value));
    return value;
  }

  fail(field: string, message: string): undefined {
    this.errors[field] = [message];
    return undefined;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

function common(check: Checker): Omit<ResourceInput, 'title'> {
  const input: Omit<ResourceInput, 'title'> = {};
  for (const field of TEXT_FIELDS) {
    const value = check.text(field, { blank: true });
    if (value !== undefined) input[field] = value;
  }
  for (const field of BOOLEAN_FIELDS) {
    const value = check.boolean(field);
    if (value !== undefined) input[field] = value;
  }
  for (const field of LIST_FIELDS) {
    const value = check.strings(field);
    if (value !== undefined) input[field] = value;
  }
  return input;
}

/** `POST /event/category` {title, integration, teams}. */
export function validateCategoryCreate(body: Body): ResourceInput {
  const check = new Checker(body);
  const title = check.text('title', { required: true });
  const integration = check.text('integration', { required: true });
  const teams = check.strings('teams');
  if (!check.ok || title === undefined || integration === undefined) throw fieldErrors(check.errors);
  return { title, integration, ...(teams ? { teams } : {}) };
}

export interface EventLikeCreate {
  input: ResourceInput;
  /** The parent id as sent, still to be looked up; absent when the body already failed. */
  parent: string | undefined;
  /** Field errors so far; the route adds the parent's, then throws if any. */
  errors: FieldErrors;
}

/** `POST /event/events` and `POST /event/event_properties`: title, integration, parent, the common fields. */
export function checkEventLikeCreate(body: Body, kind: 'event' | 'event_property'): EventLikeCreate {
  const check = new Checker(body);
  const title = check.text('title', { required: true });
  const integration = check.text('integration', { required: true });
  const parent = check.pk('parent');
  const input: ResourceInput = { title: title ?? '', ...common(check) };
  if (integration !== undefined) input.integration = integration;
  if (kind === 'event_property') {
    const type = check.text('type', { blank: true });
    const values = check.text('enum', { blank: true });
    const isRequired = check.boolean('is_required');
    if (type !== undefined) input.type = type;
    if (values !== undefined) input.enum = values;
    if (isRequired !== undefined) input.is_required = isRequired;
  }
  return { input, parent, errors: check.errors };
}

/** A PATCH keeps only the patchable fields, type-checked; the rest is ignored. */
export function validatePatch(body: Body): ResourcePatch {
  const check = new Checker(body);
  const patch: ResourcePatch = {};
  for (const field of TEXT_FIELDS) {
    const value = check.text(field, { blank: true });
    if (value !== undefined) patch[field] = value;
  }
  for (const field of BOOLEAN_FIELDS) {
    const value = check.boolean(field);
    if (value !== undefined) patch[field] = value;
  }
  for (const field of PATCHABLE_LISTS) {
    const value = check.strings(field);
    if (value !== undefined) patch[field] = value;
  }
  if (!check.ok) throw fieldErrors(check.errors);
  return patch;
}
