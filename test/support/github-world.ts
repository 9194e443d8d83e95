// The fake GitHub's model: repositories, users, issues and pull requests, comments, the default
// branch's commits and Git data, with the operations the routes and the test handle use.
import { GitModel } from './github-git.js';
import type { CommentRecord, GitHubUser, IssueRecord, RepoRecord } from './github-resources.js';
import { DEFAULT_REPO, GITHUB_ACTIONS_BOT, type CommitRecord, type GitHubApiServerOptions, type GitHubState } from './github-api-types.js';
import { fakeSha } from './github-fake-sha.js';

/** The fake's data and the operations on it. Tests reach it through `GitHubApiServer`. */
export class World {
  readonly state: GitHubState = { repos: [], issues: [], comments: [], commits: [] };
  private readonly users = new Map<string, GitHubUser>([[GITHUB_ACTIONS_BOT.login, GITHUB_ACTIONS_BOT]]);
  // GitHub's ids are global and large; starting high keeps them from colliding with issue numbers
  // in a test that confuses the two.
  private nextId = 2_000_000_001;
  readonly git: GitModel;

  constructor(readonly now: () => Date) {
    this.git = new GitModel(() => this.timestamp());
  }

  timestamp(): string {
    // GitHub's timestamps have whole seconds.
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  id(): number {
    return this.nextId++;
  }

  user(login: string): GitHubUser {
    let user = this.users.get(login.toLowerCase());
    if (!user) {
      user = { login, id: 1000 + this.users.size, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
      this.users.set(login.toLowerCase(), user);
    }
    return user;
  }

  remember(user: GitHubUser): GitHubUser {
    this.users.set(user.login.toLowerCase(), user);
    return user;
  }

  // Owner and repository names are case-insensitive on GitHub.
  repo(fullName: string): RepoRecord | undefined {
    return this.state.repos.find((r) => r.fullName.toLowerCase() === fullName.toLowerCase());
  }

  ensureRepo(fullName: string): RepoRecord {
    const existing = this.repo(fullName);
    if (existing) return existing;
    const [owner = '', name = ''] = fullName.split('/');
    if (!owner || !name) throw new Error(`repository "${fullName}" is not owner/name`);
    const repo: RepoRecord = { id: this.id(), owner: this.user(owner), name, fullName, defaultBranch: 'main' };
    this.state.repos.push(repo);
    return repo;
  }

  issue(repo: RepoRecord, number: number): IssueRecord | undefined {
    return this.state.issues.find((i) => i.repo === repo.fullName && i.number === number);
  }

  defaultRepo(name?: string): RepoRecord {
    const repo = this.repo(name ?? this.state.repos[0]?.fullName ?? DEFAULT_REPO);
    if (!repo) throw new Error(`no repository ${name ?? ''}`);
    return repo;
  }

  /** The newest commit of the default branch (the last one added). */
  head(repo: RepoRecord): CommitRecord | undefined {
    return this.state.commits.filter((c) => c.repo === repo.fullName).at(-1);
  }

  commit(repo: RepoRecord, sha: string): CommitRecord | undefined {
    return this.state.commits.find((c) => c.repo === repo.fullName && c.sha === sha);
  }

  addCommit(repo: RepoRecord, fields: { sha: string; pulls: number[]; parents?: string[]; message?: string }): CommitRecord {
    const commit: CommitRecord = {
      repo: repo.fullName,
      sha: fields.sha,
      pulls: [...fields.pulls],
      parents: [...(fields.parents ?? [])],
      message: fields.message ?? `Commit ${fields.sha.slice(0, 7)}`,
      date: this.timestamp(),
    };
    this.state.commits.push(commit);
    return commit;
  }

  mergePull(repo: RepoRecord, number: number, sha?: string): string {
    const issue = this.issue(repo, number);
    if (!issue?.pull) throw new Error(`mergePull: #${number} is not a pull request of ${repo.fullName}`);
    if (issue.pull.mergedAt !== null) throw new Error(`mergePull: #${number} is merged already`);
    const at = this.timestamp();
    const mergeSha = sha ?? fakeSha(`merge ${number} ${this.state.commits.length}`);
    const parent = this.head(repo);
    issue.state = 'closed';
    issue.closedAt = at;
    issue.updatedAt = at;
    issue.pull.mergedAt = at;
    issue.pull.mergeCommitSha = mergeSha;
    this.addCommit(repo, { sha: mergeSha, pulls: [number], parents: parent ? [parent.sha] : [], message: `${issue.title} (#${number})` });
    return mergeSha;
  }

  addComment(repo: RepoRecord, issueNumber: number, body: string, user: GitHubUser): CommentRecord {
    const issue = this.issue(repo, issueNumber);
    if (!issue) throw new Error(`addComment: no #${issueNumber} in ${repo.fullName}`);
    const at = this.timestamp();
    const comment: CommentRecord = { id: this.id(), repo: repo.fullName, issueNumber, body, user, createdAt: at, updatedAt: at };
    this.state.comments.push(comment);
    return comment;
  }

  /** `sha` and its ancestors, newest first, each once (as `git log` lists them). */
  history(repo: RepoRecord, sha: string): CommitRecord[] | undefined {
    const start = this.commit(repo, sha);
    if (!start) return undefined;
    const seen = new Set<string>();
    const out: CommitRecord[] = [];
    const queue = [start];
    while (queue.length > 0) {
      queue.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || this.state.commits.indexOf(b) - this.state.commits.indexOf(a));
      const next = queue.shift()!;
      if (seen.has(next.sha)) continue;
      seen.add(next.sha);
      out.push(next);
      for (const parent of next.parents) {
        const found = this.commit(repo, parent);
        if (found && !seen.has(parent)) queue.push(found);
      }
    }
    return out;
  }

  nextNumber(repo: RepoRecord): number {
    // Issues and PRs share one sequence per repository.
    return Math.max(0, ...this.state.issues.filter((i) => i.repo === repo.fullName).map((i) => i.number)) + 1;
  }

  commentCount(issue: IssueRecord): number {
    return this.state.comments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number).length;
  }

