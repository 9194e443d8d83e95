// A `concurrency:` group keeps one apply running and one pending, and cancels older pending
// runs: one apply may carry several merged pull requests. It accepts what was reviewed on any of
// them since the last applied one, marks each applied, and a refusal names every one of them.
// A pull request whose latest plan failed is refused.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { parseMeta } from '../../src/github/comment-marker.js';
import { fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { pullRequestEvent, pushEvent, runnerEnv } from '../support/runner-env.js';
import { applyToStore } from '../support/applied-store.js';
import { runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

const SECODA_TOKEN = 'queue-secoda-token-2b90';
const MARKER = '<!-- tpsync:plan path="tracking-plan" -->';

let dir: string;
let secoda: RunningEmulator;
let github: GitHubApiServer;
let runner: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-queue-'));
  await cp(join(REPO_ROOT, 'tracking-plan.example'), join(dir, 'tracking-plan'), { recursive: true });
  secoda = await startEmulator({ token: SECODA_TOKEN });
  github = await startGitHubApiServer({
    seed: { pulls: [1, 2, 3, 4, 5].map((number) => ({ number, headSha: fakeSha(`head ${number}`) })) },
  });
  runner = (await runnerEnv(dir)).env;
  // main as it stands, applied: every pull request starts from here.
  await applyToStore(secoda.store, join(dir, 'tracking-plan'));
});
afterEach(async () => {
  await secoda.close();
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string>) => ({
  ...runner,
  SECODA_API_URL: secoda.url,
  SECODA_API_TOKEN: SECODA_TOKEN,
  GITHUB_TOKEN: 'ghs_queue',
  GITHUB_API_URL: github.url,
  ...extra,
});
const secodaWrites = () => secoda.log.entries.filter((e) => e.method !== 'GET').length;
const planComment = (pr: number) => github.commentsOn(pr).find((c) => c.body.startsWith(MARKER));
const statusOf = (pr: number) => parseMeta(planComment(pr)?.body ?? '')?.status;

/** The YAML of main plus the events `added`, each in its own category file, as a branch would have it. */
async function writeYaml(added: number[]): Promise<void> {
  const file = join(dir, 'tracking-plan', 'queued.yaml');
  if (added.length === 0) return rm(file, { force: true });
  const events = added.map((n) => `      - title: Queued Event ${n}\n        description: Added by pull request ${n}.\n`).join('');
  await writeFile(file, `categories:\n  - title: Queued\n    events:\n${events}`);
}

async function planOn(pr: number, added: number[]): Promise<void> {
  await writeYaml(added);
  const result = await runCli(
    ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0'],
    env(await pullRequestEvent(dir, pr, fakeSha(`head ${pr}`))),
    { cwd: dir },
  );
  expect(result.code, result.stderr).toBe(0);
}

async function applyAt(sha: string, added: number[]) {
  await writeYaml(added);
  return runCli(['apply', 'tracking-plan', '--require-reviewed-plan', '--auto-approve', '--writes-per-minute', '0'], env(pushEvent(sha)), {
    cwd: dir,
  });
}

describe('one apply carrying several merged pull requests', () => {
  it('applies what each reviewed, marks every one applied, and later stops at the last applied', async () => {
    // Each pull request branched from main and was reviewed on its own.
    await planOn(1, [1]);
    await planOn(2, [2]);
    await planOn(3, [3]);
    github.mergePull(1);
    github.mergePull(2);
    const third = github.mergePull(3);
    // The runs for #1 and #2 were cancelled while pending: the run for #3 carries all three.
    const applied = await applyAt(third, [1, 2, 3]);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stderr).toContain('The plan matches the ones reviewed on pull request #3, #2, #1.');
    expect(
      secoda.store
        .list('event')
        .filter((e) => e.title.startsWith('Queued Event'))
        .map((e) => e.title)
        .sort(),
    ).toEqual(['Queued Event 1', 'Queued Event 2', 'Queued Event 3']);
    expect([statusOf(1), statusOf(2), statusOf(3)]).toEqual(['applied', 'applied', 'applied']);

    // Next: #4 is reviewed; #5 is merged without a plan and adds an event nobody reviewed.
    await planOn(4, [1, 2, 3, 4]);
    github.mergePull(4);
    const fifth = github.mergePull(5);
    const before = secodaWrites();
    const refused = await applyAt(fifth, [1, 2, 3, 4, 5]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'error: refused: the plan changed since review: 1 operation not in the plans reviewed on #4 (merged pull requests since #3, the last applied one: #5 (no plan comment by github-actions[bot]), #4)',
    );
    expect(refused.stderr).toContain('hint: open a pull request so the new plan is reviewed');
    expect(refused.stdout).toContain('+ event Queued › Queued Event 5');
    expect(secodaWrites()).toBe(before);
    expect(statusOf(4)).toBe('refused');
    // The applied ones are left alone.
    expect([statusOf(1), statusOf(2), statusOf(3)]).toEqual(['applied', 'applied', 'applied']);
  }, 120_000);
});

