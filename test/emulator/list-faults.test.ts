/**
 * The emulator's faults of lists and text: shifted pages, lying envelopes, unordered lists and
 * text trimmed on save — seeded, and from their own random stream.
 */
import { describe, it, expect } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { Io } from '../../src/cli/io.js';
import { FaultInjector } from '../../src/emulator/faults.js';
import { LYING_TOTAL_PAGES } from '../../src/emulator/pagination.js';
import type { RunningEmulator } from '../../src/emulator/server.js';
import { api, INTEGRATION, startTestEmulator, type ReplyBody } from './emulator-client.js';

function seed(emulator: RunningEmulator, n: number): string[] {
  return Array.from({ length: n }, (_, i) => emulator.store.insert('event_category', { title: `C${i}`, integration: INTEGRATION }).id);
}

async function pages(emulator: RunningEmulator, count: number): Promise<ReplyBody[]> {
  const out: ReplyBody[] = [];
  for (let n = 1; n <= count; n++) out.push((await api(emulator).get(`/event/category?page=${n}`)).body);
  return out;
}

describe('list faults', () => {
  it('unordered lists: every page request sees a new row order, the same for the same seed', async () => {
    const read = async (faultSeed: number) => {
      const emulator = await startTestEmulator({ seed: faultSeed, unorderedLists: true });
      const ids = seed(emulator, 120);
      const first = await pages(emulator, 3);
      const again = await pages(emulator, 3);
      return {
        ids,
        first: first.flatMap((p) => p.results.map((r) => r.id)),
        again: again.flatMap((p) => p.results.map((r) => r.id)),
        envelope: first[0]!,
      };
    };
    const a = await read(11);
    // The envelope tells the truth; only the order moves, so pages overlap and miss rows.
    expect(a.envelope).toMatchObject({ count: 120, total_pages: 3 });
    expect(a.first).toHaveLength(120);
    expect(new Set(a.first).size).toBeLessThan(120);
    expect(a.first).not.toEqual(a.again);
    expect(a.first.every((id) => a.ids.includes(id))).toBe(true);
    // Seeded: the same seed and requests give the same orders (ids differ per run, so compare positions).
    const b = await read(11);
    expect(a.first.map((id) => a.ids.indexOf(id))).toEqual(b.first.map((id) => b.ids.indexOf(id)));
  });

  it('shifted pages: a later page is served a row or two off, as if rows moved between requests; the count stays', async () => {
    const emulator = await startTestEmulator({ seed: 3, shiftPagesRate: 1 });
    const ids = seed(emulator, 120);
    const [first, second] = await pages(emulator, 2);
    expect(first!.results.map((r) => r.id)).toEqual(ids.slice(0, 50));
    const start = ids.indexOf(second!.results[0]!.id);
    expect([48, 49, 51, 52]).toContain(start);
    expect(second!.count).toBe(120);
    expect(emulator.log.entries.filter((e) => e.fault === 'shifted-page')).toHaveLength(1);
  });

  it('lying envelopes: a count off by one to three, total_pages 40,000, or a next_page that is wrong', async () => {
    const emulator = await startTestEmulator({ seed: 5, lyingEnvelopeRate: 1 });
    seed(emulator, 120);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const body = (await api(emulator).get('/event/category?page=3')).body;
      if (body.count !== 120) {
        expect(Math.abs(body.count - 120)).toBeLessThanOrEqual(3);
        seen.add('count');
      } else if (body.total_pages === LYING_TOTAL_PAGES) seen.add('total-pages');
      else if (body.meta.next_page === 4) {
        expect(body.links.next).toMatch(/page=4$/);
        seen.add('next-page');
      }
      // The rows themselves are always right.
      expect(body.results).toHaveLength(20);
    }
    expect(seen).toEqual(new Set(['count', 'total-pages', 'next-page']));
    expect(emulator.log.entries.every((e) => e.fault === 'lying-envelope')).toBe(true);
  });

  it('list faults draw from their own stream: the other faults fire as they did without them', () => {
    const plain = new FaultInjector({ seed: 9, failBeforeRate: 0.3 });
    const mixed = new FaultInjector({ seed: 9, failBeforeRate: 0.3, shiftPagesRate: 0.5, unorderedLists: true });
    const decisions = (injector: FaultInjector) =>
      Array.from({ length: 50 }, (_, i) => {
        if (i % 3 === 0) injector.decideList(2);
        return injector.decide('GET');
      });
    expect(decisions(mixed)).toEqual(decisions(plain));
  });

  it('trimTextOnSave: creates and patches store description and definition trimmed, with \\n line endings', async () => {
    const emulator = await startTestEmulator({ trimTextOnSave: true });
    const category = emulator.store.insert('event_category', { title: 'C', integration: INTEGRATION });
    const created = await api(emulator).post('/event/events', {
      title: 'E',
      integration: INTEGRATION,
      parent: category.id,
      description: '  Shown.  ',
      definition: 'Line one.\r\nLine two.\n\n',
    });
    expect(created.body).toMatchObject({ description: 'Shown.', definition: 'Line one.\nLine two.' });
    const patched = await api(emulator).patch(`/event/events/${created.body.id}`, { definition: 'Again.\n' });
    expect(patched.body.definition).toBe('Again.');
  });

  it('are options of `tpsync emulator`, described when it starts', async () => {
    const controller = new AbortController();
    const out = { text: '' };
    const io: Io = {
      stdout: { write: (text: string) => (out.text += text) },
      stderr: { write: () => true },
      env: { NO_COLOR: '1' },
      signal: controller.signal,
    };
    const running = run(
      [
        'emulator',
        '--port',
        '0',
        '--seed',
        '4',
        '--shift-pages-rate',
        '0.2',
        '--lying-envelope-rate',
        '0.1',
        '--unordered-lists',
        '--trim-text-on-save',
      ],
      io,
    );
    while (!out.text.includes('Press Ctrl-C')) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(out.text).toContain('Faults: shifted pages 20%, lying envelopes 10%, unordered lists (seed 4; pass --seed 4 to repeat)');
    expect(out.text).toContain('Text is trimmed on save');
    controller.abort('SIGINT');
    expect(await running).toBe(130);
    const err = { text: '' };
    const bad: Io = { stdout: { write: () => true }, stderr: { write: (text: string) => (err.text += text) }, env: {} };
    expect(await run(['emulator', '--shift-pages-rate', '1.5'], bad)).toBe(1);
    expect(err.text).toContain('--shift-pages-rate must be a number from 0 to 1');
  });
});