  addIssue(repo: RepoRecord, fields: Partial<IssueRecord> & { title: string; user: GitHubUser }): IssueRecord {
    const at = fields.createdAt ?? this.timestamp();
    const issue: IssueRecord = {
      id: this.id(),
      repo: repo.fullName,
      number: fields.number ?? this.nextNumber(repo),
      body: null,
      state: 'open',
      stateReason: null,
      labels: [],
      createdAt: at,
      updatedAt: at,
      closedAt: null,
      ...fields,
    };
    if (this.issue(repo, issue.number)) throw new Error(`seed: #${issue.number} exists twice in ${repo.fullName}`);
    this.state.issues.push(issue);
    return issue;
  }

  seed(options: GitHubApiServerOptions): void {
    const seed = options.seed ?? {};
    const named = [
      ...(options.repos ?? [DEFAULT_REPO]),
      ...[seed.pulls, seed.issues, seed.comments, seed.commits].flatMap((list) => (list ?? []).map((s) => s.repo)),
    ];
    for (const name of named) if (name !== undefined) this.ensureRepo(name);
    const repoOf = (name: string | undefined): RepoRecord => this.ensureRepo(name ?? this.state.repos[0]?.fullName ?? DEFAULT_REPO);
    for (const who of Object.values(options.tokens ?? {})) if (typeof who !== 'string') this.remember(who);

    for (const p of seed.pulls ?? []) {
      const merged = p.merged ?? false;
      const at = this.timestamp();
      this.addIssue(repoOf(p.repo), {
        number: p.number,
        title: p.title ?? `Pull request #${p.number}`,
        body: p.body ?? null,
        user: this.user(p.user ?? 'octocat'),
        state: merged ? 'closed' : (p.state ?? 'open'),
        closedAt: merged || p.state === 'closed' ? at : null,
        labels: p.labels ?? [],
        pull: {
          headRef: p.headRef ?? `feature-${p.number}`,
          headSha: p.headSha ?? fakeSha(`head ${p.number}`),
          baseRef: p.baseRef ?? 'main',
          baseSha: p.baseSha ?? fakeSha(`base ${p.number}`),
          draft: p.draft ?? false,
          mergedAt: merged ? at : null,
          mergeCommitSha: p.mergeCommitSha ?? (merged ? fakeSha(`merge ${p.number}`) : null),
        },
      });
    }
    for (const i of seed.issues ?? []) {
      const repo = repoOf(i.repo);
      this.addIssue(repo, {
        ...(i.number !== undefined && { number: i.number }),
        title: i.title,
        body: i.body ?? null,
        user: this.user(i.user ?? 'octocat'),
        state: i.state ?? 'open',
        stateReason: i.state === 'closed' ? 'completed' : null,
        closedAt: i.state === 'closed' ? this.timestamp() : null,
        labels: i.labels ?? [],
        ...(i.createdAt !== undefined && { createdAt: i.createdAt, updatedAt: i.createdAt }),
      });
    }
    for (const c of seed.comments ?? []) {
      const repo = repoOf(c.repo);
      if (!this.issue(repo, c.issueNumber)) {
        this.addIssue(repo, {
          number: c.issueNumber,
          title: `Pull request #${c.issueNumber}`,
          user: this.user('octocat'),
          pull: {
            headRef: `feature-${c.issueNumber}`,
            headSha: fakeSha(`head ${c.issueNumber}`),
            baseRef: 'main',
            baseSha: fakeSha(`base ${c.issueNumber}`),
            draft: false,
            mergedAt: null,
            mergeCommitSha: null,
          },
        });
      }
      const at = c.createdAt ?? this.timestamp();
      this.state.comments.push({
        id: this.id(),
        repo: repo.fullName,
        issueNumber: c.issueNumber,
        body: c.body,
        user: this.user(c.user ?? 'octocat'),
        createdAt: at,
        updatedAt: at,
      });
    }
    for (const c of seed.commits ?? []) {
      this.addCommit(repoOf(c.repo), {
        sha: c.sha,
        pulls: c.pulls,
        ...(c.parents ? { parents: c.parents } : {}),
        ...(c.message ? { message: c.message } : {}),
      });
    }
    // A PR seeded as merged has its merge commit in the history (with no parents unless seeded).
    for (const issue of this.state.issues) {
      const sha = issue.pull?.mergeCommitSha;
      const repo = this.repo(issue.repo);
      if (sha && repo && !this.commit(repo, sha))
        this.addCommit(repo, { sha, pulls: [issue.number], message: `${issue.title} (#${issue.number})` });
    }
  }

  /** PR numbers associated with a commit, or `undefined` when the repository has no such commit. */
  pullsOfCommit(repo: RepoRecord, sha: string): number[] | undefined {
    const numbers = new Set<number>();
    let known = false;
    for (const c of this.state.commits) {
      if (c.repo === repo.fullName && c.sha === sha) {
        known = true;
        c.pulls.forEach((n) => numbers.add(n));
      }
    }
    for (const issue of this.state.issues) {
      if (issue.repo !== repo.fullName || !issue.pull) continue;
      if (issue.pull.headSha === sha || issue.pull.mergeCommitSha === sha || issue.pull.baseSha === sha) known = true;
      if (issue.pull.headSha === sha || issue.pull.mergeCommitSha === sha) numbers.add(issue.number);
    }
    return known ? [...numbers] : undefined;
  }
}
