// `node --import ./test/support/record-imports.mjs …`: on exit, prints to stderr the packages
// (from node_modules) that the process loaded, as `LOADED: a b c`. Used by
// test/cli/lazy-imports.test.ts to check that a command loads only what it needs.
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on('message', (url) => seen.add(url));
port1.unref();
register('./record-imports-hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
process.on('exit', () => {
  const packages = new Set([...seen].map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]).filter(Boolean));
  process.stderr.write(`LOADED: ${[...packages].sort().join(' ')}\n`);
});
