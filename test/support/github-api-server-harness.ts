// What the fake GitHub's own tests share: servers started on demand and closed after each test,
// a real Octokit client with a chosen token (or none), and a seed of earlier comments.
import { afterEach } from 'vitest';
import { Octokit } from 'octokit';
import { startGitHubApiServer, type GitHubApiServer, type GitHubApiServerOptions } from './github-api-server.js';

/** The repository every server has by default, as Octokit's `owner`/`repo` parameters. */
export const repo = { owner: 'octo-org', repo: 'tracking-plan' };

/**
 * Registers, for the calling test file, an `afterEach` that closes every server started since;
 * returns the function that starts one.
 */
export function serversClosedAfterEach(): (options?: GitHubApiServerOptions) => Promise<GitHubApiServer> {
  const servers: GitHubApiServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (options) => {
    const server = await startGitHubApiServer(options);
    servers.push(server);
    return server;
  };
}

/** `auth: null` sends no token at all. */
export function client(server: GitHubApiServer, auth: string | null = 'ghs_workflow_token'): Octokit {
  // No retries or throttling: a test wants the first answer, at once.
  return new Octokit({
    ...(auth !== null && { auth }),
    baseUrl: server.url,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** `count` comments on #7, alternately by bob and alice: `comment 1`, `comment 2`, … */
export const earlierComments = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ issueNumber: 7, body: `comment ${i + 1}`, user: i % 2 ? 'alice' : 'bob' }));
