/**
 * What the agreement tests of the parser seam (src/tracking-plan/parse-yaml.ts) share: its js-yaml
 * route (js-yaml-route.ts) against the reference (`yaml`). Whenever the js-yaml route gives data,
 * `yaml` accepts the same text and gives deeply equal data, the same positions and the same scalar
 * texts; and the loader's result (plan, issues, every position) does not depend on the route
 * (TPSYNC_YAML_PARSER=yaml). TPSYNC_FUZZ_RUNS raises the number of generated cases (CI runs the
 * default).
 */
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { parseDocument } from 'yaml';
import { loadPlanWithRules } from '../../src/rules/load-plan-with-rules.js';
import { readWithJsYaml } from '../../src/tracking-plan/js-yaml-route.js';
import { parseYamlSource, type YamlParser } from '../../src/tracking-plan/parse-yaml.js';
import type { PlanFileInput } from '../../src/tracking-plan/plan-file-input.js';
import type { PathSegment, SourceFile } from '../../src/tracking-plan/source-file.js';

/** Generated cases per property; TPSYNC_FUZZ_RUNS raises it. */
export const RUNS = Number(process.env['TPSYNC_FUZZ_RUNS'] ?? 400);
/** `text` as UTF-8 bytes. */
export const encode = (text: string) => new TextEncoder().encode(text);

/** `yaml` with the loader's options: data, or the code of its first error. */
export function reference(text: string): { ok: true; data: unknown } | { ok: false; code: string } {
  const doc = parseDocument(text, { prettyErrors: false, merge: true, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) return { ok: false, code: doc.errors[0]?.code ?? 'error' };
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: 10_000 }) };
  } catch {
    return { ok: false, code: 'toJS' };
  }
}

/** Every path into plain data, collections and scalars alike. */
export function allPaths(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => allPaths(v, [...prefix, i])));
  if (value !== null && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => allPaths(v, [...prefix, k])));
  return here;
}

/** The contract, for one text: a doubt, or the same data, positions and scalar texts as `yaml`. */
export function expectAgreement(text: string): boolean {
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

/** The source of `text` as `parser` reads it; throws when it does not parse. */
export function sourceOf(text: string, parser: YamlParser): SourceFile {
  const parsed = parseYamlSource('plan.yaml', encode(text), parser);
  if (!parsed.ok) throw new Error(`expected a source: ${JSON.stringify(parsed.issues)}`);
  return parsed.source;
}

/** The loader's whole result (plan with its source positions, or the issues) by each route. */
export function expectSameLoad(files: readonly { path: string; text: string }[]): void {
  const input: PlanFileInput[] = files.map(({ path, text }) => ({ path, bytes: encode(text) }));
  const viaYaml = loadPlanWithRules(input, { parser: 'yaml' });
  const viaAuto = loadPlanWithRules(input, { parser: 'auto' });
  expect(JSON.parse(JSON.stringify(viaAuto))).toEqual(JSON.parse(JSON.stringify(viaYaml)));
}

/** A plan in many YAML styles: flow and block lists, quoted and plain scalars, comments, a folded plain scalar. */
export const PLAN = `version: 1
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
