// The js-yaml route against `yaml` (yaml-agreement.ts) on generated cases: text mutations of a plan
// and generated documents in every style yaml writes. TPSYNC_FUZZ_RUNS raises the number of runs.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { stringify } from 'yaml';
import { PLAN, RUNS, expectAgreement } from './yaml-agreement.js';

describe('the js-yaml route agrees with yaml', () => {
  it('for text mutations of a plan', () => {
    const pieces = [
      '',
      ':',
      ': ',
      '- ',
      '-',
      ' ',
      '  ',
      '\n',
      '\n  ',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '#',
      ' #',
      '|',
      '|-',
      '>',
      '\\',
      '~',
      'null',
      'NO',
      '1.10',
      '0x1F',
      '.inf',
      '1e3',
      'True',
      '?',
      '@',
      '*',
      '&',
      '!',
      '<<',
      '---',
      'é',
      'a: b',
      '\n- ',
      '\n  k: v',
    ];
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 6 }), insert: fc.constantFrom(...pieces) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = PLAN;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        expectAgreement(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('for generated documents in every style yaml writes, lightly edited', () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constantFrom(
        'NO',
        'yes',
        '1.10',
        '1.50',
        '007',
        '0x1F',
        '2024-01-01',
        '.inf',
        'null',
        '~',
        'True',
        '-0',
        'a: b',
        'a #b',
        '- x',
        '[x]',
        "'q'",
        'a\nb',
        ' lead',
        '#x',
        '? x',
        'x:',
        '---',
        '\\',
      ),
    );
    const key = fc.oneof(
      fc.constantFrom('title', 'type', 'enum', 'events', 'properties', 'a b', '1', 'true', 'null', '', '-', '? q'),
      fc.string({ maxLength: 6 }),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('tree'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
    }));
    const options = fc.record({
      indent: fc.constantFrom(2, 3, 4),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 10, 20, 80),
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
    } as const);
    const edit = fc.record({ line: fc.nat(), kind: fc.constantFrom('indent+', 'indent-', 'comment', 'blank', 'trailing-comment', 'wrap') });
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), options, fc.array(edit, { maxLength: 3 }), (data, o, edits) => {
        const lines = stringify(data, o).split('\n');
        for (const e of edits) {
          const i = e.line % lines.length;
          const line = lines[i] ?? '';
          if (e.kind === 'indent+') lines[i] = ` ${line}`;
          else if (e.kind === 'indent-') lines[i] = line.replace(/^ /, '');
          else if (e.kind === 'comment') lines.splice(i, 0, `${' '.repeat(e.line % 7)}# c`);
          else if (e.kind === 'blank') lines.splice(i, 0, '');
          else if (e.kind === 'trailing-comment') lines[i] = `${line} # t`;
          else {
            const k = line.indexOf(' ', Math.floor(line.length / 2));
            if (k > 0) lines.splice(i, 1, line.slice(0, k), ' '.repeat(e.line % 9) + line.slice(k + 1));
          }
        }
        expectAgreement(lines.join('\n'));
      }),
      { numRuns: RUNS },
    );
  });
});
