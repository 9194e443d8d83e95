/**
 * The Resources list that replaces the deprecated events list: "Please use the List Resources
 * endpoint instead with filter={"operator":"exact","field":"type","value":"event"}". DESIGN §1
 * names it `GET /resource/catalog`; the reference's pagination links point at `/resource/all/`,
 * so both paths serve it. Every resource carries its `type` (event_category, event, event_property).
 *
 * "This endpoint has a maximum limit of 10,000 resources that can be returned across all pages"
 * (Secoda's reference, List Resources): past the cap (RouteSettings.catalogCap) the list is cut,
 * and its count and pages are those of what is left, so only a client that knows the cap can tell.
 */
import type { FastifyInstance } from 'fastify';
import { parseCatalogFilter } from './catalog-filter.js';
import { shapeContext, toCatalogResource } from './resource-json.js';
import { DrfError } from './drf-errors.js';
import { listEnvelope, queryValue, refuseOtherMethods, type RouteContext } from './route-context.js';

export const CATALOG_PATHS = ['/resource/catalog', '/resource/all'] as const;

/** "a maximum limit of 10,000 resources that can be returned across all pages". */
export const CATALOG_CAP = 10_000;

export function registerCatalogRoutes(app: FastifyInstance, context: RouteContext): void {
  for (const path of CATALOG_PATHS) {
    app.get(path, (request) => {
      const gone = context.settings.catalogGone;
      if (gone !== false) throw new DrfError(gone, { detail: gone === 404 ? 'Not found.' : 'This endpoint has been removed.' });
      const raw = queryValue(request, 'filter');
      const matches = parseCatalogFilter(raw);
      const shape = shapeContext(context.store);
      // Filter on the very JSON the client will see, so any field it shows can be filtered on; the
      // matches are kept until the store changes, so a list read page by page is filtered once.
      const all = context.store.view(undefined, (record) => matches(toCatalogResource(record, shape)), `catalog\u0000${raw ?? ''}`);
      const cap = context.settings.catalogCap;
      const picked = all.length > cap ? all.slice(0, cap) : all;
      return listEnvelope(request, context, picked, (r) => toCatalogResource(r, shape));
    });
    refuseOtherMethods(app, path, ['GET']);
  }
}
