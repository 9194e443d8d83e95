// The fake GitHub's routes table: every operation it models, by operationId. An operation of
// GitHub's API that is missing here is answered 501 and recorded as \`unimplemented\`.
import { gitRoutes } from './github-routes-git.js';
import { issueRoutes } from './github-routes-issues.js';
import { pullRoutes } from './github-routes-pulls.js';
import type { Route } from './github-replies.js';

/** Every modelled operation, by operationId. */
export const routes: Record<string, Route> = { ...issueRoutes, ...gitRoutes, ...pullRoutes };
