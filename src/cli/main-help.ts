/** `tpsync --help`: every command's usage and summary, and where to read more. */
import type { Command } from './command.js';
import { definitionRows, paragraphLines, usageLines } from './help-text.js';

/** The main help for `commands`, every line within 80 columns. */
export function mainHelp(commands: readonly Command[]): string {
  return [
    'tpsync — keep a Secoda event catalog in step with a YAML tracking plan',
    '',
    'Usage:',
    ...commands.flatMap((c) => usageLines(c.spec.usage, '  ')),
    '',
    'Commands:',
    ...definitionRows(
      commands.map((c) => [c.spec.name, c.spec.summary] as const),
      '  ',
    ),
    '',
    ...paragraphLines(
      [
        'Run `tpsync help <command>` (or `tpsync <command> --help`) for its options.',
        'Environment: SECODA_API_URL (default https://api.secoda.co/api/v1), SECODA_API_TOKEN (a Secoda API key); TPSYNC_LOG=debug logs every request to Secoda on stderr.',
        'Add --local to plan, apply or pull to use an embedded Secoda emulator kept in .tpsync/ (no account needed).',
      ].join('\n'),
    ),
    '',
  ].join('\n');
}
