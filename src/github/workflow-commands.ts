/**
 * GitHub Actions workflow commands (`::error file=…::message`, `::group::title`), formatted
 * with the runner's escaping. They are written to a sink the command line chooses — stderr on a
 * runner, never stdout — because @actions/core writes them to process.stdout, where they would
 * land inside a `--json` or `--markdown` document. The runner parses both streams of a step
 * (actions/runner, src/Runner.Worker/Handlers/ScriptHandler.cs: stdout and stderr each feed an
 * OutputManager that hands `::` lines to the ActionCommandManager).
 *
 * The same parser reads lines that tpsync prints from user data (titles, descriptions, server
 * bodies), so `neutraliseCommands` breaks any command syntax in such text.
 */

/** Where workflow commands go: one line each (without the newline). */
export type CommandSink = (line: string) => void;

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProperties {
  readonly title?: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

/** `::error title=…,file=…,line=…,col=…::message` (the runner's escaping: %, CR, LF; and `:` `,` in properties). */
export function annotationCommand(level: AnnotationLevel, message: string, properties: AnnotationProperties = {}): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${level}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

/** A command's message as the runner unescapes it: `%` → `%25`, CR → `%0D`, LF → `%0A` (actions/runner, ActionCommand.cs). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: as escapeData, plus `:` → `%3A` and `,` → `%2C`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Text printed on a stream the runner parses, with workflow-command syntax broken by a
 * zero-width space: a `::` that opens a line (after spaces) and the legacy `##[` anywhere in a
 * line (actions/runner, ActionCommand.TryParseV2 and TryParse). So a title such as
 * `::stop-commands::x` or `##[set-output name=has-changes]false` is shown, never obeyed.
 */
export function neutraliseCommands(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text;
  return text.replace(/(^|[\r\n])([^\S\r\n]*):(?=:)/g, '$1$2:\u200b').replace(/##\[/g, '##\u200b[');
}
