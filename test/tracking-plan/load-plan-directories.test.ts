// Plans spread over several files: merged, with the header in exactly one.
import { describe, expect, it } from 'vitest';
import { loadTrackingPlan } from '../../src/tracking-plan/load-plan.js';
import { HEADER, INTEGRATION, file } from './load-plan-input.js';

describe('loadTrackingPlan: directories of files', () => {
  it('merges files; exactly one holds version and integration', () => {
    const result = loadTrackingPlan([
      file('plan/tracking-plan.yaml', HEADER),
      file('plan/checkout.yaml', 'categories:\n  - title: Checkout\n    events:\n      - title: Order Completed\n'),
      file('plan/landing.yaml', 'categories:\n  - title: Landing\n'),
    ]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.plan.integration).toBe(INTEGRATION);
      expect(result.plan.categories.map((c) => c.title)).toEqual(['Checkout', 'Landing']);
      expect(result.plan.categories[0]?.source?.file).toBe('plan/checkout.yaml');
    }
  });

  it('refuses a category defined in two files, pointing at both', () => {
    const result = loadTrackingPlan([
      file('plan/a.yaml', `${HEADER}categories:\n  - title: Checkout\n`),
      file('plan/b.yaml', 'categories:\n  - title: checkout\n'),
    ]);
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({
        file: 'plan/b.yaml',
        line: 2,
        column: 12,
        code: 'duplicate-category',
        message: expect.stringContaining('plan/a.yaml:4:12'),
      }),
    ]);
  });

  it('refuses integration set in two files', () => {
    const result = loadTrackingPlan([file('plan/a.yaml', HEADER), file('plan/b.yaml', HEADER)]);
    expect(!result.ok && result.issues.map((i) => [i.file, i.line, i.code])).toEqual([
      ['plan/b.yaml', 1, 'duplicate-header'],
      ['plan/b.yaml', 2, 'duplicate-header'],
    ]);
  });

  it('refuses a plan where no file holds the header', () => {
    const result = loadTrackingPlan([file('plan/a.yaml', 'categories: []\n'), file('plan/b.yaml', 'categories: []\n')]);
    expect(!result.ok && result.issues).toEqual([
      expect.objectContaining({ file: 'plan/a.yaml', code: 'missing-header', message: '"version" and "integration" are missing' }),
    ]);
  });

  it('reports problems of every file in one run', () => {
    const result = loadTrackingPlan([
      file('plan/a.yaml', `${HEADER}categories:\n  - titel: X\n`),
      file('plan/b.yaml', 'categories:\n  - title: Y\n    evnts: []\n'),
    ]);
    expect(!result.ok && result.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.code}`)).toEqual([
      'plan/a.yaml:4:5 missing-key',
      'plan/a.yaml:4:5 unknown-key',
      'plan/b.yaml:3:5 unknown-key',
    ]);
  });
});
