import { ACCEPTABLE_FIELDS, type AcceptResult, type TextFile } from '../../accept/types.js';
import type { AcceptPullRequestTarget } from '../../github/accept-pull-request.js';
import { PlanInvalidError, UsageError } from '../../errors.js';
import { readPlanFiles, type PlanFileBytes } from '../../files/read-plan-files.js';
import { rewritePlanFiles } from '../../files/rewrite-plan-files.js';
import { renderAcceptDiff } from '../../render/accept-diff.js';
import { renderAcceptText } from '../../render/accept-text.js';
import { renderIssuesText } from '../../render/issues.js';
import { quote } from '../../render/quoted-values.js';
import { loadPlanWithRules } from '../../rules/load-plan-with-rules.js';
import { didYouMean } from '../../tracking-plan/did-you-mean.js';
import type { TrackingPlan } from '../../tracking-plan/types.js';
import { acceptAgainst } from '../accept-against.js';
import { acceptReferenceNames } from '../../references/accept-names.js';
import { ReferenceWriter } from '../../references/pull-names.js';
import { kindsOfRemote } from '../../references/reference-kinds.js';
import { resolvePlanReferences, type Unreadable } from '../../references/resolve-plan.js';
import type { Directories } from '../../secoda/directories.js';
import { readDirectories, resolveNamesOrThrow } from '../resolve-names.js';
import { acceptChangedBy, type ChangedBy } from '../accept-changed-by.js';
import { booleanOption, stringOption, type ArgsOf } from '../args.js';
import { commandSpec, withoutOption } from '../command-spec.js';
import { connectionOptions, openConnection } from '../connection.js';
import { commentOption } from '../github-options.js';
import { githubRunOf } from '../github-run.js';
import { reportIssuesToGitHub } from '../github-annotations.js';
import { redactorOf, styleFor, type Io } from '../io.js';
import { todayUtc } from '../today.js';
import { yamlParserOption } from '../yaml-parser-option.js';

export const acceptSpec = commandSpec({
  name: 'accept',
  summary: 'Write edits made in Secoda into the YAML, in place, as a change to review; what it cannot take is left for a person.',
  usage: 'tpsync accept <plan> [--fields f,…] [--new] [--dry-run] [--pull-request] [--local]',
  positionals: ['plan'],
  options: {
    fields: {
      type: 'string',
      value: 'f,…',
      description: `The fields to take from Secoda (default: all of ${ACCEPTABLE_FIELDS.join(', ')}); a field the YAML leaves out is never added`,
    },
    new: {
      type: 'boolean',
      description: 'Also add the events and properties that Secoda holds and the YAML lacks, written as `pull` writes them',
    },
    'dry-run': { type: 'boolean', description: 'Print the change to the YAML files as a unified diff; write nothing' },
    'pull-request': {
      type: 'boolean',
      description:
        'In GitHub Actions, on the default branch: put the change on the branch tpsync/accept-secoda-edits and open (or update) one pull request "Accept edits made in Secoda"',
    },
    'comment-author': commentOption['comment-author'],
    // Accept only reads Secoda: pacing writes means nothing here.
    ...withoutOption(connectionOptions, 'writes-per-minute'),
  },
  details: [
    'Every managed field whose value differs in Secoda (what `tpsync plan` shows as an update, and owners_groups, which plan shows as a replace) is written into the YAML where the YAML writes it; every other byte of the files stays as it was (comments, key order, quotes, block scalars, anchors, blank lines, line endings). Text Secoda only normalised (white space at the ends, line endings, Unicode form) is not a difference and is not rewritten.',
    '',
    'A field a shared property definition (`use:`) gives is changed in the definition when every event that uses it shows the same value in Secoda; otherwise the events that changed get an override beside `use:`, and accept says so.',
    '',
    'Left for a person, and said: a changed type, enum or required (tpsync replaces those), an event moved to another category, a duplicate, a category (the API cannot change one), something the YAML has and Secoda does not, and (without --new) what Secoda has and the YAML does not.',
    '',
    'Exit codes: 0 everything Secoda changed is now in the YAML (or nothing had changed); 2 something was left for a person (listed; `tpsync plan` still shows it); 1 an error.',
  ].join('\n'),
});

type AcceptArgs = ArgsOf<typeof acceptSpec>;

