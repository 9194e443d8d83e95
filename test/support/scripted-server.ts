/**
 * A bare node:http server whose answers a test writes by hand, for the server behaviours the
 * emulator is too well-behaved to show (a server that ignores ?page=, answers HTML, …).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededDirectories } from '../../src/emulator/directory-data.js';

export interface ScriptedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Script = (request: ScriptedRequest, response: ServerResponse) => unknown;

export interface ScriptedServer {
  readonly url: string;
  readonly requests: ScriptedRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: ScriptedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://localhost'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      void Promise.resolve(script(request, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A page in the documented envelope; `count` is the whole list's (by default, this page's items on a one-page list). */
export function page(
  results: unknown[],
  pageNumber: number,
  totalPages: number,
  extra: Record<string, unknown> = {},
  count = results.length,
): unknown {
  return {
    links: {
      next: pageNumber < totalPages ? `https://elsewhere.example/resource/all/?page=${pageNumber + 1}` : null,
      previous: pageNumber > 1 ? 'x' : 'None',
    },
    meta: {
      page: pageNumber,
      next_page: pageNumber < totalPages ? pageNumber + 1 : 'None',
      previous_page: pageNumber > 1 ? pageNumber - 1 : 'None',
    },
    count,
    total_pages: totalPages,
    results,
    ...extra,
  };
}

const DIRECTORY_PATHS: Record<string, keyof ReturnType<typeof seededDirectories>> = {
  '/user/': 'users',
  '/auth/teams/': 'teams',
  '/auth/group/': 'groups',
  '/tag/': 'tags',
  '/collection/collections/': 'collections',
};

/**
 * For a directory's path (`/user/`, `/tag/`, …), one page of the emulator's seeded directory, which
 * holds the names tracking-plan.example writes; undefined for any other path.
 */
export function seededDirectoryPage(url: URL): unknown {
  const directory = DIRECTORY_PATHS[url.pathname.replace(/^\/api\/v1/, '')];
  return directory === undefined ? undefined : page(seededDirectories()[directory], 1, 1);
}
