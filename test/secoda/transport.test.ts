/**
 * Clean failures (issue 11, item 6): a request Node cannot send is not retried, a server that
 * never answers fails within a bound the error states, and every retry is announced.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SecodaClient } from '../../src/secoda/client.js';
import { SecodaNetworkError, SecodaRequestNotSentError } from '../../src/secoda/errors.js';
import type { RetryNotice } from '../../src/secoda/retry-loop.js';
import { runCli } from '../support/run-cli.js';
import { json, page, startScriptedServer, type ScriptedServer, seededDirectoryPage } from '../support/scripted-server.js';

const INTEGRATION = 'ca529385-fbc9-4934-afae-e372affe795b';

let scripted: ScriptedServer | undefined;
let silent: { server: Server; sockets: Set<Socket> } | undefined;
afterEach(async () => {
  await scripted?.close();
  scripted = undefined;
  if (silent) {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise((resolve) => silent!.server.close(resolve));
    silent = undefined;
  }
});

/** A server that accepts connections and never answers. */
async function startSilentServer(): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer(() => {
    // Never respond.
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent = { server, sockets };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
}

describe('a request that cannot be sent', () => {
  it('is not retried (ERR_INVALID_CHAR): nothing reaches Secoda, and the error points at the token without showing it', async () => {
    scripted = await startScriptedServer((_req, res) => json(res, 200, page([], 1, 1)));
    const retries: RetryNotice[] = [];
    const token = 'secret-part-one\nsecret-part-two';
    const api = new SecodaClient({ baseUrl: scripted.url, token, onRetry: (notice) => retries.push(notice) });
    for (const attempt of [() => api.listCategories(), () => api.createCategory({ title: 'C', integration: INTEGRATION })]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecodaRequestNotSentError);
      expect((error as SecodaRequestNotSentError).userMessage).toMatch(
        /could not send (GET|POST) \/event\/category\/: a request header holds a character HTTP does not allow \(ERR_INVALID_CHAR\); nothing was sent to Secoda/,
      );
      expect((error as SecodaRequestNotSentError).hint).toContain('check SECODA_API_TOKEN for a stray line break');
      expect(inspect(error, { depth: 10 })).not.toContain('secret-part');
    }
    expect(scripted.requests).toHaveLength(0);
    expect(retries).toEqual([]);
  });

  it('fails the command at once with that message', async () => {
    scripted = await startScriptedServer((_req, res) => json(res, 200, page([], 1, 1)));
    const result = await runCli(['plan', 'tracking-plan.example'], { SECODA_API_URL: scripted.url, SECODA_API_TOKEN: 'abc\u0001def' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(ERR_INVALID_CHAR); nothing was sent to Secoda');
    expect(result.stderr).not.toContain('retrying');
    expect(result.stderr).not.toContain('abc');
    expect(scripted.requests).toHaveLength(0);
  });
});

describe('a server that never answers', () => {
  it('fails within the bound on a request, saying how long each attempt waited and how long it tried, a notice per retry', async () => {
    const url = await startSilentServer();
    const retries: RetryNotice[] = [];
    const api = new SecodaClient({
      baseUrl: url,
      token: 't',
      timeoutMs: 150,
      maxRequestMs: 800,
      retry: { attempts: 20, baseDelayMs: 20, maxDelayMs: 40, maxRetryAfterMs: 100 },
      onRetry: (notice) => retries.push(notice),
    });
    const error = await api.listCategories().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecodaNetworkError);
    const tried = (error as SecodaNetworkError).tried!;
    // Fewer attempts than allowed: the time bound ended it, not the attempt count.
    expect(tried.attempts).toBeGreaterThan(1);
    expect(tried.attempts).toBeLessThan(20);
    expect((error as SecodaNetworkError).userMessage).toMatch(
      /^Secoda did not answer GET \/event\/category\/ within 150 ms \(ETIMEDOUT\); gave up after \d+ attempts in [\d.]+ m?s \(tpsync gives a request at most 800 ms\)$/,
    );
    expect(retries).toHaveLength(tried.attempts - 1);
    for (const [i, notice] of retries.entries()) {
      expect(notice).toMatchObject({
        method: 'GET',
        path: '/event/category/',
        attempt: i + 1,
        attempts: 20,
        reason: 'no answer within 150 ms',
        limitMs: 800,
      });
    }
  });
});

describe('the bound on a request counts its own attempts, not its wait behind others', () => {
  it('a request that waited its turn past the bound still gets its retries', async () => {
    // One request at a time, and a clock the test moves: the first request takes 70 s of it to
    // answer (a slow page of a long list), while the second waits its turn; then the second meets a 503.
    let now = 0;
    const clock = {
      now: () => now,
      sleep: (ms: number) => {
        now += ms;
        return Promise.resolve();
      },
    };
    let second = 0;
    scripted = await startScriptedServer((req, res) => {
      if (req.url.pathname.endsWith('/category/')) {
        now += 70_000;
        return json(res, 200, page([], 1, 1));
      }
      if (++second === 1) return json(res, 503, { detail: 'busy' });
      return json(res, 200, page([{ id: 'e', title: 'E' }], 1, 1));
    });
    const retries: RetryNotice[] = [];
    const api = new SecodaClient({
      baseUrl: scripted.url,
      token: 't',
      concurrency: 1,
      clock,
      retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
      onRetry: (notice) => retries.push(notice),
    });
    const [categories, events] = await Promise.all([api.listCategories(), api.listEvents(INTEGRATION)]);
    expect(categories).toEqual([]);
    expect(events.map((e) => e.id)).toEqual(['e']);
    expect(retries).toEqual([expect.objectContaining({ path: '/resource/catalog/', reason: 'Secoda answered 503 Service Unavailable' })]);
    // The time it spent waiting for its turn is not time Secoda did not answer.
    expect(retries[0]!.elapsedMs).toBeLessThan(70_000);
  });
});

describe('retries are announced', () => {
  it('the command line prints a line per retry, and goes on', async () => {
    let failures = 0;
    scripted = await startScriptedServer((req, res) => {
      if (req.url.pathname.endsWith('/event/category/') && failures < 2) {
        failures++;
        return json(res, 503, { detail: 'unavailable' });
      }
      // The example's names are in the seeded directories.
      json(res, 200, seededDirectoryPage(req.url) ?? page([], 1, 1));
    });
    const result = await runCli(['plan', 'tracking-plan.example'], { SECODA_API_URL: scripted.url, SECODA_API_TOKEN: 'tok' });
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('retrying'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^retrying GET \/event\/category\/ in [\d.]+ m?s \(attempt 2 of 8\): Secoda answered 503 Service Unavailable; gives up after 1 min$/,
    );
    expect(lines[1]).toMatch(/\(attempt 3 of 8\)/);
  });
});
