/**
 * Event categories: list (`?title=`), create, get. The reference documents no update or delete,
 * so those methods answer 405.
 */
import type { FastifyInstance } from 'fastify';
import { validateCategoryCreate } from './body-validation.js';
import { notFound } from './drf-errors.js';
import { shapeContext, toApiResource } from './resource-json.js';
import { filterValue, JSON_CONTENT_TYPE, jsonBody, listJson, refuseOtherMethods, type RouteContext } from './route-context.js';

export function registerCategoryRoutes(app: FastifyInstance, context: RouteContext): void {
  const { store } = context;

  // "List all the event categories in the workspace. Optional filter by title."
  app.get('/event/category', (request, reply) => {
    const title = filterValue(request, 'title');
    const items = store.view('event_category', (r) => title === undefined || r.title === title, JSON.stringify([title]));
    const shape = shapeContext(store);
    return reply.type(JSON_CONTENT_TYPE).send(listJson(request, context, items, (r) => toApiResource(r, shape)));
  });

  // "Responses 201 Event category created"
  app.post('/event/category', (request, reply) => {
    const input = validateCategoryCreate(jsonBody(request));
    const created = store.insert('event_category', input);
    context.replyCommitted(request, reply, 201, toApiResource(created, shapeContext(store)));
  });

  // "Get Event Category by Id … 200 OK … 404 Not Found"
  app.get<{ Params: { id: string } }>('/event/category/:id', (request) => {
    const category = store.get(request.params.id, 'event_category');
    if (!category) throw notFound();
    return toApiResource(category, shapeContext(store));
  });

  refuseOtherMethods(app, '/event/category', ['GET', 'POST']);
  refuseOtherMethods(app, '/event/category/:id', ['GET']);
}
