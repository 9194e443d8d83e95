/**
 * `tpsync accept --dry-run`: the change to the YAML files as one unified diff (`a/` and `b/`
 * prefixes on relative paths, as `git diff` writes them, so `git apply` takes it). jsdiff makes
 * the patch. Pure.
 */
import { createTwoFilesPatch } from 'diff';

export interface FileChange {
  readonly path: string;
  readonly before: string;
  readonly after: string;
}

/** The unified diff of every file that changed, in path order; "" when none did. */
export function renderAcceptDiff(files: readonly FileChange[]): string {
  return [...files]
    .filter((file) => file.before !== file.after)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((file) => {
      const path = file.path.replace(/\\/g, '/');
      // A path outside the working directory is shown as it is, as `diff -u` shows it.
      const [from, to] = path.startsWith('/') ? [path, path] : [`a/${path}`, `b/${path}`];
      // The header line jsdiff writes first (`Index:`, `===`) is not git's: only the hunks' headers are kept.
      const patch = createTwoFilesPatch(from, to, file.before, file.after, undefined, undefined, { context: 3 });
      return patch.slice(patch.indexOf('--- '));
    })
    .join('');
}
