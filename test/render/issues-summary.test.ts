import { describe, expect, it } from 'vitest';
import { issuesSummary, renderIssuesText } from '../../src/render/issues.js';
import { plain } from '../../src/style.js';
import type { Issue } from '../../src/errors.js';

const issue = (file: string, line: number, level?: 'warning'): Issue => ({
  file,
  line,
  column: line > 0 ? 1 : 0,
  code: 'x',
  message: 'm',
  ...(level === undefined ? {} : { level }),
});

describe('the count under the issues adds up to the lines above it', () => {
  it.each([
    [[issue('a.yaml', 1)], '1 problem in 1 file.'],
    [[issue('a.yaml', 1), issue('a.yaml', 2), issue('b.yaml', 3)], '3 problems in 2 files.'],
    [[issue('a.yaml', 1), issue('b.yaml', 2, 'warning')], '1 error and 1 warning in 2 files.'],
    [[issue('a.yaml', 1, 'warning'), issue('a.yaml', 4, 'warning')], '2 warnings in 1 file.'],
    // An issue about the plan's path itself (an empty directory) is in no file.
    [[issue('empty-dir', 0)], '1 problem.'],
    [[issue('plan', 0), issue('plan/a.yaml', 3), issue('plan/b.yaml', 5)], "3 problems (2 in 2 files, 1 about the plan's path)."],
  ])('%#', (issues, summary) => {
    expect(issuesSummary(issues, plain)).toBe(summary);
    const text = renderIssuesText(issues, plain);
    expect(text.split('\n').filter((line) => / {2}(error|warning) {2}/.test(line))).toHaveLength(issues.length);
  });
});