describe('a pull request whose latest plan failed', () => {
  it('shows the failure on its comment (the plan shown is outdated), and apply refuses it', async () => {
    await planOn(1, [1]);
    const reviewed = planComment(1)!.body;
    // A new push breaks the YAML: the re-plan fails.
    await writeFile(join(dir, 'tracking-plan', 'queued.yaml'), 'categories:\n  - title: Queued\n    events:\n      - title: [broken\n');
    const failed = await runCli(
      ['plan', 'tracking-plan', '--comment'],
      env(await pullRequestEvent(dir, 1, fakeSha('head 1 second push'))),
      { cwd: dir },
    );
    expect(failed.code).toBe(1);
    const body = planComment(1)!.body;
    expect(body).toContain('🔴 **Plan failed** — the plan below is outdated');
    expect(body).toContain(`The plan for commit \`${fakeSha('head 1 second push').slice(0, 7)}\` failed: the tracking plan is invalid`);
    // The old plan is still there, below, for reference.
    expect(body).toContain('Queued Event 1');
    expect(parseMeta(body)).toMatchObject({ status: 'plan-failed', failed_sha: fakeSha('head 1 second push') });
    expect(reviewed).not.toBe(body);

    const merge = github.mergePull(1);
    const refused = await applyAt(merge, [1]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: refused: the latest plan of pull request #1 failed');
    expect(refused.stderr).toContain("hint: re-run that pull request's plan job until it succeeds");
    expect(secoda.store.list('event').some((e) => e.title === 'Queued Event 1')).toBe(false);
  }, 120_000);

  it('when Secoda refuses the read, a pull request with no comment yet gets one that says so', async () => {
    await writeYaml([2]);
    const failed = await runCli(
      ['plan', 'tracking-plan', '--comment'],
      env({ ...(await pullRequestEvent(dir, 2)), SECODA_API_TOKEN: 'a-rotated-token' }),
      { cwd: dir },
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Secoda answered 401');
    const body = planComment(2)!.body;
    expect(body).toContain('🔴 **Plan failed**');
    expect(body).toContain('failed: Secoda answered 401 Unauthorized');
    expect(body).toContain('No plan has been made for this pull request yet.');
    expect(parseMeta(body)?.status).toBe('plan-failed');
    expect(body).not.toContain('a-rotated-token');

    // The next push plans fine: the comment is a plan again.
    await planOn(2, [2]);
    expect(statusOf(2)).toBe('planned');
    expect(github.commentsOn(2).filter((c) => c.body.startsWith(MARKER))).toHaveLength(1);
  }, 120_000);
});

describe('pull requests that changed one resource in different fields', () => {
  it('are applied together: each field written was reviewed, if not in one operation', async () => {
    const file = join(dir, 'tracking-plan', 'search.yaml');
    const main = await readFile(file, 'utf8');
    const describe1 = (yaml: string) => yaml.replace('description: A shopper ran a product search.', 'description: A shopper searched.');
    const pii2 = (yaml: string) => yaml.replace(/(title: Products Searched\n(?:.*\n)*?\s+)pii: false/, '$1pii: true');
    expect(pii2(main)).not.toBe(main);

    // Both branched from main: #1 changes the event's description, #2 its pii flag; each reviewed alone.
    await writeFile(file, describe1(main));
    await planOn(1, []);
    await writeFile(file, pii2(main));
    await planOn(2, []);
    github.mergePull(1);
    const second = github.mergePull(2);
    // One apply carries both: its update writes both fields at once.
    await writeFile(file, pii2(describe1(main)));
    const applied = await applyAt(second, []);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stderr).toContain('The plan matches the ones reviewed on pull request #2, #1.');
    const event = secoda.store.list('event').find((e) => e.title === 'Products Searched');
    expect(event).toMatchObject({ description: 'A shopper searched.', pii: true });
    expect([statusOf(1), statusOf(2)]).toEqual(['applied', 'applied']);
  }, 120_000);

  it('still refuses a field that neither reviewed', async () => {
    const file = join(dir, 'tracking-plan', 'search.yaml');
    const main = await readFile(file, 'utf8');
    await writeFile(file, main.replace('description: A shopper ran a product search.', 'description: A shopper searched.'));
    await planOn(1, []);
    const merge = github.mergePull(1);
    await writeFile(
      file,
      main
        .replace('description: A shopper ran a product search.', 'description: A shopper searched.')
        .replace('verified: true', 'verified: false'),
    );
    const before = secodaWrites();
    const refused = await applyAt(merge, []);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: refused: the plan changed since review: 1 operation not in the plans reviewed on #1');
    expect(secodaWrites()).toBe(before);
  }, 120_000);
});
