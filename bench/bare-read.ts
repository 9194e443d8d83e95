/**
 * The floor under scenario (a)'s read on this machine: the same 221 pages, asked in the same
 * order with the same number in flight, by a bare node:http client that only parses the JSON
 * (no got, no checks, no conversion, no pagination logic). What it takes beyond the bound is
 * the emulator's own cost per request (its 20 ms timers fire late; Fastify and the socket) and
 * the parsing every client must do; what tpsync takes beyond it is tpsync's. Bench code only.
 */
import { Agent, get } from 'node:http';
import { catalogEventFilter } from '../src/secoda/catalog-listing.js';

export interface BareReadResult {
  readonly ms: number;
  readonly pages: number;
}

/** `baseUrl` ends in /api/v1; lists are read as tpsync reads them (page 1 of each, then the rest, `concurrency` at a time). */
export async function bareRead(baseUrl: string, token: string, integration: string, concurrency: number): Promise<BareReadResult> {
  const agent = new Agent({ keepAlive: true });
  const fetchJson = (path: string) =>
    new Promise<{ total_pages?: number }>((resolve, reject) => {
      get(`${baseUrl}/${path}`, { agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text) as { total_pages?: number }));
        response.on('error', reject);
      }).on('error', reject);
    });
  const lists = [
    'event/category/?',
    // Events through the Resources catalog, with the filter the client sends (issue 23).
    `resource/catalog/?filter=${encodeURIComponent(JSON.stringify(catalogEventFilter(integration)))}&`,
    `event/event_properties/?integration_id=${integration}&`,
  ];
  const started = performance.now();
  const firsts = await Promise.all(lists.map((list) => fetchJson(`${list}page=1`)));
  const rest: string[] = [];
  firsts.forEach((first, i) => {
    for (let page = 2; page <= (first.total_pages ?? 1); page++) rest.push(`${lists[i]}page=${page}`);
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rest.length) await fetchJson(rest[next++] ?? '');
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  return { ms, pages: lists.length + rest.length };
}
