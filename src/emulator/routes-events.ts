/**
 * Events (`/event/events`) and event properties (`/event/event_properties`): list with
 * `?integration_id=&parent_id=&title=`, create, get, patch, delete. The two differ only in
 * their parent (a category, an event), their extra fields and their create status.
 */
import type { FastifyInstance } from 'fastify';
import { checkEventLikeCreate, validatePatch } from './body-validation.js';
import { DrfError, MESSAGES, fieldErrors, notFound } from './drf-errors.js';
import { shapeContext, toApiResource } from './resource-json.js';
import { filterValue, JSON_CONTENT_TYPE, jsonBody, listJson, refuseOtherMethods, type RouteContext } from './route-context.js';
import { idKey } from './resource-id.js';
import type { StoredResource } from './stored-resource.js';

interface Collection {
  path: string;
  kind: 'event' | 'event_property';
  parentKind: 'event_category' | 'event';
  createStatus: number;
  /** What a create with an unknown parent gets: a field error (400) or a 404. */
  unknownParent: 'field-error' | 'not-found';
}

const EVENTS: Collection = {
  path: '/event/events',
  kind: 'event',
  parentKind: 'event_category',
  // "Responses 201 Event created"
  createStatus: 201,
  // DRF's PrimaryKeyRelatedField: {"parent": ["Invalid pk \"…\" - object does not exist."]}
  unknownParent: 'field-error',
};

const PROPERTIES: Collection = {
  path: '/event/event_properties',
  kind: 'event_property',
  parentKind: 'event',
  // "Responses 200 Event property created." — 200, not 201, as documented.
  createStatus: 200,
  // Property create lists "404 Not Found" (and no 400): the parent event is looked up like an object.
  unknownParent: 'not-found',
};

export function registerEventRoutes(app: FastifyInstance, context: RouteContext): void {
  registerCollection(app, context, EVENTS);
}

export function registerPropertyRoutes(app: FastifyInstance, context: RouteContext): void {
  registerCollection(app, context, PROPERTIES);
}

function registerCollection(app: FastifyInstance, context: RouteContext, collection: Collection): void {
  const { store } = context;
  const { path, kind } = collection;

  // "Retrieve a list of events with optional filtering using the integration_id, parent_id …, and title."
  app.get(path, (request, reply) => {
    if (kind === 'event' && context.settings.eventsListGone) {
      // "Warning: This endpoint is deprecated. Please use the List Resources endpoint instead"
      throw new DrfError(410, { detail: 'This endpoint has been removed. Use the List Resources endpoint (GET /resource/all) instead.' });
    }
    const integration = filterValue(request, 'integration_id');
    const parent = filterValue(request, 'parent_id');
    const title = filterValue(request, 'title');
    const items = store.view(
      kind,
      (r) => matchesId(r.integration, integration) && matchesId(r.parent, parent) && (title === undefined || r.title === title),
      JSON.stringify([integration, parent, title]),
    );
    const shape = shapeContext(store);
    return reply.type(JSON_CONTENT_TYPE).send(listJson(request, context, items, (r) => toApiResource(r, shape)));
  });

  app.post(path, (request, reply) => {
    const { input, parent, errors } = checkEventLikeCreate(jsonBody(request), kind);
    const parentRecord = parent === undefined ? undefined : store.get(parent, collection.parentKind);
    if (parent !== undefined && !parentRecord && collection.unknownParent === 'field-error')
      errors['parent'] = [MESSAGES.missingPk(parent)];
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
    if (!parentRecord) throw notFound();
    // The parent is stored as the parent's own id, as a foreign key serialises.
    const created = store.insert(kind, savedText(context, { ...input, parent: parentRecord.id }));
    context.replyCommitted(request, reply, collection.createStatus, toApiResource(created, shapeContext(store)));
  });

  app.get<{ Params: { id: string } }>(`${path}/:id`, (request) => toApiResource(found(request.params.id), shapeContext(store)));

  // "Use this endpoint to partially update event metadata." Only the documented fields change.
  app.patch<{ Params: { id: string } }>(`${path}/:id`, (request, reply) => {
    const existing = found(request.params.id);
    const patched = store.patch(existing.id, savedText(context, validatePatch(jsonBody(request)))) ?? existing;
    context.replyCommitted(request, reply, 200, toApiResource(patched, shapeContext(store)));
  });

  // "Delete a specific event by it's ID. … 200 OK … 404 Not Found"; an event takes its properties with it.
  app.delete<{ Params: { id: string } }>(`${path}/:id`, (request, reply) => {
    const existing = found(request.params.id);
    const json = toApiResource(existing, shapeContext(store));
    store.remove(existing.id);
    context.replyCommitted(request, reply, 200, json);
  });

  refuseOtherMethods(app, path, ['GET', 'POST']);
  refuseOtherMethods(app, `${path}/:id`, ['GET', 'PATCH', 'DELETE']);

  function found(id: string): StoredResource {
    const record = store.get(id, kind);
    if (!record) throw notFound();
    return record;
  }
}

function matchesId(value: string | null, wanted: string | undefined): boolean {
  // Equal strings are the same id: skip the normalisation, which is what a 10,000-item list costs.
  return wanted === undefined || value === wanted || (value !== null && idKey(value) === idKey(wanted));
}

/**
 * The text fields as saved, when the emulator normalises text: trimmed (DRF's CharField trims by
 * default), with \n line endings, in Unicode NFC.
 */
function savedText<T extends { description?: string | null; definition?: string | null }>(context: RouteContext, fields: T): T {
  if (!context.trimsText()) return fields;
  const trim = (value: string | null | undefined) =>
    typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim().normalize('NFC') : value;
  return {
    ...fields,
    ...(fields.description === undefined ? {} : { description: trim(fields.description) }),
    ...(fields.definition === undefined ? {} : { definition: trim(fields.definition) }),
  };
}
