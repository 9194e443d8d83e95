/**
 * `compatibility:` (levels per compatibility check) belongs in the header file — the one that
 * holds `version` and `integration` — so a plan has one place that says how strict it is.
 */
import type { Issue } from '../errors.js';
import type { PathSegment, Position } from './source-file.js';

/** What the check needs of a file (across-files.ts keeps it). */
interface FilePlacement {
  readonly file: string;
  readonly headers: readonly string[];
  readonly hasCompatibility: boolean;
  readonly locate: (path: readonly PathSegment[], part: 'key' | 'value') => Position;
}

/** An issue for each file but the header file that sets `compatibility:`. */
export function checkCompatibilityPlacement(files: readonly FilePlacement[]): Issue[] {
  const header = files.find((file) => file.headers.includes('version'));
  const issues: Issue[] = [];
  for (const file of files) {
    if (!file.hasCompatibility || file === header) continue;
    // Without any header file the missing header is reported already.
    if (header === undefined) continue;
    const at = file.locate(['compatibility'], 'key');
    issues.push({
      file: file.file,
      line: at.line,
      column: at.column,
      code: 'compatibility-not-in-header',
      message: `"compatibility" is set outside the header file; it belongs in ${header.file}, next to "version" and "integration"`,
      hint: `move this block to ${header.file}`,
    });
  }
  return issues;
}
