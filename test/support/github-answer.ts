// How the fake GitHub answers one request, in GitHub's order: route, authentication, request
// validation against the OpenAPI description, then an armed fault, the read-only token, and the
// model's route, whose reply is checked against the description too.
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { GitHubSpec, Operation } from './github-openapi.js';
import type { GitHubUser, Urls } from './github-resources.js';
import {
  GITHUB_ACTIONS_BOT,
  type Fault,
  type GitHubApiServer,
  type GitHubApiServerOptions,
  type RecordedRequest,
  type Violation,
} from './github-api-types.js';
import { githubError, type Reply } from './github-replies.js';
import { routes } from './github-routes.js';
import type { World } from './github-world.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What answering needs: the description, the model, the fake's URLs and options, its armed faults and handle. */
export interface Env {
  spec: GitHubSpec;
  world: World;
  urls: Urls;
  options: GitHubApiServerOptions;
  faults: (Fault & { times: number })[];
  handle: GitHubApiServer;
}

/** Records a contract violation of the request (or of the fake's own reply). */
export type Violate = (kind: Violation['kind'], problems: string[], operation?: Operation) => void;

/** One request as received, with where to record it and its violations. */
export interface Incoming {
  method: string;
  url: URL;
  /** The path below the base path; `undefined` when the request is outside it. */
  apiPath: string | undefined;
  raw: string;
  headers: IncomingHttpHeaders;
  recorded: RecordedRequest;
  violate: Violate;
}

/**
 * The order mirrors GitHub: route, authentication, request validation, then (for tests) an armed
 * fault, the read-only token, and finally the model. Each refusal is GitHub's answer.
 */
export function answer({ spec, world, urls, options, faults, handle }: Env, incoming: Incoming): Reply {
  const { method, url, apiPath, raw, headers, recorded, violate } = incoming;
  const match = apiPath === undefined ? undefined : spec.match(method, apiPath);
  if (!match) {
    violate('unknown-operation', [`${method} ${url.pathname} is not an operation of GitHub's REST API`]);
    return githubError(404, 'Not Found', 'https://docs.github.com/rest');
  }
  const { operation } = match;
  recorded.operationId = operation.operationId;

  const parsed = parseJson(raw);
  recorded.body = parsed.ok ? parsed.value : raw;

  const user = authenticate(headers.authorization, options.tokens, world);
  if (user === 'missing') return githubError(401, 'Requires authentication', operation.docsUrl);
  if (user === 'bad') return githubError(401, 'Bad credentials', operation.docsUrl);

  if (!parsed.ok) {
    violate('invalid-request', ['body is not JSON'], operation);
    return githubError(400, 'Problems parsing JSON', operation.docsUrl);
  }

  const checked = spec.checkRequest(operation, { pathParams: match.pathParams, query: url.searchParams, body: parsed.value });
  if (parsed.value !== undefined && !/^application\/(.+\+)?json\b/.test(headers['content-type'] ?? '')) {
    checked.problems.push({ in: 'body', message: 'content-type must be application/json' });
  }
  if (checked.problems.length > 0) {
    const problems = checked.problems.map((p) => p.message);
    violate('invalid-request', problems, operation);
    // GitHub's own wording when a request fails its JSON schema.
    return githubError(422, `Invalid request.\n\n${problems.join('\n')}`, operation.docsUrl);
  }

  const fault = faults.find((f) => f.operation === operation.operationId || f.operation === `${operation.method} ${operation.template}`);
  if (fault) {
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
    return {
      status: fault.status,
      body: fault.body ?? githubError(fault.status, STATUS_CODES[fault.status] ?? 'Error', operation.docsUrl).body,
      ...(fault.headers && { headers: fault.headers }),
    };
  }

  if (handle.readOnly && WRITE_METHODS.has(method)) {
    return githubError(403, 'Resource not accessible by integration', operation.docsUrl);
  }

  const route = routes[operation.operationId];
  if (!route) {
    violate('unimplemented', [`the fake GitHub does not model ${operation.operationId}`], operation);
    return githubError(501, `Not implemented by the fake GitHub: ${operation.operationId}`, operation.docsUrl);
  }
  const repo = world.repo(`${String(checked.pathParams.owner)}/${String(checked.pathParams.repo)}`);
  if (!repo) return githubError(404, 'Not Found', operation.docsUrl);
  const body = typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
  const result = route(world, urls, {
    operation,
    repo,
    params: checked.pathParams,
    query: checked.query,
    body,
    user,
    requestUrl: url,
  });
  const problems = spec.checkResponse(operation, result.status, result.body);
  if (problems.length > 0) violate('invalid-response', problems, operation);
  return result;
}

function authenticate(header: string | undefined, tokens: GitHubApiServerOptions['tokens'], world: World): GitHubUser | 'missing' | 'bad' {
  // Octokit sends `token <t>` for personal and installation tokens, `bearer <jwt>` for apps.
  const token = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (token === undefined) return 'missing';
  if (!tokens) return GITHUB_ACTIONS_BOT;
  const who = tokens[token];
  if (who === undefined) return 'bad';
  return typeof who === 'string' ? world.user(who) : who;
}

/** The operation named by an operationId or by `METHOD /template`, if GitHub's API has it. */
export function findOperation(spec: GitHubSpec, name: string): Operation | undefined {
  const byId = spec.operationsById.get(name);
  if (byId) return byId;
  const [method = '', template = ''] = name.split(' ');
  return [...spec.operationsById.values()].find((op) => op.method === method.toUpperCase() && op.template === template);
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  if (raw === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}
