/**
 * The workflows this repository runs and ships: every action they name is a Node 24 major pinned
 * by its full commit SHA with the version in a comment (a tag can be moved; a SHA cannot), every
 * checkout leaves no credentials behind for later steps, and Dependabot keeps both the pins and
 * the npm dependencies current. tpsync's own Action (`tpsync/tpsync@v0`) is what users pin.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/spawn-cli.js';

/** The first major of each action that runs on Node 24 (each action.yml's `runs.using: node24`). */
const NODE24_MAJOR: Record<string, number> = { 'actions/checkout': 5, 'actions/setup-node': 5 };

const dir = join(REPO_ROOT, '.github/workflows');
const names = [
  ...(await readdir(dir)).filter((name) => name.endsWith('.yml')),
  ...(await readdir(join(dir, 'examples'))).map((name) => `examples/${name}`),
];
const workflows = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

describe('the shipped workflows', () => {
  it('are the CI, release, publish and example workflows', () => {
    expect(names.sort()).toEqual([
      'ci.yml',
      'examples/drift-check.yml',
      'examples/tpsync-apply.yml',
      'examples/tpsync-plan.yml',
      'publish.yml',
      'release.yml',
    ]);
  });

  it('pin every action to a Node 24 major by full commit SHA, with the version in a comment', () => {
    for (const { name, text } of workflows) {
      for (const match of text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)) {
        const [, ref = '', rest = ''] = match;
        if (ref.startsWith('tpsync/tpsync@')) continue;
        const pinned = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40})$/.exec(ref);
        expect(pinned, `${name}: ${ref}`).not.toBeNull();
        const version = /^\s*#\s*v(\d+)\.\d+\.\d+\s*$/.exec(rest);
        expect(version, `${name}: ${ref} needs a "# vX.Y.Z" comment`).not.toBeNull();
        const action = pinned![1]!;
        expect(NODE24_MAJOR[action], `${name}: ${action} is not known to run on Node 24`).toBeDefined();
        expect(Number(version![1]), `${name}: ${action}`).toBeGreaterThanOrEqual(NODE24_MAJOR[action]!);
      }
    }
  });

  it('check out without leaving credentials for later steps', () => {
    let checkouts = 0;
    for (const { name, text } of workflows) {
      const workflow = parse(text) as { jobs: Record<string, { steps: Step[] }> };
      for (const job of Object.values(workflow.jobs))
        for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) {
          checkouts++;
          expect(step.with?.['persist-credentials'], name).toBe(false);
        }
    }
    expect(checkouts).toBe(6);
  });

  it('release binaries for four platforms with checksums, and publish to npm with provenance', () => {
    const release = workflows.find((w) => w.name === 'release.yml')!.text;
    for (const target of ['linux-x64', 'linux-arm64', 'darwin-arm64', 'windows-x64']) expect(release).toContain(`target: ${target}`);
    expect(release).toContain('npm run build:binary');
    expect(release).toContain('SHA256SUMS');
    const publish = parse(workflows.find((w) => w.name === 'publish.yml')!.text) as {
      jobs: { publish: { permissions: Record<string, string>; steps: { run?: string }[] } };
    };
    expect(publish.jobs.publish.permissions['id-token']).toBe('write');
    expect(publish.jobs.publish.steps.map((s) => s.run ?? '')).toContain('npm publish --provenance --access public');
  });

  it('come with Dependabot for the actions (examples included) and npm', async () => {
    const config = parse(await readFile(join(REPO_ROOT, '.github/dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; directory?: string; directories?: string[] }[];
    };
    const actions = config.updates.find((u) => u['package-ecosystem'] === 'github-actions');
    expect(actions?.directories).toEqual(['/', '/.github/workflows/examples']);
    expect(config.updates.find((u) => u['package-ecosystem'] === 'npm')?.directory).toBe('/');
  });
});
