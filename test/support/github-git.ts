// The fake GitHub's Git data: trees of whole files, commits (with the GitHub user who made them,
// as `GET /repos/{owner}/{repo}/commits/{ref}` names the author), and branches. Enough for a
// client that builds a commit through the Git data API (trees, commits, refs) and opens a pull
// request from it; SHAs are SHA-1 of the content, so the same tree gives the same SHA, as in git.
import { createHash } from 'node:crypto';
import type { GitHubUser, RepoRecord, Urls } from './github-resources.js';

export interface GitTreeRecord {
  repo: string;
  sha: string;
  /** Path (`/`-separated, from the root) → the file's text. */
  files: Record<string, string>;
}

export interface GitCommitRecord {
  repo: string;
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  /** The GitHub user GitHub matches the commit to (`author` in the commit's REST JSON), if any. */
  author: GitHubUser | null;
  date: string;
}

export interface GitRefRecord {
  repo: string;
  /** `refs/heads/<branch>`. */
  ref: string;
  sha: string;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class GitModel {
  readonly trees: GitTreeRecord[] = [];
  readonly commits: GitCommitRecord[] = [];
  readonly refs: GitRefRecord[] = [];

  constructor(private readonly timestamp: () => string) {}

  addTree(repo: string, files: Record<string, string>): GitTreeRecord {
    const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const sha = sha1(`tree ${repo} ${JSON.stringify(sorted)}`);
    const existing = this.tree(repo, sha);
    if (existing) return existing;
    const tree = { repo, sha, files: sorted };
    this.trees.push(tree);
    return tree;
  }

  tree(repo: string, sha: string): GitTreeRecord | undefined {
    return this.trees.find((t) => t.repo === repo && t.sha === sha);
  }

  addCommit(repo: string, fields: { tree: string; parents: string[]; message: string; author: GitHubUser | null }): GitCommitRecord {
    const date = this.timestamp();
    const sha = sha1(
      `commit ${repo} ${fields.tree} ${fields.parents.join(',')} ${fields.author?.login ?? ''} ${date} ${this.commits.length}\n${fields.message}`,
    );
    const commit = { repo, sha, date, ...fields, parents: [...fields.parents] };
    this.commits.push(commit);
    return commit;
  }

  commit(repo: string, sha: string): GitCommitRecord | undefined {
    return this.commits.find((c) => c.repo === repo && c.sha === sha);
  }

  ref(repo: string, ref: string): GitRefRecord | undefined {
    return this.refs.find((r) => r.repo === repo && r.ref === ref);
  }

  setRef(repo: string, ref: string, sha: string): GitRefRecord {
    const existing = this.ref(repo, ref);
    if (existing) {
      existing.sha = sha;
      return existing;
    }
    const created = { repo, ref, sha };
    this.refs.push(created);
    return created;
  }

  /** Whether `ancestor` is `sha` or one of its ancestors (a fast-forward from `ancestor` to `sha`). */
  reaches(repo: string, sha: string, ancestor: string): boolean {
    const queue = [sha];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (next === ancestor) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commit(repo, next)?.parents ?? []));
    }
    return false;
  }

  /** The files of a commit, or of a branch's head (`files(repo, 'refs/heads/x')`). */
  files(repo: string, commitOrRef: string): Record<string, string> | undefined {
    const sha = commitOrRef.startsWith('refs/') ? this.ref(repo, commitOrRef)?.sha : commitOrRef;
    const commit = sha === undefined ? undefined : this.commit(repo, sha);
    return commit && this.tree(repo, commit.tree)?.files;
  }
}

function apiOf(urls: Urls, repo: RepoRecord): string {
  return `${urls.api}/repos/${repo.fullName}`;
}

function nodeIdOf(prefix: string, sha: string): string {
  return `${prefix}_kwDO${Buffer.from(sha.slice(0, 12)).toString('base64url')}`;
}

export function gitRefJson(urls: Urls, repo: RepoRecord, ref: GitRefRecord): Record<string, unknown> {
  return {
    ref: ref.ref,
    node_id: nodeIdOf('REF', ref.ref),
    url: `${apiOf(urls, repo)}/git/${ref.ref}`,
    object: { type: 'commit', sha: ref.sha, url: `${apiOf(urls, repo)}/git/commits/${ref.sha}` },
  };
}

export function gitCommitJson(urls: Urls, repo: RepoRecord, commit: GitCommitRecord): Record<string, unknown> {
  const api = apiOf(urls, repo);
  const person = { name: commit.author?.login ?? 'Octo Cat', email: 'noreply@example.com', date: commit.date };
  return {
    sha: commit.sha,
    node_id: nodeIdOf('C', commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${commit.sha}`,
    author: person,
    committer: person,
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/git/commits/${sha}`,
      html_url: `${urls.web}/${repo.fullName}/commit/${sha}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

export function gitTreeJson(urls: Urls, repo: RepoRecord, tree: GitTreeRecord): Record<string, unknown> {
  return {
    sha: tree.sha,
    url: `${apiOf(urls, repo)}/git/trees/${tree.sha}`,
    truncated: false,
    tree: Object.entries(tree.files).map(([path, text]) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: sha1(`blob ${text}`),
      size: Buffer.byteLength(text),
    })),
  };
}
