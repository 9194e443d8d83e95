/** A command's `--help`, made from its spec, every line within 80 columns (see help-text.ts). */
import { HELP, type CommandSpec } from './command-spec.js';
import { definitionRows, HELP_WIDTH, paragraphLines, usageLines, wrapWords } from './help-text.js';
import { appendAll } from '../arrays.js';

/** The summary, the usage, every flag with its description, then the spec's details. */
export function renderHelp(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return [flag, o.description] as const;
  });
  const lines = [
    ...wrapWords(spec.summary, HELP_WIDTH),
    '',
    'Usage:',
    ...usageLines(spec.usage, '  '),
    '',
    'Options:',
    ...definitionRows(rows, '  '),
  ];
  if (spec.details) appendAll(lines, [''], paragraphLines(spec.details));
  return lines.join('\n') + '\n';
}
