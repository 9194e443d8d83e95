import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/check/read-lines.js';

async function* chunks(parts: readonly (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const part of parts) yield await Promise.resolve(part);
}

async function collect(parts: readonly (string | Uint8Array)[], maxLineLength?: number) {
  const seen: [number, string][] = [];
  const result = await readLines(
    chunks(parts),
    {
      line: (text, n) => seen.push([n, text]),
      overlongLine: (n) => seen.push([n, '<overlong>']),
      notUtf8Line: (n) => seen.push([n, '<not UTF-8>']),
    },
    maxLineLength === undefined ? {} : { maxLineLength },
  );
  return { seen, result };
}

describe('readLines', () => {
  it('splits lines across chunk boundaries, keeps multi-byte characters whole, and counts every line', async () => {
    const bytes = new TextEncoder().encode('{"a":"é€😀"}\r\n\nlast');
    // Cut inside the multi-byte characters and inside the CRLF.
    const parts = [bytes.slice(0, 7), bytes.slice(7, 9), bytes.slice(9, 15), bytes.slice(15, 16), bytes.slice(16)];
    expect((await collect(parts)).seen).toEqual([
      [1, '{"a":"é€😀"}'],
      [2, ''],
      [3, 'last'],
    ]);
  });

  it('drops a byte order mark at the start only, and adds no line for a final line break', async () => {
    const { seen, result } = await collect(['\ufeffa\n\ufeffb\n']);
    expect(seen).toEqual([
      [1, 'a'],
      [2, '\ufeffb'],
    ]);
    expect(result).toEqual({ lines: 2, aborted: false });
  });

  it('reports an overlong line without holding it, and carries on with the next', async () => {
    const { seen } = await collect(['short\n', 'x'.repeat(30), 'y'.repeat(30), 'z\nafter\n', 'w'.repeat(100)], 50);
    expect(seen).toEqual([
      [1, 'short'],
      [2, '<overlong>'],
      [3, 'after'],
      [4, '<overlong>'],
    ]);
  });

  it('reports a line whose bytes are not UTF-8, rather than hand it over repaired with U+FFFD', async () => {
    const text = (t: string) => new TextEncoder().encode(t);
    const bytes = Uint8Array.from([
      ...text('{"a":"ok"}\n{"a":"'),
      0xed,
      0xa0,
      0x80, // an encoded surrogate
      ...text('"}\n{"a":"é'),
      0xff,
      ...text('"}\n{"a":"\uFFFD real replacement character"}\nlast'),
      0xe2,
      0x82, // a character cut off by the end of the input
    ]);
    // Cut everywhere, also inside the bad sequences and a good one.
    for (const size of [1, 2, 3, 5, 64]) {
      const parts: Uint8Array[] = [];
      for (let at = 0; at < bytes.length; at += size) parts.push(bytes.slice(at, at + size));
      expect((await collect(parts)).seen, `chunks of ${size}`).toEqual([
        [1, '{"a":"ok"}'],
        [2, '<not UTF-8>'],
        [3, '<not UTF-8>'],
        [4, '{"a":"\uFFFD real replacement character"}'],
        [5, '<not UTF-8>'],
      ]);
    }
  });

  it('stops between chunks when aborted', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const result = await readLines(
      chunks(['a\nb\n', 'c\n']),
      {
        line: (_text, n) => {
          seen.push(n);
          controller.abort();
        },
        overlongLine: () => undefined,
        notUtf8Line: () => undefined,
      },
      { signal: controller.signal },
    );
    expect(result).toEqual({ lines: 2, aborted: true });
    expect(seen).toEqual([1, 2]);
  });
});
