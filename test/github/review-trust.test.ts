// Only reviewed operations are ever applied. Anyone can comment on a public pull request, marker
// included; another workflow may post as github-actions[bot]; a comment can be copied between
// pull requests. None of that may authorise an operation: only tpsync's own comment, whose meta
// carries a MAC made with the workflow's key for that repository, pull request and plan path.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { parseMeta } from '../../src/github/comment-marker.js';
import { fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { pullRequestEvent, pushEvent, runnerEnv } from '../support/runner-env.js';
import { json, startScriptedServer } from '../support/scripted-server.js';
import { applyToStore } from '../support/applied-store.js';
import { runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/spawn-cli.js';

const SECODA_TOKEN = 'trust-secoda-token-7d21';
const BOT_TOKEN = 'ghs_workflow-token-4c8e';
const MARKER = '<!-- tpsync:plan path="tracking-plan" -->';

let dir: string;
let secoda: RunningEmulator;
let github: GitHubApiServer;
let runner: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tpsync-trust-'));
  await cp(join(REPO_ROOT, 'tracking-plan.example'), join(dir, 'tracking-plan'), { recursive: true });
  secoda = await startEmulator({ token: SECODA_TOKEN });
  github = await startGitHubApiServer({
    tokens: { [BOT_TOKEN]: 'github-actions[bot]', 'mallory-token': 'mallory' },
    seed: {
      pulls: [
        { number: 7, headSha: fakeSha('head 7') },
        { number: 8, headSha: fakeSha('head 8') },
      ],
    },
  });
  runner = (await runnerEnv(dir)).env;
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
  GITHUB_TOKEN: BOT_TOKEN,
  GITHUB_API_URL: github.url,
  ...extra,
});
const secodaWrites = () => secoda.log.entries.filter((e) => e.method !== 'GET').length;
const markerComments = (pr: number) => github.commentsOn(pr).filter((c) => c.body.startsWith(MARKER));

