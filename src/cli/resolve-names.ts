/**
 * Names in the YAML → the IDs Secoda takes, for `plan` and `apply`: the directories the plan
 * refers to are read once (each in one paginated read, side by side), every written name is
 * resolved, and any name that fails stops the run — before anything is written to Secoda — with
 * located errors. Warnings (a disabled user, an ID no directory lists) go to stderr.
 */
import { isError, PlanInvalidError, type Issue } from '../errors.js';
import { kindsOfPlan } from '../references/reference-kinds.js';
import { locateFindings } from '../references/locate-findings.js';
import { namesById } from '../references/names-by-id.js';
import { resolvePlanReferences, type Unreadable } from '../references/resolve-plan.js';
import { renderIssuesText } from '../render/issues.js';
import { directoryPath, SecodaDirectories, type Directories, type DirectoryKind, type NamesById } from '../secoda/directories.js';
import { SecodaApiError } from '../secoda/errors.js';
import type { PlanFileInput } from '../tracking-plan/plan-file-input.js';
import type { YamlParser } from '../tracking-plan/parse-yaml.js';
import type { TrackingPlan } from '../tracking-plan/types.js';
import type { Connection } from './connection.js';
import { reportIssuesToGitHub } from './github-annotations.js';
import { redactorOf, styleFor, type Io } from './io.js';

/** A loaded plan with the files it came from (to locate what Secoda does not know). */
export interface LoadedPlan {
  readonly trackingPlan: TrackingPlan;
  readonly files: readonly PlanFileInput[];
  readonly parser: YamlParser;
}

export interface ResolvedNames {
  /** The plan with IDs where it wrote names. */
  readonly trackingPlan: TrackingPlan;
  /** The baseline (`plan --baseline`) resolved the same way; names it cannot resolve are left as written. */
  readonly baseline?: TrackingPlan | null;
  /** What the renderings show for each ID the directories list. */
  readonly names: NamesById;
  /** The directories read (those the plan refers to), and why any could not be. */
  readonly directories: Directories;
  readonly unreadable: Unreadable;
}

/**
 * Resolves the plan's (and the baseline's) names against Secoda's directories.
 * @throws PlanInvalidError with located issues when a name is unknown, ambiguous or cannot be checked.
 */
export async function resolveNamesOrThrow(
  loaded: LoadedPlan,
  connection: Connection,
  io: Io,
  baseline?: TrackingPlan | null,
): Promise<ResolvedNames> {
  const kinds = kindsOfPlan(loaded.trackingPlan);
  if (baseline) for (const kind of kindsOfPlan(baseline)) kinds.add(kind);
  const { directories, unreadable } = await readDirectories(connection, [...kinds]);
  for (const why of Object.values(unreadable))
    io.stderr.write(`${styleFor(io.stderr, io.env).yellow('warning:')} ${why}: IDs are sent as written, names cannot be looked up\n`);
  const resolved = resolvePlanReferences(loaded.trackingPlan, directories, unreadable);
  if (resolved.findings.length > 0) {
    const issues: Issue[] = redactorOf(io).redactDeep(locateFindings(resolved.findings, loaded.files, loaded.parser));
    if (issues.some(isError)) throw new PlanInvalidError(issues);
    io.stderr.write(renderIssuesText(issues, styleFor(io.stderr, io.env)));
    await reportIssuesToGitHub(issues, io);
  }
  const names = namesById(directories);
  if (baseline === undefined) return { trackingPlan: resolved.plan, names, directories, unreadable };
  return {
    trackingPlan: resolved.plan,
    directories,
    unreadable,
    baseline: baseline === null ? null : resolvePlanReferences(baseline, directories, unreadable).plan,
    names,
  };
}

/**
 * Each directory of `kinds`, read once. One that Secoda refuses (403: the key may not list it) is
 * left out, with a warning: IDs still pass, names cannot be checked. Any other failure stops the
 * run (a 404 there is a wrong SECODA_API_URL, which the error says).
 */
export async function readDirectories(
  connection: Connection,
  kinds: readonly DirectoryKind[],
): Promise<{ directories: Directories; unreadable: Unreadable }> {
  const reader = new SecodaDirectories(connection.client.transport);
  const directories: Directories = {};
  const unreadable: Unreadable = {};
  await Promise.all(
    kinds.map(async (kind) => {
      try {
        directories[kind] = await reader.read(kind);
      } catch (error) {
        if (!(error instanceof SecodaApiError) || error.status !== 403) throw error;
        unreadable[kind] = `Secoda answered ${error.status} to GET ${directoryPath(kind)}`;
      }
    }),
  );
  return { directories, unreadable };
}
