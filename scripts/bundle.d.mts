/**
 * Bundles the command line and the Action's entry with esbuild (code splitting on): `files` maps
 * each output path, relative to the repository (`dist-action/tpsync.mjs`, `dist-action/action.mjs`,
 * `dist-action/chunks/<name>-<hash>.mjs`), to its text; `code` is the command line's entry file's
 * text; `licences` is LICENSES.txt.
 */
export function bundle(): Promise<{ files: Map<string, string>; code: string; licences: string }>;
