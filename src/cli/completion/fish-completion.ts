/**
 * The fish completion script: one `complete` line per command, flag and positional argument,
 * each flag offered only after its command (`__fish_seen_subcommand_from`).
 */
import type { CompletionModel, CompletionOption, ValueKind } from './completion-model.js';
import { plainWord } from './completion-words.js';

/** Text in fish's single quotes: only `\` and `'` are escaped there. */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `complete` arguments for a value of this kind: -x (a value, no files) with words or directories, -r -F (files), -x alone (free text). */
function valueArguments(value: ValueKind): string {
  if (value.kind === 'choices') return `-x -a ${quoted(value.choices.map(plainWord).join(' '))}`;
  if (value.kind === 'file') return '-r -F';
  if (value.kind === 'directory') return "-x -a '(__fish_complete_directories)'";
  return '-x';
}

function optionArguments(option: CompletionOption): string {
  const names = `${option.short === undefined ? '' : `-s ${plainWord(option.short)} `}-l ${plainWord(option.long)}`;
  return `${names}${option.value === undefined ? '' : ` ${valueArguments(option.value)}`} -d ${quoted(option.description)}`;
}

/** `tpsync completion fish`: save it as ~/.config/fish/completions/tpsync.fish. */
export function fishCompletion(model: CompletionModel): string {
  const lines = [
    '# fish completion for tpsync, generated from its command specs by `tpsync completion fish`.',
    '# Save it:  tpsync completion fish > ~/.config/fish/completions/tpsync.fish',
    '# No file names unless an argument takes one.',
    'complete -c tpsync -f',
    ...model.commands.map((c) => `complete -c tpsync -n __fish_use_subcommand -a ${plainWord(c.name)} -d ${quoted(c.summary)}`),
    ...model.globalOptions.map((o) => `complete -c tpsync -n __fish_use_subcommand ${optionArguments(o)}`),
  ];
  for (const command of model.commands) {
    const after = `complete -c tpsync -n '__fish_seen_subcommand_from ${plainWord(command.name)}'`;
    for (const option of command.options) lines.push(`${after} ${optionArguments(option)}`);
    // fish cannot tell the positional arguments apart: what the first takes is offered for all.
    const first = command.positionals[0];
    if (first?.value.kind === 'choices') lines.push(`${after} -a ${quoted(first.value.choices.map(plainWord).join(' '))}`);
    else if (command.positionals.some((p) => p.value.kind === 'file')) lines.push(`${after} -F`);
  }
  return `${lines.join('\n')}\n`;
}
