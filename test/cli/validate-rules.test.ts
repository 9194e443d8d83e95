/**
 * `tpsync validate` with governance rules, as a user runs it: the command line (in process), real
 * files, a git repository made here for `--baseline`, and GitHub Actions' annotations.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const run = promisify(execFile);
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};
const git = (cwd: string, ...args: string[]) => run('git', ['-c', 'commit.gpgsign=false', ...args], { cwd, env: GIT_ENV });

const HEADER = 'version: 1\nintegration: ca529385-fbc9-4934-afae-e372affe795b\n';
const RULES = `rules:
  event-title-style: { level: error, style: title-case }        # "Order Completed"
  property-title-style: { level: error, style: snake_case }
  enum-value-style: { level: warning, style: snake_case }
  description-required: { level: error }                        # events and properties
  pii-requires-owner: { level: error }                          # pii: true needs owners
  required-properties: { level: error, properties: [platform] } # every event carries these
`;
const SHARED = `properties:
  - title: platform
    type: enum
    enum: [web, ios, android]
    description: Where the event was sent from.
`;
const event = (title: string, extra = '') =>
  `      - title: ${title}\n        description: Something happened.\n        properties:\n          - use: platform\n${extra}`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-rules-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function writePlan(events: string, header = `${HEADER}${RULES}`): Promise<void> {
  await mkdir(join(dir, 'plan'), { recursive: true });
  await writeFile(join(dir, 'plan', 'tracking-plan.yaml'), header);
  await writeFile(join(dir, 'plan', 'shared.yaml'), SHARED);
  await writeFile(join(dir, 'plan', 'checkout.yaml'), `categories:\n  - title: Checkout\n    events:\n${events}`);
}

describe('tpsync validate with rules', () => {
  it('reports every violation at once as file:line:col  level  message [rule-id] with a hint, and exits 1 on errors', async () => {
    await writePlan(
      `${event('order completed')}      - title: Order Refunded\n        properties:\n          - title: refundReason\n            type: enum\n            enum: [Damaged, late]\n            pii: true\n`,
    );
    const result = await runCli(['validate', 'plan'], {}, { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => /^plan\//.test(line));
    expect(lines).toEqual([
      'plan/checkout.yaml:4:16  error  event "order completed" of category "Checkout" is not written in Title Case [event-title-style]',
      'plan/checkout.yaml:8:9  error  event "Order Refunded" of category "Checkout" does not carry the required property "platform" [required-properties]',
      'plan/checkout.yaml:8:9  error  event "Order Refunded" of category "Checkout" has no description [description-required]',
      'plan/checkout.yaml:10:13  error  property "refundReason" of event "Order Refunded" has no description [description-required]',
      'plan/checkout.yaml:10:13  error  property "refundReason" of event "Order Refunded" holds personal data (pii: true) but has no owners [pii-requires-owner]',
      'plan/checkout.yaml:10:20  error  property "refundReason" of event "Order Refunded" is not written in snake_case [property-title-style]',
      'plan/checkout.yaml:12:20  warning  enum value "Damaged" of property "refundReason" of event "Order Refunded" is not written in snake_case [enum-value-style]',
    ]);
    expect(result.stderr).toContain('    hint: write "Order Completed";');
    expect(result.stderr).toContain('6 errors and 1 warning in 1 file.');
  });

  it('exits 0 when there are only warnings, and prints them', async () => {
    await writePlan(`${event('Order Completed')}`, `${HEADER}rules:\n  event-title-style: { level: warning }\n`);
    await writeFile(join(dir, 'plan', 'checkout.yaml'), `categories:\n  - title: Checkout\n    events:\n${event('order completed')}`);
    const result = await runCli(['validate', 'plan'], {}, { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'plan/checkout.yaml:4:16  warning  event "order completed" of category "Checkout" is not written in Title Case [event-title-style]',
    );
    expect(result.stdout).toBe('✓ plan is valid: 1 category, 1 event, 1 property (1 warning).\n');
  });

  it('gives level and rule in --format json; valid is false only with errors', async () => {
    await writePlan(`${event('Order Completed')}`, `${HEADER}rules:\n  event-title-style: { level: warning }\n`);
    await writeFile(join(dir, 'plan', 'checkout.yaml'), `categories:\n  - title: Checkout\n    events:\n${event('order completed')}`);
    const result = await runCli(['validate', 'plan', '--format', 'json'], {}, { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: true,
      issues: [
        expect.objectContaining({
          file: 'plan/checkout.yaml',
          line: 4,
          column: 16,
          level: 'warning',
          rule: 'event-title-style',
          code: 'event-title-style',
        }),
      ],
    });
  });

  it('in GitHub Actions, annotates errors as errors and warnings as warnings, with the rule id', async () => {
    await writePlan(`${event('order completed')}`, `${HEADER}rules:\n  event-title-style: {}\n  description-required: {}\n`);
    await writeFile(
      join(dir, 'plan', 'checkout.yaml'),
      `categories:\n  - title: Checkout\n    events:\n      - title: order completed\n        properties:\n          - use: platform\n`,
    );
    const summary = join(dir, 'summary.md');
    await writeFile(summary, '');
    const result = await runCli(['validate', 'plan'], { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary }, { cwd: dir });
    expect(result.code).toBe(1);
    const commands = result.stderr.split('\n').filter((line) => line.startsWith('::'));
    // Workflow commands go to stderr, where the runner reads them too; stdout stays free of them.
    expect(result.stdout).not.toContain('::');
    expect(commands).toEqual([
      expect.stringMatching(
        /^::error title=tpsync%3A invalid tracking plan,file=plan\/checkout.yaml,line=4,col=16::event "order completed" of category "Checkout" is not written in Title Case \[event-title-style\]/,
      ),
      expect.stringMatching(
        /^::warning title=tpsync%3A tracking-plan warning,file=plan\/checkout.yaml,line=4,col=9::event "order completed" of category "Checkout" has no description \[description-required\]/,
      ),
    ]);
    expect(await readFile(summary, 'utf8')).toContain(
      'warning: event "order completed" of category "Checkout" has no description `[description-required]`',
    );
  });

  it('plan goes on despite rule errors, showing them as warnings on stderr (rules are enforced by validate)', async () => {
    await writePlan(`${event('order completed')}`);
    const result = await runCli(['plan', 'plan', '--local', '--json'], {}, { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'warning  event "order completed" of category "Checkout" is not written in Title Case [event-title-style]',
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ summary: { create: 3 } });
  });
});

describe('tpsync validate --baseline <git-ref>', () => {
  beforeEach(async () => {
    await git(dir, 'init', '--quiet');
    // The plan as it was before the team adopted rules: two events that break them.
    await writePlan(
      `${event('order completed')}${event('Order Refunded', '          - title: refundReason\n            type: string\n')}`,
      HEADER,
    );
    await git(dir, 'add', '.');
    await git(dir, 'commit', '--quiet', '-m', 'before rules');
  });

  it('adopting rules: violations the plan already had are not reported, new ones are', async () => {
    // The pull request adds the rules, edits an old event, and adds a new event that breaks them.
    await writePlan(
      `${event('order completed').replace('Something happened.', 'An order was placed.')}${event('Order Refunded', '          - title: refundReason\n            type: string\n')}${event('cart viewed')}`,
    );
    const all = await runCli(['validate', 'plan'], {}, { cwd: dir });
    expect(all.code).toBe(1);
    expect(all.stderr).toContain('"order completed"');
    expect(all.stderr).toContain('"refundReason"');

    const result = await runCli(['validate', 'plan', '--baseline', 'HEAD'], {}, { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => /^plan\//.test(line));
    expect(lines).toEqual([
      'plan/checkout.yaml:14:16  error  event "cart viewed" of category "Checkout" is not written in Title Case [event-title-style]',
    ]);
  });

  it('passes when only old violations remain, and holds a renamed event to the rules', async () => {
    await writePlan(`${event('order completed')}${event('Order Refunded', '          - title: refundReason\n            type: string\n')}`);
    expect((await runCli(['validate', 'plan', '--baseline', 'HEAD'], {}, { cwd: dir })).code).toBe(0);

    await writePlan(`${event('order done')}${event('Order Refunded', '          - title: refundReason\n            type: string\n')}`);
    const renamed = await runCli(['validate', 'plan', '--baseline', 'HEAD'], {}, { cwd: dir });
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toContain('event "order done" of category "Checkout" is not written in Title Case [event-title-style]');
  });

  it('reports every error that is not a rule violation, and everything of a plan new since the ref', async () => {
    await writePlan(`${event('order completed')}      - title: Broken\n        pii: maybe\n`);
    const broken = await runCli(['validate', 'plan', '--baseline', 'HEAD'], {}, { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('"pii" must be true or false');
    expect(broken.stderr).not.toContain('"order completed"');

    await mkdir(join(dir, 'other'));
    await writeFile(
      join(dir, 'other', 'plan.yaml'),
      `${HEADER}${RULES}${SHARED}categories:\n  - title: C\n    events:\n${event('new thing')}`,
    );
    const fresh = await runCli(['validate', 'other', '--baseline', 'HEAD'], {}, { cwd: dir });
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toContain('event "new thing" of category "C" is not written in Title Case');
  });

  it('refuses a ref that is not a commit, clearly', async () => {
    const result = await runCli(['validate', 'plan', '--baseline', 'no-such-branch'], {}, { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"no-such-branch" is not a commit in this repository');
  });
});