/** `tpsync accept`: Secoda's edits into the YAML files (or, with --dry-run, their diff on stdout). */
export async function acceptCommand(args: AcceptArgs, io: Io): Promise<number> {
  const planPath = args.positionals[0] ?? '';
  const fields = fieldsOption(args);
  const dryRun = booleanOption(args, 'dry-run');
  const pullRequest = booleanOption(args, 'pull-request');
  const read = await readPlanFiles(planPath);
  if (!read.ok) throw new PlanInvalidError(read.issues);
  const trackingPlan = await loadWithRules(read.files, io);
  const texts = decode(read.files);
  // Whether this run may publish is settled before anything is read from Secoda or written.
  const publishTo = pullRequest && !dryRun ? await preparePullRequest(args, io) : undefined;

  const parser = yamlParserOption(io.env);
  const connection = await openConnection(args, io, 'accept');
  let result: AcceptResult;
  let changedBy: ChangedBy | undefined;
  try {
    // Names (emails, team names, …) become IDs first, as in `plan`: a name that fails stops here.
    const named = await resolveNamesOrThrow({ trackingPlan, files: read.files, parser }, connection, io);
    const remote = await connection.client.readState(trackingPlan.integration);
    // The directories of what only Secoda names too, so that accept writes those by name.
    const more = [...kindsOfRemote(remote)].filter((kind) => !(kind in named.directories) && !(kind in named.unreadable));
    const extra = await readDirectories(connection, more);
    const directories: Directories = { ...named.directories, ...extra.directories };
    const unreadable: Unreadable = { ...named.unreadable, ...extra.unreadable };
    // A secret Secoda echoes (a token pasted into a description) is never written into the YAML.
    result = acceptAgainst(texts, named.trackingPlan, redactorOf(io).redactDeep(remote), {
      fields,
      addNew: booleanOption(args, 'new'),
      parser,
      names: acceptReferenceNames(directories),
      resolve: (plan) => resolvePlanReferences(plan, directories, unreadable).plan,
      writer: new ReferenceWriter(directories),
    });
    // The pull request says who made each edit, where the audit log says.
    if (publishTo !== undefined) changedBy = await acceptChangedBy(result, remote, connection.client, io);
  } finally {
    await connection.close();
  }
  const changed = changedFiles(read.files, texts, result);
  if (dryRun) {
    io.stdout.write(renderAcceptDiff(changed.map((file) => ({ path: file.path, before: file.before, after: file.text }))));
    io.stderr.write(renderAcceptText(result, { style: styleFor(io.stderr, io.env), written: false }));
  } else {
    await rewritePlanFiles(changed.map((file) => ({ path: file.path, read: file.read, text: file.text })));
    io.stdout.write(renderAcceptText(result, { style: styleFor(io.stdout, io.env), written: true }));
  }
  if (publishTo !== undefined) {
    const { publishAcceptPullRequest } = await import('../../github/accept-pull-request.js');
    await publishAcceptPullRequest(publishTo, result, changed, githubRunOf(io), changedBy);
  }
  return result.left.length > 0 ? 2 : 0;
}

/** `--pull-request`: the GitHub side, loaded only then, checked before accept writes anything. */
async function preparePullRequest(args: AcceptArgs, io: Io): Promise<AcceptPullRequestTarget> {
  const { prepareAcceptPullRequest } = await import('../../github/accept-pull-request.js');
  const author = stringOption(args, 'comment-author');
  return prepareAcceptPullRequest(githubRunOf(io), author === undefined ? {} : { commentAuthor: author });
}

/** `--fields description,owners`: checked against the fields accept can take. */
function fieldsOption(args: AcceptArgs): ReadonlySet<string> {
  const raw = stringOption(args, 'fields');
  if (raw === undefined) return new Set(ACCEPTABLE_FIELDS);
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) throw new UsageError('--fields is empty', `name one or more of ${ACCEPTABLE_FIELDS.join(', ')}`);
  for (const name of names) {
    if ((ACCEPTABLE_FIELDS as readonly string[]).includes(name)) continue;
    const guess = didYouMean(name, ACCEPTABLE_FIELDS);
    throw new UsageError(
      `--fields: ${quote(name)} is not a field accept can take`,
      guess !== undefined ? `did you mean ${guess}?` : `the fields are ${ACCEPTABLE_FIELDS.join(', ')}`,
    );
  }
  return new Set(names);
}

/** Loads the plan as `plan` does, its rules' findings shown as warnings (they do not stop accept). */
async function loadWithRules(files: readonly PlanFileBytes[], io: Io): Promise<TrackingPlan> {
  const loaded = loadPlanWithRules(files, { ruleErrors: 'report', today: todayUtc(), parser: yamlParserOption(io.env) });
  if (!loaded.ok) throw new PlanInvalidError(loaded.issues);
  if (loaded.warnings.length > 0) {
    const warnings = redactorOf(io).redactDeep(loaded.warnings);
    io.stderr.write(renderIssuesText(warnings, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(warnings, io);
  }
  return loaded.plan;
}

/** The files' text (the loader accepted them as UTF-8; a byte-order mark is kept, to be written back). */
function decode(files: readonly PlanFileBytes[]): TextFile[] {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return files.map((file) => ({ path: file.path, text: decoder.decode(file.bytes) }));
}

/** A plan file that accept changed: its path, the bytes read, the text before and after. */
export interface ChangedFile {
  readonly path: string;
  readonly read: Uint8Array;
  readonly before: string;
  readonly text: string;
}

function changedFiles(files: readonly PlanFileBytes[], texts: readonly TextFile[], result: AcceptResult): ChangedFile[] {
  const after = new Map(result.files.map((file) => [file.path, file.text]));
  const changed: ChangedFile[] = [];
  files.forEach((file, index) => {
    const before = texts[index]?.text ?? '';
    const text = after.get(file.path) ?? before;
    if (text !== before) changed.push({ path: file.path, read: file.bytes, before, text });
  });
  return changed;
}