async function plan(pr: number, extra: string[] = [], more: Record<string, string> = {}) {
  return runCli(
    ['plan', 'tracking-plan', '--comment', '--writes-per-minute', '0', ...extra],
    env({ ...(await pullRequestEvent(dir, pr, fakeSha(`head ${pr}`))), ...more }),
    { cwd: dir },
  );
}
async function applyMerged(sha: string, more: Record<string, string> = {}) {
  return runCli(
    ['apply', 'tracking-plan', '--require-reviewed-plan', '--auto-approve', '--writes-per-minute', '0'],
    env({ ...pushEvent(sha), ...more }),
    { cwd: dir },
  );
}
/** The YAML a pull request's author changes after the review: an event nobody reviewed. */
async function addUnreviewedEvent(): Promise<void> {
  const file = join(dir, 'tracking-plan', 'search.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('title: Products Searched', 'title: Products Searched By Mallory'));
}

describe("someone else's comment with tpsync's marker", () => {
  it('is never edited and never trusted, and a warning names it', async () => {
    const forged = github.addComment(
      7,
      `${MARKER}\n<!-- tpsync:meta {"hash":"x","ops":"","status":"planned"} -->\nLooks reviewed!`,
      'mallory',
    );
    const first = await plan(7);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/warning: ignored a comment by mallory \(http[^)]+#issuecomment-\d+\) that imitate/);
    expect(first.stderr).toMatch(/^::warning::ignored a comment by mallory/m);
    expect(markerComments(7).map((c) => c.user.login)).toEqual(['mallory', 'github-actions[bot]']);
    const second = await plan(7);
    expect(second.stderr).toContain('Plan comment unchanged');
    expect(github.state.comments.find((c) => c.id === forged.id)?.body).toContain('Looks reviewed!');
    expect(github.requests.filter((r) => r.method === 'PATCH')).toEqual([]);

    // After the review, mallory pastes a genuine plan comment for different YAML (made on #8) into hers.
    await addUnreviewedEvent();
    expect((await plan(8)).code).toBe(0);
    forged.body = markerComments(8)[0]!.body;
    const merge = github.mergePull(7);
    const refused = await applyMerged(merge);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error: refused: the plan changed since review: \d+ operations not in the plans reviewed on #7/);
    expect(refused.stderr).toContain('on #7: ignored a comment by mallory');
    expect(secodaWrites()).toBe(0);
  }, 90_000);

  it('authorises nothing on a pull request where tpsync never commented (a fork’s), whatever it says', async () => {
    await addUnreviewedEvent();
    const p8 = await plan(8);
    expect(p8.code, p8.stderr + p8.stdout).toBe(0);
    const genuine = markerComments(8)[0]!.body;
    github.addComment(7, genuine, 'mallory');
    github.addComment(7, `> ${genuine.split('\n').join('\n> ')}`, 'alice');
    const refused = await applyMerged(github.mergePull(7));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: refused: no reviewed plan for tracking-plan among the pull requests merged');
    expect(refused.stderr).toContain('#7 (no plan comment by github-actions[bot])');
    expect(refused.stderr).toContain('ignored a comment by mallory');
    expect(secodaWrites()).toBe(0);
  }, 90_000);
});

describe("a comment by tpsync's login that tpsync did not sign for this pull request", () => {
  it('is refused when copied from another pull request, or written by another workflow', async () => {
    await addUnreviewedEvent();
    expect((await plan(8)).code).toBe(0);
    const fromEight = markerComments(8)[0]!.body;
    // Another workflow that posts as github-actions[bot] copies #8's plan onto #7 …
    github.addComment(7, fromEight, 'github-actions[bot]');
    const copied = await applyMerged(github.mergePull(7));
    expect(copied.code).toBe(1);
    expect(copied.stderr).toContain("#7 (its plan comment is not signed with this workflow's key");
    expect(secodaWrites()).toBe(0);
  }, 90_000);

  it('is never re-signed by tpsync: a failed re-plan replaces it instead of marking it', async () => {
    await addUnreviewedEvent();
    expect((await plan(8)).code).toBe(0);
    github.addComment(7, markerComments(8)[0]!.body, 'github-actions[bot]');
    // The next plan on #7 fails (invalid YAML): the comment it marks must not keep #8's operations.
    await writeFile(join(dir, 'tracking-plan', 'broken.yaml'), 'categories: [\n');
    const failed = await plan(7);
    expect(failed.code).toBe(1);
    const marked = markerComments(7);
    expect(marked).toHaveLength(1);
    expect(parseMeta(marked[0]!.body)).toMatchObject({ status: 'plan-failed', hash: '' });
    expect(parseMeta(marked[0]!.body)?.ops).toBeUndefined();
    expect(marked[0]!.body).toContain('No plan has been made for this pull request yet.');
  }, 90_000);

  it('is refused when its meta carries no MAC, or one made with another key', async () => {
    await addUnreviewedEvent();
    // A plan run with another secret (say, another repository's workflow) signs with another key.
    expect((await plan(7, [], { TPSYNC_REVIEW_KEY: 'someone-elses-key' })).code).toBe(0);
    const signedElsewhere = markerComments(7)[0]!;
    expect(parseMeta(signedElsewhere.body)?.mac).toBeTruthy();
    const merge = github.mergePull(7);
    const refused = await applyMerged(merge);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("not signed with this workflow's key");

    const { mac: _mac, ...unsigned } = parseMeta(signedElsewhere.body)!;
    signedElsewhere.body = signedElsewhere.body.replace(/<!-- tpsync:meta .* -->/, `<!-- tpsync:meta ${JSON.stringify(unsigned)} -->`);
    const again = await applyMerged(merge);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("not signed with this workflow's key");
    expect(secodaWrites()).toBe(0);
  }, 90_000);

  it('is accepted when plan and apply use different Secoda keys but share a review key', async () => {
    expect((await plan(7, [], { TPSYNC_REVIEW_KEY: 'shared-review-key' })).code).toBe(0);
    const applied = await applyMerged(github.mergePull(7), { TPSYNC_REVIEW_KEY: 'shared-review-key' });
    expect(applied.code, applied.stderr).toBe(0);
    expect(markerComments(7)[0]!.body).toContain('🟢 **Applied**');
  }, 90_000);
});

describe("tpsync's plan comment, edited by someone else afterwards", () => {
  it('authorises nothing when its text no longer shows what was signed', async () => {
    await addUnreviewedEvent();
    expect((await plan(7)).code).toBe(0);
    const own = markerComments(7)[0]!;
    expect(own.body).toContain('Products Searched By Mallory');
    // Anyone with write access may edit any comment: the new event is hidden from the reviewers,
    // the meta (and its MAC) left as tpsync wrote it.
    own.body = own.body
      .split('\n')
      .filter((line) => !line.includes('Products Searched By Mallory'))
      .join('\n');
    const refused = await applyMerged(github.mergePull(7));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('#7 (its plan comment was edited since tpsync wrote it');
    expect(secodaWrites()).toBe(0);

    // A failed re-plan does not re-sign the edited text either: it replaces it.
    await writeFile(join(dir, 'tracking-plan', 'broken.yaml'), 'categories: [\n');
    expect((await plan(7)).code).toBe(1);
    expect(markerComments(7)[0]!.body).toContain('No plan has been made for this pull request yet.');
  }, 90_000);

  it('is still trusted when only line endings and trailing white space differ (as GitHub may store them)', async () => {
    expect((await plan(7)).code).toBe(0);
    const own = markerComments(7)[0]!;
    own.body = `${own.body.replace(/\n/g, '  \r\n')}\r\n`;
    const applied = await applyMerged(github.mergePull(7));
    expect(applied.code, applied.stderr).toBe(0);
    expect(markerComments(7)[0]!.body).toContain('🟢 **Applied**');
  }, 90_000);
});

describe('a plan reviewed for one integration', () => {
  it('authorises nothing in another, when a change of `integration:` merges beside it', async () => {
    const header = join(dir, 'tracking-plan', 'tracking-plan.yaml');
    const yaml = await readFile(header, 'utf8');
    const other = yaml.replace('integration: ca529385-fbc9-4934-afae-e372affe795b', 'integration: 0b0b0b0b-1111-4222-8333-444444444444');
    // Both integrations hold the plan as on main.
    for (const text of [yaml, other]) {
      await writeFile(header, text);
      await applyToStore(secoda.store, join(dir, 'tracking-plan'));
    }
    // #7 adds an event, reviewed for the first integration: creates only, whose digests name no integration.
    await writeFile(header, yaml);
    const search = join(dir, 'tracking-plan', 'search.yaml');
    await writeFile(
      search,
      (await readFile(search, 'utf8')).replace(
        '    events:\n',
        '    events:\n      - title: Products Compared\n        description: Reviewed for one integration.\n',
      ),
    );
    expect((await plan(7)).code).toBe(0);
    expect(markerComments(7)[0]!.body).toContain('integration `ca529385-fbc9-4934-afae-e372affe795b`');
    // #8, never planned, points the YAML at the other integration; both merge, one apply carries them.
    github.mergePull(7);
    const merge = github.mergePull(8);
    await writeFile(header, other);
    const before = secodaWrites();
    const refused = await applyMerged(merge);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '#7 (its plan was made for integration ca529385-fbc9-4934-afae-e372affe795b, not 0b0b0b0b-1111-4222-8333-444444444444)',
    );
    expect(secodaWrites()).toBe(before);
  }, 90_000);
});

