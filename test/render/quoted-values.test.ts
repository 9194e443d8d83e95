import { describe, expect, it } from 'vitest';
import { cutQuotedValues, MAX_QUOTED_CHARS, quote } from '../../src/render/quoted-values.js';
import { codeSpan, escapeCell, escapeHtml, neutraliseReferences } from '../../src/render/markdown-text.js';

describe('quoted values in messages', () => {
  it('are cut to about 80 characters, whole escapes kept', () => {
    expect(quote('short')).toBe('"short"');
    const long = quote('x'.repeat(10_000));
    expect([...long]).toHaveLength(MAX_QUOTED_CHARS);
    expect(long.endsWith('…"')).toBe(true);
    // A cut never splits an escape: no lone backslash before the ellipsis.
    for (let n = 70; n < 90; n++) {
      const cut = quote(`${'a'.repeat(n)}\\"\n${'b'.repeat(100)}`);
      expect(cut).not.toMatch(/(^|[^\\])(\\\\)*\\…/);
      expect(cut).not.toMatch(/\\u[0-9a-f]{0,3}…/);
    }
  });

  it('are cut inside any message, the rest of it untouched', () => {
    const message = `unknown "type" ${JSON.stringify('y'.repeat(500))} in property "a"`;
    const cut = cutQuotedValues(message);
    expect(cut).toMatch(/^unknown "type" "y{77}…" in property "a"$/);
    expect(cutQuotedValues('short "ones" stay')).toBe('short "ones" stay');
  });
});

describe('user text in GitHub Markdown', () => {
  it('never mentions, references or links, and reads the same', () => {
    const text = '@octocat and @org/team, see #12, octo/repo#3, GH-7, https://github.com/o/r/issues/1 and www.example.com';
    const safe = neutraliseReferences(text);
    expect(safe.replace(/\u200b/g, '')).toBe(text);
    expect(safe).not.toMatch(/@[a-z]/i);
    expect(safe).not.toMatch(/#\d/);
    expect(safe).not.toMatch(/GH-\d/);
    expect(safe).not.toContain('://');
    expect(safe).not.toMatch(/www\./);
  });

  it('escapes HTML and table syntax, and code spans hold any backticks', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)> @a')).toBe('&lt;img src=x onerror=alert(1)&gt; @\u200ba');
    expect(escapeCell('a | b\n**c**')).toBe('a \\| b \\*\\*c\\*\\*');
    expect(codeSpan('a `b` c')).toBe('``a `b` c``');
    expect(codeSpan('`x')).toBe('`` `x ``');
  });
});
