// Files that are not plans: empty, not UTF-8, and YAML whose anchors, aliases and merge keys would
// expand without bound.
import { describe, expect, it } from 'vitest';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import { HEADER, INTEGRATION, issuesOf, load } from './load-plan-input.js';

describe('loadTrackingPlan: files that are not plans', () => {
  it('an empty file', () => {
    expect(issuesOf('')).toEqual([expect.objectContaining({ line: 1, column: 1, code: 'empty-file', message: 'the file is empty' })]);
  });

  it('a file with only comments', () => {
    expect(issuesOf('# nothing yet\n')).toEqual([expect.objectContaining({ code: 'empty-file' })]);
  });

  it('a file that is not UTF-8 names the line of the bad byte', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode(`${HEADER}categories:\n  - title: Caf`), 0xe9, 0x0a]);
    const result = loadTrackingPlan([{ path: 'latin1.yaml', bytes }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([expect.objectContaining({ line: 4, column: 15, code: 'encoding' })]);
  });

  it('a UTF-16 file', () => {
    const result = loadTrackingPlan([{ path: 'utf16.yaml', bytes: Uint8Array.from([0xff, 0xfe, 0x76, 0x00]) }]);
    expect(!result.ok && result.issues[0]?.message).toContain('UTF-16');
  });

  it('a YAML bomb is refused without expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    // Expanded, this document would hold 9^9 (387 million) nodes: getting an answer at all shows it was not.
    // It is refused at the alias where what the aliases produced passes the bound: the sixth `*d`.
    const issues = issuesOf(lines.join('\n') + '\n');
    expect(issues).toEqual([expect.objectContaining({ code: 'alias-bomb', line: 5, column: 23 })]);
  });

  it('an alias inside the node its anchor names is refused where it stands, not followed for ever', () => {
    // yaml makes such data hold itself: every later check would recurse until the stack ran out.
    expect(issuesOf('x: &a [ *a ]\n')).toEqual([expect.objectContaining({ code: 'alias-cycle', line: 1, column: 9 })]);
    const nested = `${HEADER}categories:\n  - &c\n    title: A\n    events:\n      - title: E\n        properties: [*c]\n`;
    expect(issuesOf(nested)).toEqual([expect.objectContaining({ code: 'alias-cycle' })]);
    // An alias used beside its anchor, not inside it, is only a repeat.
    const shared = `${HEADER}categories:\n  - title: A\n    teams: &t [${INTEGRATION}]\n  - title: B\n    teams: *t\n`;
    expect(load(shared).ok).toBe(true);
  });

  it('what aliases produce is bounded, not how many there are: 25 aliases of a 2,000-item list pass 50,000 nodes', () => {
    const teams = Array.from({ length: 2000 }, (_, i) => `t${i}`).join(', ');
    const uses = Array.from({ length: 30 }, (_, i) => `  - title: C${i}\n    teams: *t\n`).join('');
    // Each `*t` stands for 2,001 nodes: the 25th passes 50,000, at its own line (C24's teams: 7 + 2 × 24).
    expect(issuesOf(`${HEADER}categories:\n  - title: A\n    teams: &t [${teams}]\n${uses}`)).toEqual([
      expect.objectContaining({ code: 'alias-bomb', line: 55, column: 12, message: expect.stringContaining('more than 50,000 nodes') }),
    ]);
    // Thousands of aliases that stand for little are fine.
    const events = Array.from({ length: 3000 }, (_, i) => `      - title: E${i}\n        description: *d\n`).join('');
    const many = load(
      `${HEADER}categories:\n  - title: A\n    events:\n      - title: Base\n        description: &d Shared text\n${events}`,
    );
    expect(many.ok).toBe(true);
  });

  it('more than 5,000 anchors and aliases are refused at the first one past the bound', () => {
    const events = Array.from({ length: 5001 }, (_, i) => `      - &e${i} { title: E${i} }\n`).join('');
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    events:\n${events}      - *e1\n`);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'alias-bomb',
        line: 6 + 5000,
        column: 16,
        message: expect.stringContaining('more than 5,000 YAML anchors and aliases'),
      }),
    ]);
  });

  it('a merge key into its own mapping is refused where it stands, not with a stack overflow', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - &c\n    title: A\n    <<: *c\n`);
    expect(issues).toEqual([expect.objectContaining({ code: 'alias-cycle', line: 6, column: 9 })]);
    expect(issues[0]?.message).toBe('this merge key (`<<`) merges the mapping that holds it, so the data would never end');
    expect(issues[0]?.hint).toContain('merge a mapping anchored outside this one');
    // Through a list of merge sources, and from a nested mapping, too.
    expect(issuesOf(`${HEADER}categories:\n  - &c\n    title: A\n    events:\n      - title: E\n        <<: [*c]\n`)).toEqual([
      expect.objectContaining({ code: 'alias-cycle', line: 8, column: 14 }),
    ]);
  });

  it('a merge key whose value is not a mapping is refused at the value', () => {
    const issues = issuesOf(`${HEADER}categories:\n  - title: A\n    <<: 5\n`);
    expect(issues).toEqual([expect.objectContaining({ code: 'yaml-merge', line: 5, column: 9 })]);
  });

  it('aliases and merge keys that expand into each other are bounded too ("billion laughs" of merges)', () => {
    const lines = ['x0: &m0 {a: 1, b: 2}'];
    for (let i = 1; i <= 25; i++) lines.push(`x${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: 1}`);
    // Each level merges the one before twice: 2^25 copies, were they made.
    expect(issuesOf(`${lines.join('\n')}\n`)).toEqual([expect.objectContaining({ code: 'alias-bomb' })]);
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    const result = load(`\uFEFF${HEADER}`);
    expect(result.ok).toBe(true);
  });
});