describe('deleted and quoted plan comments', () => {
  it('mean that nothing was reviewed', async () => {
    expect((await plan(7)).code).toBe(0);
    const own = markerComments(7)[0]!;
    github.addComment(7, `> ${own.body.split('\n').join('\n> ')}\n\nLGTM`, 'alice');
    github.state.comments.splice(github.state.comments.indexOf(own), 1);
    const refused = await applyMerged(github.mergePull(7));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('#7 (no plan comment by github-actions[bot])');
    expect(secodaWrites()).toBe(0);
  }, 90_000);
});

describe('a 403 on editing a comment tpsync did not write', () => {
  it('posts tpsync’s own comment (not the fork fallback), and says what to configure', async () => {
    const alices = github.addComment(7, `${MARKER}\nalice's notes`, 'alice');
    // Misconfigured: tpsync is told that it comments as alice.
    const result = await plan(7, ['--comment-author', 'alice']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`GitHub refused to let this token edit comment ${alices.id} by alice; posted a new comment instead`);
    expect(result.stderr).toContain('the comment was written by github-actions[bot], but tpsync trusts only comments by alice');
    expect(result.stderr).not.toContain('cannot comment');
    expect(github.state.comments.find((c) => c.id === alices.id)?.body).toBe(`${MARKER}\nalice's notes`);
    expect(markerComments(7).map((c) => c.user.login)).toEqual(['alice', 'github-actions[bot]']);
  }, 90_000);
});

