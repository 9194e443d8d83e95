// The loader's whole result (plan, issues, every position) does not depend on the parser route
// (TPSYNC_YAML_PARSER=yaml): checked on valid plans, mutated plans and errors across files.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { generatePlan, planToYamlFiles } from '../../bench/generate-plan.js';
import { PLAN, RUNS, expectSameLoad } from './yaml-agreement.js';

describe('the loader gives the same result by either route', () => {
  it('for a valid plan in several files', () => {
    const files = planToYamlFiles(generatePlan({ categories: 3, events: 12, properties: 60 })).map((f) => ({
      path: f.path,
      text: new TextDecoder().decode(f.bytes),
    }));
    expectSameLoad(files);
    expectSameLoad([{ path: 'plan.yaml', text: PLAN }]);
  });

  it('for mutated plans: the same issues at the same places, or the same plan', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 4 }),
      insert: fc.constantFrom(
        '',
        ':',
        '- ',
        '"',
        '[',
        '#',
        'titel',
        'enum',
        'type: str',
        '\n  ',
        'NO',
        '1.50',
        ', red',
        '\n      - title: Page Viewed',
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = PLAN;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        expectSameLoad([{ path: 'plan.yaml', text }]);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('for errors across files (headers, categories defined twice)', () => {
    expectSameLoad([
      { path: 'a.yaml', text: 'version: 1\ncategories:\n  - title: A\n' },
      { path: 'b.yaml', text: 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\ncategories:\n  - title: a\n' },
    ]);
    expectSameLoad([{ path: 'a.yaml', text: 'categories:\n  - title: A\n' }]);
  });
});
