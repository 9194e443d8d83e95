/**
 * The Resources list that replaces the deprecated events list: "Please use the List Resources
 * endpoint instead with filter={"operator":"exact","field":"type","value":"event"}". DESIGN §1
 * names it `GET /resource/catalog`; the reference's pagination links point at `/resource/all/`,
 * so both paths serve it. Every resource carries its `type` (event_category, event, event_property).
 */
import type { FastifyInstance } from 'fastify';
import { parseCatalogFilter } from './catalog-filter.js';
import { shapeContext, toCatalogResource } from './resource-json.js';
import { listEnvelope, queryValue, refuseOtherMethods, type RouteContext } from './route-context.js';
import type { StoredResource } from './stored-resource.js';

export const CATALOG_PATHS = ['/resource/catalog', '/resource/all'] as const;

export function registerCatalogRoutes(app: FastifyInstance, context: RouteContext): void {
  for (const path of CATALOG_PATHS) {
    app.get(path, (request) => {
      const matches = parseCatalogFilter(queryValue(request, 'filter'));
      const shape = shapeContext(context.store);
      // Filter on the very JSON the client will see, so any field it shows can be filtered on.
      const picked: StoredResource[] = [];
      const shaped = new Map<StoredResource, Record<string, unknown>>();
      for (const record of context.store.view()) {
        const json = toCatalogResource(record, shape);
        if (!matches(json)) continue;
        picked.push(record);
        shaped.set(record, json);
      }
      return listEnvelope(request, context, picked, (r) => shaped.get(r) ?? toCatalogResource(r, shape));
    });
    refuseOtherMethods(app, path, ['GET']);
  }
}
