// The fake GitHub's state, and how it is rendered as GitHub's JSON. The JSON carries every field the
// OpenAPI description marks as required (the server checks its own responses against it), with the
// URLs pointing back at the fake so that a client following `url` or `Link` stays on it.

export interface GitHubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface CommentRecord {
  id: number;
  /** `owner/name` as the repository was declared. */
  repo: string;
  issueNumber: number;
  body: string;
  user: GitHubUser;
  createdAt: string;
  updatedAt: string;
}

export interface PullFields {
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

/** An issue, or a pull request (GitHub keeps both in one numbered list: every PR is an issue). */
export interface IssueRecord {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  labels: string[];
  user: GitHubUser;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Present when the issue is a pull request. */
  pull?: PullFields;
}

export interface RepoRecord {
  id: number;
  owner: GitHubUser;
  name: string;
  /** `owner/name`, the key the rest of the state uses. */
  fullName: string;
  defaultBranch: string;
}

/** Where the fake is reachable: `api` is the REST root (with any base path), `web` the HTML root. */
export interface Urls {
  api: string;
  web: string;
}

export function userJson(urls: Urls, user: GitHubUser): Record<string, unknown> {
  const api = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    // Apps' bot users have their page under /apps, without the `[bot]` suffix.
    html_url: user.type === 'Bot' ? `${urls.web}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${urls.web}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function commentJson(urls: Urls, comment: CommentRecord, issue: IssueRecord): Record<string, unknown> {
  const repoApi = `${urls.api}/repos/${comment.repo}`;
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${repoApi}/issues/comments/${comment.id}`,
    html_url: `${issueHtmlUrl(urls, issue)}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repoApi}/issues/${comment.issueNumber}`,
    author_association: 'NONE',
    performed_via_github_app: null,
    reactions: reactions(`${repoApi}/issues/comments/${comment.id}/reactions`),
  };
}

/** A commit as `GET /repos/{owner}/{repo}/commits` lists it. */
export function commitJson(
  urls: Urls,
  repo: RepoRecord,
  commit: { sha: string; parents: string[]; message: string; date: string },
): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const gitUser = { name: 'Octo Cat', email: 'octocat@example.com', date: commit.date };
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId('C', stableId(commit.sha)),
    html_url: `${urls.web}/${repo.fullName}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: gitUser,
      committer: gitUser,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.sha.split('').reverse().join(''), url: `${api}/git/trees/${commit.sha}` },
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${urls.web}/${repo.fullName}/commit/${sha}` })),
  };
}

export function labelJson(urls: Urls, repo: string, name: string): Record<string, unknown> {
  const id = stableId(`${repo}#${name}`);
  return {
    id,
    node_id: nodeId('LA', id),
    url: `${urls.api}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

export function issueJson(urls: Urls, issue: IssueRecord, commentCount: number): Record<string, unknown> {
  const repoApi = `${urls.api}/repos/${issue.repo}`;
  const url = `${repoApi}/issues/${issue.number}`;
  return {
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
    url,
    repository_url: repoApi,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: issueHtmlUrl(urls, issue),
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userJson(urls, issue.user),
    labels: issue.labels.map((name) => labelJson(urls, issue.repo, name)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: commentCount,
    // The one field that tells a PR apart in `GET /issues`, which lists both.
    ...(issue.pull && {
      pull_request: {
        url: `${repoApi}/pulls/${issue.number}`,
        html_url: issueHtmlUrl(urls, issue),
        diff_url: `${issueHtmlUrl(urls, issue)}.diff`,
        patch_url: `${issueHtmlUrl(urls, issue)}.patch`,
        merged_at: issue.pull.mergedAt,
      },
      draft: issue.pull.draft,
    }),
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: null,
    author_association: 'NONE',
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    reactions: reactions(`${url}/reactions`),
  };
}

/** A PR as `GET /commits/{sha}/pulls` lists it (`pull-request-simple`). */
export function pullSimpleJson(urls: Urls, repo: RepoRecord, issue: IssueRecord): Record<string, unknown> {
  const pull = issue.pull!;
  const repoApi = `${urls.api}/repos/${issue.repo}`;
  const url = `${repoApi}/pulls/${issue.number}`;
  const html = issueHtmlUrl(urls, issue);
  const branch = (ref: string, sha: string) => ({
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: userJson(urls, repo.owner),
    repo: repositoryJson(urls, repo),
  });
  return {
    url,
    id: issue.id,
    node_id: nodeId('PR', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoApi}/issues/${issue.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoApi}/pulls/comments{/number}`,
    comments_url: `${repoApi}/issues/${issue.number}/comments`,
    statuses_url: `${repoApi}/statuses/${pull.headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userJson(urls, issue.user),
    body: issue.body,
    labels: issue.labels.map((name) => labelJson(urls, issue.repo, name)),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(pull.headRef, pull.headSha),
    base: branch(pull.baseRef, pull.baseSha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${repoApi}/issues/${issue.number}` },
      comments: { href: `${repoApi}/issues/${issue.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoApi}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${repoApi}/statuses/${pull.headSha}` },
    },
    author_association: 'NONE',
    auto_merge: null,
    draft: pull.draft,
  };
}

/** A PR as `GET /pulls/{number}` returns it (`pull-request`): the simple form plus merge details. */
export function pullJson(urls: Urls, repo: RepoRecord, issue: IssueRecord, commentCount: number): Record<string, unknown> {
  const merged = issue.pull?.mergedAt != null;
  return {
    ...pullSimpleJson(urls, repo, issue),
    merged,
    mergeable: issue.state === 'open' ? true : null,
    rebaseable: issue.state === 'open' ? true : null,
    mergeable_state: issue.state === 'open' ? 'clean' : 'unknown',
    merged_by: merged ? userJson(urls, repo.owner) : null,
    comments: commentCount,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1,
  };
}

/** A repository as `GET /repos/{owner}/{repo}` returns it (`full-repository`). */
export function fullRepositoryJson(urls: Urls, repo: RepoRecord): Record<string, unknown> {
  return { ...repositoryJson(urls, repo), has_discussions: false, network_count: 0, subscribers_count: 0 };
}

function repositoryJson(urls: Urls, repo: RepoRecord): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const html = `${urls.web}/${repo.fullName}`;
  const host = new URL(urls.web).host;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner: userJson(urls, repo.owner),
    private: false,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${repo.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: 'public',
    license: null,
    pushed_at: '2024-01-01T00:00:00Z',
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
  };
}

function issueHtmlUrl(urls: Urls, issue: IssueRecord): string {
  return `${urls.web}/${issue.repo}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
}

function reactions(url: string): Record<string, unknown> {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

// GitHub's node ids are opaque base64 strings; a recognisable prefix is all a client may rely on.
function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

/** A deterministic positive id for things the fake never stores (labels). */
export function stableId(key: string): number {
  let hash = 0;
  for (const ch of key) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0;
  return 1_000_000 + (hash % 1_000_000_000);
}
