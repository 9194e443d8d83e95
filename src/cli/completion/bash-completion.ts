/**
 * The bash completion script: one function, `_tpsync`, bound with `complete -F`. It finds the
 * command (the first word that is not a flag), then completes a flag's value, a flag, or the
 * positional argument at the cursor (counted past flags and the values they take). Every name
 * in it is a plain word ([a-z0-9-]), so nothing needs quoting.
 */
import type { CompletionCommand, CompletionModel, ValueKind } from './completion-model.js';
import { flagWords, plainWord } from './completion-words.js';

/** What to run for a value of this kind (the word being completed is in $cur). */
function complete(value: ValueKind): string {
  if (value.kind === 'choices') return `COMPREPLY=($(compgen -W '${value.choices.map(plainWord).join(' ')}' -- "$cur"))`;
  if (value.kind === 'file') return '_tpsync_paths -f';
  if (value.kind === 'directory') return '_tpsync_paths -d';
  return ':';
}

function commandCase(command: CompletionCommand): string {
  const valued = command.options.filter((o) => o.value !== undefined).map((o) => `--${plainWord(o.long)}`);
  return `    ${plainWord(command.name)}) flags='${flagWords(command.options).join(' ')}' valued='${valued.join(' ')}' ;;`;
}

/** `tpsync completion bash`: load it with `eval "$(tpsync completion bash)"`. */
export function bashCompletion(model: CompletionModel): string {
  const commandWords = [...model.commands.map((c) => plainWord(c.name)), ...flagWords(model.globalOptions)];
  const valueCases = model.commands.flatMap((command) =>
    command.options.flatMap((o) =>
      o.value === undefined ? [] : [`    '${plainWord(command.name)} --${plainWord(o.long)}') ${complete(o.value)}; return ;;`],
    ),
  );
  const positionalCases = model.commands.flatMap((command) =>
    command.positionals.map((p, index) => `    '${plainWord(command.name)} ${index}') ${complete(p.value)} ;;`),
  );
  return [
    '# bash completion for tpsync, generated from its command specs by `tpsync completion bash`.',
    '# Load it in ~/.bashrc:  eval "$(tpsync completion bash)"',
    '_tpsync_paths() {',
    "  local IFS=$'\\n'",
    '  compopt -o filenames 2> /dev/null',
    '  COMPREPLY=($(compgen "$1" -- "$cur"))',
    '}',
    '',
    '_tpsync() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}',
    "  local command='' flags='' valued='' word",
    '  local -i i at=0 position=0',
    '  COMPREPLY=()',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    if [[ ${COMP_WORDS[i]} != -* ]]; then',
    '      command=${COMP_WORDS[i]} at=i',
    '      break',
    '    fi',
    '  done',
    '  case $command in',
    `    '') COMPREPLY=($(compgen -W '${commandWords.join(' ')}' -- "$cur")); return ;;`,
    ...model.commands.map(commandCase),
    '    *) return ;;',
    '  esac',
    '  case "$command $prev" in',
    ...valueCases,
    '  esac',
    '  if [[ $cur == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$flags" -- "$cur"))',
    '    return',
    '  fi',
    '  # The positional argument at the cursor: words after the command that are neither flags nor their values.',
    '  for ((i = at + 1; i < COMP_CWORD; i++)); do',
    '    word=${COMP_WORDS[i]}',
    '    if [[ " $valued " == *" $word "* ]]; then',
    '      i+=1',
    '    elif [[ $word != -?* ]]; then',
    '      position+=1',
    '    fi',
    '  done',
    '  case "$command $position" in',
    ...positionalCases,
    '  esac',
    '}',
    'complete -F _tpsync tpsync',
    '',
  ].join('\n');
}
