/**
 * The emulator in a child process, driven over IPC by emulator-child-process.ts: the server
 * gets its own event loop (and core), so its work does not delay the client being measured.
 *
 *   fork('dist/bench/emulator-child.js', [JSON settings])
 */
import { startEmulator, type RunningEmulator } from '../src/emulator/server.js';
import { BENCH_TOKEN, clearLog, resetStore, settingsToOptions, summarise } from './emulator-in-process.js';
import type { ChildHello, ChildReply, ChildRequest, EmulatorSettings } from './emulator-protocol.js';

function send(message: ChildHello | ChildReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as EmulatorSettings;
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ token: BENCH_TOKEN, ...settingsToOptions(settings) });
  } catch (error) {
    send({ ready: false, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  process.on('message', (raw: ChildRequest) => {
    try {
      switch (raw.op) {
        case 'reset':
          resetStore(emulator, raw.resources);
          send({ id: raw.id, ok: true });
          break;
        case 'configure':
          emulator.configure(settingsToOptions(raw.settings));
          send({ id: raw.id, ok: true });
          break;
        case 'clearLog':
          clearLog(emulator);
          send({ id: raw.id, ok: true });
          break;
        case 'requests':
          send({ id: raw.id, ok: true, value: summarise(emulator) });
          break;
      }
    } catch (error) {
      send({ id: raw.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The parent going away (or closing the channel) ends the child.
  process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
  send({ ready: true, url: emulator.url });
}

await main();
