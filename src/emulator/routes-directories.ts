/**
 * Secoda's directories, as documented (see src/secoda/directories.ts): users (`GET /user/`),
 * teams (`GET /auth/teams/`, archived ones only with `include_archived=true`), groups
 * (`GET /auth/group/`), tags (`GET /tag/`) and collections (`GET /collection/collections/`,
 * `?title=`), each a paginated list in the Events API's envelope. Read only.
 */
import type { FastifyInstance } from 'fastify';
import { paginate } from './pagination.js';
import { filterValue, queryValue, refuseOtherMethods, type RouteContext } from './route-context.js';
import type { DirectoryRecords, EmulatorDirectories } from './directory-data.js';

const ROUTES: readonly { path: string; directory: keyof EmulatorDirectories }[] = [
  { path: '/user', directory: 'users' },
  { path: '/auth/teams', directory: 'teams' },
  { path: '/auth/group', directory: 'groups' },
  { path: '/tag', directory: 'tags' },
  { path: '/collection/collections', directory: 'collections' },
];

export function registerDirectoryRoutes(app: FastifyInstance, context: RouteContext): void {
  for (const { path, directory } of ROUTES) {
    app.get(path, (request) => {
      let entries: DirectoryRecords = context.store.directories[directory];
      if (directory === 'teams' && queryValue(request, 'include_archived')?.toLowerCase() !== 'true')
        entries = entries.filter((team) => team['archived'] !== true);
      const title = directory === 'collections' ? filterValue(request, 'title') : undefined;
      if (title !== undefined) entries = entries.filter((collection) => collection['title'] === title);
      return paginate(entries, queryValue(request, 'page'), {
        pageSize: context.settings.pageSize,
        host: request.host || 'localhost',
        resourceTotals: {},
      });
    });
    refuseOtherMethods(app, path, ['GET']);
  }
}
