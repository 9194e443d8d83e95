/**
 * The reviewed-plan gate as a function (issue 22: it returns a verdict, the command line words
 * it): a plan published on a pull request and merged is reviewed; an operation no reviewed plan
 * showed is refused, with what to mark the comments; --force lets through what would refuse,
 * saying so. Against the local server that checks each request with GitHub's OpenAPI
 * description; the CLI's own tests (review-trust.test.ts) keep the whole flow.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubRun } from '../../src/github/github-run.js';
import { publishPlan } from '../../src/github/publish-plan.js';
import { judgeReviewedPlan } from '../../src/github/review-gate.js';
import { parseMeta } from '../../src/github/comment-marker.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import { Redactor } from '../../src/redaction/redactor.js';
import { fakeSha, startGitHubApiServer, type GitHubApiServer } from '../support/github-api-server.js';
import { cat, ev, plan, prop, resetClock, state } from '../support/remote-fixtures.js';
import { pullRequestEvent, pushEvent } from '../support/runner-env.js';

const SECODA_TOKEN = 'gate-secoda-token-5b19';
const BOT_TOKEN = 'ghs_gate-workflow-token';

let dir: string;
let github: GitHubApiServer;
beforeEach(async () => {
  resetClock();
  dir = await mkdtemp(join(tmpdir(), 'tpsync-gate-'));
  github = await startGitHubApiServer({ seed: { pulls: [{ number: 7, headSha: fakeSha('head 7') }] } });
});
afterEach(async () => {
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

/** A run on the runner, recording what it says on stderr. */
function gitHubRun(env: Record<string, string>): { run: GitHubRun; stderr: string[] } {
  const stderr: string[] = [];
  const full = {
    GITHUB_REPOSITORY: 'octo-org/tracking-plan',
    GITHUB_TOKEN: BOT_TOKEN,
    GITHUB_API_URL: github.url,
    SECODA_API_TOKEN: SECODA_TOKEN,
    ...env,
  };
  return {
    run: {
      env: full,
      redactor: new Redactor([SECODA_TOKEN, BOT_TOKEN]),
      version: '0.0.0-test',
      stderr: (t) => void stderr.push(t),
      workflowCommands: () => {},
      // Octokit spaces GitHub writes a second apart per process: here, across every test of the file.
      spaceWrites: false,
    },
    stderr,
  };
}

const newPlan = (events: string[]): Plan =>
  buildPlan(
    plan([
      cat(
        'Checkout',
        events.map((title) => ev(title, [prop('currency')])),
      ),
    ]),
    state(),
    { writesPerMinute: 0 },
  );

/** Plans `reviewed` on pull request 7 (a signed comment) and merges it: the merge commit. */
async function reviewAndMerge(reviewed: Plan): Promise<string> {
  const { run } = gitHubRun(await pullRequestEvent(dir, 7));
  await publishPlan(reviewed, reviewed, run, { planPath: 'tracking-plan', comment: true, notes: [], local: false });
  return github.mergePull(7);
}

describe('judgeReviewedPlan', () => {
  it('a plan that was reviewed on the merged pull request: reviewed, with a session that marks its comment', async () => {
    const reviewed = newPlan(['Order Completed']);
    const merge = await reviewAndMerge(reviewed);
    const { run } = gitHubRun(pushEvent(merge));
    const verdict = await judgeReviewedPlan(reviewed, run, { planPath: 'tracking-plan', force: false, local: false });
    expect(verdict).toMatchObject({ kind: 'reviewed', reviewedOn: [7], unreviewedForced: 0 });
    if (verdict.kind !== 'reviewed') return;
    await verdict.session.setStatus('applied', '');
    const [comment] = github.commentsOn(7);
    expect(parseMeta(comment?.body ?? '')?.status).toBe('applied');
  });

  it('an operation nobody reviewed: refused, naming it, with the detail to mark the comments with; --force lets it through', async () => {
    const merge = await reviewAndMerge(newPlan(['Order Completed']));
    const { run } = gitHubRun(pushEvent(merge));
    const grown = newPlan(['Order Completed', 'Cart Viewed']);
    const verdict = await judgeReviewedPlan(grown, run, { planPath: 'tracking-plan', force: false, local: false });
    expect(verdict).toMatchObject({
      kind: 'refused',
      refusal: { reason: 'unreviewed', reviewedOn: [7], window: { involved: '#7' } },
      refusedDetail: '2 changes were not in the reviewed plan.',
    });
    if (verdict.kind === 'refused' && verdict.refusal.reason === 'unreviewed')
      expect(verdict.refusal.unreviewed.map((op) => op.path)).toEqual([
        ['Checkout', 'Cart Viewed'],
        ['Checkout', 'Cart Viewed', 'currency'],
      ]);
    const forced = await judgeReviewedPlan(grown, run, { planPath: 'tracking-plan', force: true, local: false });
    expect(forced).toMatchObject({ kind: 'reviewed', reviewedOn: [7], unreviewedForced: 2 });
  });

  it('without a secret to verify with: refused, even with --force, before GitHub is asked anything', async () => {
    const { run } = gitHubRun({ ...pushEvent(fakeSha('any')), SECODA_API_TOKEN: '' });
    for (const force of [false, true])
      expect(await judgeReviewedPlan(newPlan(['A']), run, { planPath: 'tracking-plan', force, local: false })).toEqual({
        kind: 'refused',
        refusal: { reason: 'no-key' },
      });
    expect(github.requests).toEqual([]);
  });

  it('without GITHUB_SHA: refused; with --force, let through and nothing to mark', async () => {
    const { run } = gitHubRun({ GITHUB_EVENT_NAME: 'push' });
    const options = { planPath: 'tracking-plan', local: false };
    expect(await judgeReviewedPlan(newPlan(['A']), run, { ...options, force: false })).toEqual({
      kind: 'refused',
      refusal: { reason: 'no-sha' },
    });
    expect(await judgeReviewedPlan(newPlan(['A']), run, { ...options, force: true })).toEqual({
      kind: 'forced',
      refusal: { reason: 'no-sha' },
    });
  });
});
