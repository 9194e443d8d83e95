// The fake GitHub's routes for the repository, its default branch's history and Git data (refs,
// trees, commits). They run after the request has passed the OpenAPI checks, so the fields they
// read have the types the description promises.
import { gitCommitJson, gitRefJson, gitTreeJson } from './github-git.js';
import { commitJson, fullRepositoryJson, pullSimpleJson, userJson, type IssueRecord } from './github-resources.js';
import { githubError, paginate, type Route } from './github-replies.js';

/** Repository, commit and Git-data operations, by operationId. */
export const gitRoutes: Record<string, Route> = {
  'repos/get': (_world, urls, ctx) => ({ status: 200, body: fullRepositoryJson(urls, ctx.repo) }),

  'repos/list-commits': (world, urls, ctx) => {
    const start = typeof ctx.query.sha === 'string' ? ctx.query.sha : world.head(ctx.repo)?.sha;
    if (start === undefined) return githubError(409, 'Git Repository is empty.', ctx.operation.docsUrl);
    const history = world.history(ctx.repo, start);
    if (!history) return githubError(404, `No commit found for SHA: ${start}`, ctx.operation.docsUrl);
    return paginate(ctx, history, (c) => commitJson(urls, ctx.repo, c));
  },

  'repos/list-pull-requests-associated-with-commit': (world, urls, ctx) => {
    const sha = String(ctx.params.commit_sha);
    const numbers = world.pullsOfCommit(ctx.repo, sha);
    if (!numbers) return githubError(422, `No commit found for SHA: ${sha}`, ctx.operation.docsUrl);
    const pulls = numbers.map((n) => world.issue(ctx.repo, n)).filter((i): i is IssueRecord => i?.pull !== undefined);
    return paginate(ctx, pulls, (p) => pullSimpleJson(urls, ctx.repo, p));
  },

  'repos/get-commit': (world, urls, ctx) => {
    const wanted = String(ctx.params.ref);
    const sha = world.git.ref(ctx.repo.fullName, `refs/heads/${wanted}`)?.sha ?? wanted;
    const commit = world.git.commit(ctx.repo.fullName, sha);
    if (!commit) return githubError(422, `No commit found for SHA: ${wanted}`, ctx.operation.docsUrl);
    const author = commit.author === null ? null : userJson(urls, commit.author);
    const json = commitJson(urls, ctx.repo, { sha: commit.sha, parents: commit.parents, message: commit.message, date: commit.date });
    const inner = json.commit as Record<string, unknown>;
    return {
      status: 200,
      body: {
        ...json,
        author,
        committer: author,
        commit: { ...inner, tree: { sha: commit.tree, url: `${urls.api}/repos/${ctx.repo.fullName}/git/trees/${commit.tree}` } },
      },
    };
  },

  'git/get-ref': (world, urls, ctx) => {
    const ref = world.git.ref(ctx.repo.fullName, `refs/${String(ctx.params.ref)}`);
    if (!ref) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: gitRefJson(urls, ctx.repo, ref) };
  },

  'git/create-ref': (world, urls, ctx) => {
    const name = String(ctx.body.ref);
    const sha = String(ctx.body.sha);
    if (!/^refs\/.+\/.+/.test(name)) return githubError(422, 'Reference name must start with refs/', ctx.operation.docsUrl);
    if (world.git.ref(ctx.repo.fullName, name)) return githubError(422, 'Reference already exists', ctx.operation.docsUrl);
    if (!world.git.commit(ctx.repo.fullName, sha)) return githubError(422, 'Object does not exist', ctx.operation.docsUrl);
    return { status: 201, body: gitRefJson(urls, ctx.repo, world.git.setRef(ctx.repo.fullName, name, sha)) };
  },

  'git/update-ref': (world, urls, ctx) => {
    const name = `refs/${String(ctx.params.ref)}`;
    const sha = String(ctx.body.sha);
    const ref = world.git.ref(ctx.repo.fullName, name);
    if (!ref) return githubError(422, 'Reference does not exist', ctx.operation.docsUrl);
    if (!world.git.commit(ctx.repo.fullName, sha)) return githubError(422, 'Object does not exist', ctx.operation.docsUrl);
    if (ctx.body.force !== true && !world.git.reaches(ctx.repo.fullName, sha, ref.sha))
      return githubError(422, 'Update is not a fast forward', ctx.operation.docsUrl);
    world.git.setRef(ctx.repo.fullName, name, sha);
    // An open pull request from the branch follows it.
    const branch = name.replace(/^refs\/heads\//, '');
    for (const issue of world.state.issues)
      if (issue.repo === ctx.repo.fullName && issue.pull?.headRef === branch && issue.state === 'open') issue.pull.headSha = sha;
    return { status: 200, body: gitRefJson(urls, ctx.repo, ref) };
  },

  'git/get-commit': (world, urls, ctx) => {
    const commit = world.git.commit(ctx.repo.fullName, String(ctx.params.commit_sha));
    if (!commit) return githubError(404, 'Not Found', ctx.operation.docsUrl);
    return { status: 200, body: gitCommitJson(urls, ctx.repo, commit) };
  },

  'git/create-tree': (world, urls, ctx) => {
    const base = typeof ctx.body.base_tree === 'string' ? world.git.tree(ctx.repo.fullName, ctx.body.base_tree) : undefined;
    if (typeof ctx.body.base_tree === 'string' && !base) return githubError(422, 'base_tree is not a valid tree', ctx.operation.docsUrl);
    const files = { ...(base?.files ?? {}) };
    for (const entry of ctx.body.tree as { path: string; content?: string; sha?: string | null }[]) {
      // The model keeps whole files: an entry gives its content (a null sha deletes it).
      if (entry.sha === null) delete files[entry.path];
      else if (typeof entry.content === 'string') files[entry.path] = entry.content;
      else return githubError(422, 'the fake GitHub models tree entries with content only', ctx.operation.docsUrl);
    }
    return { status: 201, body: gitTreeJson(urls, ctx.repo, world.git.addTree(ctx.repo.fullName, files)) };
  },

  'git/create-commit': (world, urls, ctx) => {
    const tree = String(ctx.body.tree);
    const parents = Array.isArray(ctx.body.parents) ? (ctx.body.parents as string[]) : [];
    if (!world.git.tree(ctx.repo.fullName, tree)) return githubError(422, 'Tree SHA does not exist', ctx.operation.docsUrl);
    if (parents.some((p) => !world.git.commit(ctx.repo.fullName, p)))
      return githubError(422, 'Parent SHA does not exist or is not a commit object', ctx.operation.docsUrl);
    const commit = world.git.addCommit(ctx.repo.fullName, { tree, parents, message: String(ctx.body.message), author: ctx.user });
    return { status: 201, body: gitCommitJson(urls, ctx.repo, commit) };
  },
};
