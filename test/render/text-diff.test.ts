import { describe, expect, it } from 'vitest';
import { diffText, type DiffLine } from '../../src/render/text-diff.js';

const show = (lines: readonly DiffLine[] | undefined) =>
  (lines ?? []).map((l) => `${{ removed: '-', added: '+', context: ' ', gap: '~' }[l.kind]}${l.text}`);

const words = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `word${i + from}`).join(' ');

describe('diffText', () => {
  it('leaves short single-line values to the short form', () => {
    expect(diffText('Old words.', 'New words.')).toBeNull();
    expect(diffText(null, 'A description.')).toBeNull();
    expect(diffText('x'.repeat(150), 'y'.repeat(150))).toBeNull();
  });

  it('shows a window around a change past the 160th character, the same context on both sides', () => {
    const before = `${words(40)} the red button ${words(40, 100)}`;
    const after = before.replace('red', 'green');
    const diff = diffText(before, after);
    expect(diff?.form).toBe('window');
    expect(show(diff?.lines)).toEqual([
      '-…word34 word35 word36 word37 word38 word39 the red button word100 word101 word102 word103 word104…',
      '+…word34 word35 word36 word37 word38 word39 the green button word100 word101 word102 word103 word104…',
    ]);
  });

  it('a change at either end has no ellipsis on that side', () => {
    const long = words(60);
    expect(show(diffText(`Start ${long}`, `Begin ${long}`)?.lines)).toEqual([
      '-Start word0 word1 word2 word3 word4 word5 word6…',
      '+Begin word0 word1 word2 word3 word4 word5 word6…',
    ]);
    expect(show(diffText(`${long} end.`, `${long} finish.`)?.lines)).toEqual([
      '-…word54 word55 word56 word57 word58 word59 end.',
      '+…word54 word55 word56 word57 word58 word59 finish.',
    ]);
  });

  it('two changes far apart are two windows; close ones share one', () => {
    const base = words(80).split(' ');
    const far = [...base];
    far[5] = 'FIVE';
    far[70] = 'SEVENTY';
    const lines = show(diffText(base.join(' '), far.join(' '))?.lines);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('word5 ');
    expect(lines[1]).toContain('FIVE ');
    expect(lines[2]).toContain(' word70 ');
    expect(lines[3]).toContain(' SEVENTY ');
    const near = [...base];
    near[40] = 'FORTY';
    near[43] = 'FORTY-THREE';
    const one = show(diffText(base.join(' '), near.join(' '))?.lines);
    expect(one).toHaveLength(2);
    expect(one[1]).toMatch(/FORTY word41 word42 FORTY-THREE/);
  });

  it('multi-line text: a line diff with two lines of context, unchanged runs folded', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const changed = [...lines];
    changed[9] = 'line ten';
    changed.splice(15, 0, 'a new line');
    const diff = diffText(lines.join('\n'), `${changed.join('\n')}\n`);
    expect(diff?.form).toBe('lines');
    expect(show(diff?.lines)).toEqual([
      '~… 7 unchanged lines',
      ' line 8',
      ' line 9',
      '-line 10',
      '+line ten',
      ' line 11',
      ' line 12',
      ' line 13',
      ' line 14',
      ' line 15',
      '+a new line',
      ' line 16',
      ' line 17',
      '~… 3 unchanged lines',
    ]);
  });

  it('a text that gains its first line break, or loses all of it, is a line diff', () => {
    expect(show(diffText('One line.', 'One line.\nTwo lines.')?.lines)).toEqual([' One line.', '+Two lines.']);
    expect(show(diffText(null, 'a\nb')?.lines)).toEqual(['+a', '+b']);
    expect(show(diffText('a\nb', '')?.lines)).toEqual(['-a', '-b']);
  });

  it('line endings and surrounding white space are not changes', () => {
    expect(show(diffText('a\r\nb\r\nc\n', 'a\nB\nc')?.lines)).toEqual([' a', '-b', '+B', ' c']);
  });

  it('never sends a control character raw, nor splits a character', () => {
    const before = `${'é'.repeat(100)} \u001b[31mred ${'日本語'.repeat(30)}`;
    const after = before.replace('red', 'rot');
    const lines = show(diffText(before, after)?.lines);
    expect(lines.join('')).not.toContain('\u001b');
    expect(lines[0]).toContain('\\u001b[31mred');
    expect(lines.join('')).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('shows a long rewritten stretch by its ends, and unrelated huge texts cheaply', () => {
    const before = 'a '.repeat(50_000);
    const after = 'b '.repeat(50_000);
    const lines = show(diffText(before, after)?.lines);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^-a a .*\[… [\d,]+ more characters …\].* a$/);
    expect(lines[1]).toMatch(/^\+b b .*\[… [\d,]+ more characters …\].* b$/);
    expect(lines[0]!.length).toBeLessThan(700);
  });
});
