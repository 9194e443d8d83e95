import { describe, expect, it } from 'vitest';
import { annotationCommand, neutraliseCommands } from '../../src/github/workflow-commands.js';

describe('workflow commands', () => {
  it("are formatted with the runner's escaping, so a message cannot start another command", () => {
    expect(annotationCommand('error', '50% done\n::add-mask::x', { title: 'a: b, c', file: 'plan.yaml', line: 3, col: 5 })).toBe(
      '::error title=a%3A b%2C c,file=plan.yaml,line=3,col=5::50%25 done%0A::add-mask::x',
    );
    expect(annotationCommand('warning', 'plain')).toBe('::warning::plain');
  });

  it('in user text are shown, never obeyed: a "::" opening a line and "##[" anywhere are broken', () => {
    const text = 'title\n::stop-commands::x\n  ::set-output name=a::b\nsee ##[set-output name=has-changes]false and a::b';
    const safe = neutraliseCommands(text);
    expect(safe.replace(/\u200b/g, '')).toBe(text);
    for (const line of safe.split('\n')) {
      expect(line.trimStart().startsWith('::')).toBe(false);
      expect(line).not.toContain('##[');
    }
    expect(safe).toContain('a::b');
    expect(neutraliseCommands('nothing here')).toBe('nothing here');
  });
});
