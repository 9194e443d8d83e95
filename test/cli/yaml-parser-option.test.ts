/**
 * TPSYNC_YAML_PARSER=yaml reads every plan file with the yaml library alone (the escape hatch of
 * src/tracking-plan/parse-yaml.ts): what a command says is the same either way; any other value
 * is refused by name rather than ignored.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-parser-'));
  await cp('tracking-plan.example', join(dir, 'plan'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('TPSYNC_YAML_PARSER', () => {
  it('=yaml validates a plan as the default does', async () => {
    const usual = await runCli(['validate', join(dir, 'plan')]);
    const viaYaml = await runCli(['validate', join(dir, 'plan')], { TPSYNC_YAML_PARSER: 'yaml' });
    expect(usual.code).toBe(0);
    expect(viaYaml).toEqual(usual);
  });

  it('=yaml reports the same problems at the same places', async () => {
    await writeFile(
      join(dir, 'plan', 'broken.yaml'),
      'categories:\n  - title: Broken\n    evnets: []\n  - title: Prices\n    events:\n      - title: Priced\n        properties:\n          - { title: tier, type: enum, enum: [1.50, "a,b"] }\n',
    );
    const usual = await runCli(['validate', join(dir, 'plan'), '--format', 'json']);
    const viaYaml = await runCli(['validate', join(dir, 'plan'), '--format', 'json'], { TPSYNC_YAML_PARSER: 'yaml' });
    expect(usual.code).toBe(1);
    expect(usual.stdout).toContain('evnets');
    expect(usual.stdout).toContain('a,b');
    expect(viaYaml).toEqual(usual);
  });

  it('refuses a value it does not know, naming the variable', async () => {
    const result = await runCli(['validate', join(dir, 'plan')], { TPSYNC_YAML_PARSER: 'js-yaml4' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TPSYNC_YAML_PARSER must be "yaml" or "auto", not "js-yaml4"');
  });
});
