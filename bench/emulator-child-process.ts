/** Starts emulator-child.ts with fork() and speaks to it over the IPC channel. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_TOKEN } from './emulator-in-process.js';
import type { BenchEmulator, ChildHello, ChildReply, ChildRequest, EmulatorSettings, RequestSummary } from './emulator-protocol.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type RequestBody = ChildRequest extends infer R ? (R extends ChildRequest ? Omit<R, 'id'> : never) : never;

export async function startChildEmulator(settings: EmulatorSettings): Promise<BenchEmulator> {
  const entry = join(dirname(fileURLToPath(import.meta.url)), 'emulator-child.js');
  const child: ChildProcess = fork(entry, [JSON.stringify(settings)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    // For profiling the server side: TPSYNC_BENCH_EMULATOR_ARGS="--cpu-prof --cpu-prof-dir=prof".
    execArgv: (process.env['TPSYNC_BENCH_EMULATOR_ARGS'] ?? '').split(' ').filter((arg) => arg !== ''),
  });
  const [hello] = (await once(child, 'message')) as [ChildHello];
  if (!hello.ready) {
    child.kill();
    throw new Error(`the emulator child did not start: ${hello.error}`);
  }

  let nextId = 1;
  const pending = new Map<number, Pending>();
  child.on('message', (reply: ChildReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(reply.error));
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`the emulator child exited (${code ?? 'signal'})`));
    pending.clear();
  });
  const call = (request: RequestBody): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const message: ChildRequest = { ...request, id };
      child.send(message);
    });

  return {
    url: hello.url,
    token: BENCH_TOKEN,
    where: 'child process',
    reset: async (resources) => void (await call({ op: 'reset', resources })),
    configure: async (changes) => void (await call({ op: 'configure', settings: changes })),
    clearLog: async () => void (await call({ op: 'clearLog' })),
    requests: async () => (await call({ op: 'requests' })) as RequestSummary,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      await exited;
    },
  };
}
