/**
 * What `got` (the project's HTTP client) costs per request, in the client's CPU: the same small
 * GET (a list page holding one category, under 1 kB of JSON) sent N times, eight in flight, through got as the
 * transport configures it, and through Node's own `http.request` with a keep-alive agent for
 * comparison. The emulator runs in another process, so the CPU measured is the client's alone.
 */
import { Agent, request } from 'node:http';
import got from 'got';
import type { BenchEmulator } from './emulator-protocol.js';
import { generatePlan } from './generate-plan.js';
import { matchingResources } from './remote-fixtures.js';

export interface GotCostResult {
  readonly requests: number;
  /** Client CPU per request through got, µs. */
  readonly gotCpuUs: number;
  /** Client CPU per request through node:http (keep-alive), µs. */
  readonly nodeHttpCpuUs: number;
}

const cpuUs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return used.user + used.system;
};

async function inFlight(total: number, concurrency: number, send: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await send();
      }
    }),
  );
}

export async function runGotCost(emulator: BenchEmulator, requests: number): Promise<GotCostResult> {
  await emulator.reset(matchingResources(generatePlan({ categories: 1, events: 1, properties: 1 })));
  const url = `${emulator.url}/event/category/`;
  const headers = { authorization: `Bearer ${emulator.token}`, accept: 'application/json' };
  const http = got.extend({ headers, retry: { limit: 0 }, throwHttpErrors: false, followRedirect: false, responseType: 'text' });
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const viaNode = () =>
    new Promise<void>((done, fail) => {
      const req = request(url, { agent, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => (body.length > 0 ? done() : fail(new Error('empty answer'))));
      });
      req.on('error', fail);
      req.end();
    });
  const viaGot = async () => {
    const response = await http(url);
    if (response.body.length === 0) throw new Error('empty answer');
  };
  // Warm both up (JIT, sockets), then measure.
  await inFlight(100, 8, viaGot);
  await inFlight(100, 8, viaNode);
  let start = process.cpuUsage();
  await inFlight(requests, 8, viaGot);
  const gotCpu = cpuUs(start);
  start = process.cpuUsage();
  await inFlight(requests, 8, viaNode);
  const nodeCpu = cpuUs(start);
  agent.destroy();
  return { requests, gotCpuUs: gotCpu / requests, nodeHttpCpuUs: nodeCpu / requests };
}