describe('GitHub answering with a redirect', () => {
  it('to a write is an error, never "created", and the redirect is not followed', async () => {
    github.fail('issues/create-comment', 307, { headers: { location: `${github.url}/elsewhere` }, body: {} });
    const result = await plan(7);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /error: could not post the plan comment: GitHub answered 307 \(a redirect\) to POST \/repos\/octo-org\/tracking-plan\/issues\/7\/comments/,
    );
    expect(result.stderr).not.toContain('Plan comment created');
    expect(github.requests.filter((r) => r.url.includes('elsewhere'))).toEqual([]);
  }, 90_000);

  it('with a Link header to another host: the token is never sent there', async () => {
    const elsewhere = await startScriptedServer((_request, response) => json(response, 200, []));
    try {
      // Octokit's pagination follows `Link: <…>; rel="next"` wherever it points, token included.
      const next = `<${elsewhere.url}/repos/octo-org/tracking-plan/issues/7/comments?page=2>; rel="next"`;
      github.fail('issues/list-comments', 200, { body: [], headers: { link: next }, times: 5 });
      const planned = await plan(7);
      expect(planned.code).toBe(1);
      expect(planned.stderr).toContain(
        "error: could not post the plan comment: GitHub's answer pointed GET at a URL outside GITHUB_API_URL",
      );
      expect(planned.stderr).toContain('hint: check GITHUB_API_URL');
      const applied = await applyMerged(github.mergePull(7));
      expect(applied.code).toBe(1);
      expect(applied.stderr).toContain('could not read the reviewed plan from GitHub');
      expect(elsewhere.requests).toEqual([]);
      expect(secodaWrites()).toBe(0);
    } finally {
      await elsewhere.close();
    }
  }, 90_000);

  it('to a read is an error too', async () => {
    github.fail('issues/list-comments', 301, { headers: { location: `${github.url}/elsewhere` }, body: {} });
    const result = await plan(7);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GitHub answered 301 (a redirect) to GET');
    expect(github.requests.filter((r) => r.url.includes('elsewhere'))).toEqual([]);
  }, 90_000);
});

describe('pull_request_target', () => {
  it('is refused with an explanation, before anything is read', async () => {
    const result = await runCli(
      ['plan', 'tracking-plan', '--comment'],
      env({ ...(await pullRequestEvent(dir, 7)), GITHUB_EVENT_NAME: 'pull_request_target' }),
      { cwd: dir },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: tpsync does not run under pull_request_target: the code checked out there is the base branch');
    expect(result.stderr).toContain('hint: run tpsync plan on the `pull_request` event');
    expect(secoda.log.entries).toEqual([]);
    expect(github.requests).toEqual([]);
  }, 30_000);
});
