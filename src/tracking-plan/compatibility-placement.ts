/**
 * `compatibility:` (levels per compatibility check) belongs in the header file — the one that
 * holds `version` and `integration` — so a plan has one place that says how strict it is.
 */
import type { Issue } from './issue.js';
import type { Position } from './yaml-source.js';

interface FilePlacement {
  readonly file: string;
  readonly headers: { readonly version?: Position };
  readonly compatibility?: Position;
}

export function checkCompatibilityPlacement(files: readonly FilePlacement[]): Issue[] {
  // `in`, not the value: a position is a getter that may re-read the file (yaml-source.ts).
  const header = files.find((file) => 'version' in file.headers);
  const issues: Issue[] = [];
  for (const file of files) {
    if (file.compatibility === undefined || file === header) continue;
    // Without any header file the missing header is reported already.
    if (header === undefined) continue;
    issues.push({
      file: file.file,
      line: file.compatibility.line,
      column: file.compatibility.column,
      code: 'compatibility-not-in-header',
      message: `"compatibility" is set outside the header file; it belongs in ${header.file}, next to "version" and "integration"`,
      hint: `move this block to ${header.file}`,
    });
  }
  return issues;
}
