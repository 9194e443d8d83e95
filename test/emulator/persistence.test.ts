import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { DataFileError, writeFileAtomic } from '../../src/emulator/persistence.js';
import { startEmulator } from '../../src/emulator/server.js';
import { api, createTree, INTEGRATION, startTestEmulator } from './emulator-client.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'tpsync-emulator-'));
interface SavedFile {
  resources: { id: string; title: unknown }[];
}
const readJson = async (file: string): Promise<SavedFile> => JSON.parse(await readFile(file, 'utf8')) as SavedFile;

describe('data file', () => {
  it('round-trips: a restarted emulator serves exactly what the first one stored', async () => {
    const dataFile = join(await tempDir(), 'data.json');
    const first = await startTestEmulator({ dataFile });
    const { category, event, property } = await createTree(first);
    await api(first).patch(`/event/events/${event.id}`, { tags: ['t1'], verified: true });
    const before = await Promise.all(
      [`/event/category/${category.id}`, `/event/events/${event.id}`, `/event/event_properties/${property.id}`].map(
        async (p) => (await api(first).get(p)).body,
      ),
    );
    await first.close();

    const second = await startTestEmulator({ dataFile });
    const after = await Promise.all(
      [`/event/category/${category.id}`, `/event/events/${event.id}`, `/event/event_properties/${property.id}`].map(
        async (p) => (await api(second).get(p)).body,
      ),
    );
    expect(after).toEqual(before);
    // New resources still sort after the loaded ones.
    const later = (await api(second).post('/event/category', { title: 'Later', integration: INTEGRATION })).body;
    expect(later.created_at > property.created_at).toBe(true);
  });

  it('creates the file at start and saves changes shortly after a write, without waiting for close', async () => {
    const dataFile = join(await tempDir(), 'nested', 'data.json');
    const emulator = await startTestEmulator({ dataFile });
    expect((await readJson(dataFile)).resources).toEqual([]);
    const created = (await api(emulator).post('/event/category', { title: 'Saved', integration: INTEGRATION })).body;
    // Saved while the emulator still runs (no close, no flush): read until it is there, however
    // long a loaded machine takes — a timing bound here would only measure the machine.
    let saved: SavedFile['resources'] = [];
    while (saved.length === 0) {
      saved = (await readJson(dataFile)).resources;
      if (saved.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(saved.map((r) => r.id)).toEqual([created.id]);
  });

  it('flushes on close: a write just before close is in the file', async () => {
    const dataFile = join(await tempDir(), 'data.json');
    const emulator = await startEmulator({ dataFile });
    emulator.store.insert('event_category', { title: 'Last Minute', integration: INTEGRATION });
    await emulator.close();
    expect((await readJson(dataFile)).resources.map((r) => r.title)).toEqual(['Last Minute']);
  });

  it('never exposes a half-written file while saving, and leaves no temp files behind', async () => {
    const dir = await tempDir();
    const dataFile = join(dir, 'data.json');
    const emulator = await startTestEmulator({ dataFile });
    let reading = true;
    let reads = 0;
    const reader = (async () => {
      while (reading) {
        JSON.parse(await readFile(dataFile, 'utf8')); // throws on a torn write
        reads++;
      }
    })();
    // Big enough that a non-atomic write would be caught part-way.
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          api(emulator).post('/event/category', {
            title: `C${batch}-${i}`,
            integration: INTEGRATION,
            teams: Array.from({ length: 20 }, (_, t) => `team-${t}`),
          }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await emulator.close();
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(10);
    expect((await readJson(dataFile)).resources).toHaveLength(400);
    expect(await readdir(dir)).toEqual(['data.json']);
  });

  it('writes by rename: the file is replaced, not rewritten in place', async () => {
    const file = join(await tempDir(), 'x.json');
    await writeFileAtomic(file, '{"a":1}');
    const before = await stat(file);
    await writeFileAtomic(file, '{"a":2}');
    expect((await stat(file)).ino).not.toBe(before.ino);
    expect(await readJson(file)).toEqual({ a: 2 });
  });

  it('refuses to start on a corrupt data file and leaves it untouched', async () => {
    const dataFile = join(await tempDir(), 'data.json');
    await writeFile(dataFile, '{"format": "tpsync-emulator", "resources": [');
    await expect(startEmulator({ dataFile })).rejects.toThrow(DataFileError);
    await writeFile(
      dataFile,
      JSON.stringify({ format: 'tpsync-emulator', resources: [{ kind: 'event', id: 'x', title: 3, created_at: '2024-01-01T00:00:00Z' }] }),
    );
    await expect(startEmulator({ dataFile })).rejects.toThrow(/resources\[0\]\.title/);
    expect(await readJson(dataFile)).toMatchObject({ resources: [{ title: 3 }] });
  });
});
