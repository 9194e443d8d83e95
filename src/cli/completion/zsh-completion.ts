/**
 * The zsh completion script: `_tpsync`, written for zsh's completion system (`_arguments`,
 * `_describe`). It works both from a file named `_tpsync` on $fpath and when sourced after
 * `compinit`. Descriptions come from the specs and are quoted for `_arguments`.
 */
import type { CompletionCommand, CompletionModel, CompletionOption, ValueKind } from './completion-model.js';
import { plainWord } from './completion-words.js';

/** Text inside single quotes: a quote closes, escapes and reopens. */
function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A description for `_arguments`' `[…]`: its brackets and colons would end the field. */
function bracketText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\[/g, '(').replace(/\]/g, ')').replace(/:/g, '\\:');
}

/** The `:message:action` part of a spec. */
function valueAction(name: string, value: ValueKind): string {
  if (value.kind === 'choices') return `:${name}:(${value.choices.map(plainWord).join(' ')})`;
  if (value.kind === 'file') return `:${name}:_files`;
  if (value.kind === 'directory') return `:${name}:_files -/`;
  return `:${name}: `;
}

function optionSpec(option: CompletionOption): string {
  const value = option.value === undefined ? '' : valueAction(plainWord(option.long), option.value);
  const description = `[${bracketText(option.description)}]${value}`;
  if (option.short === undefined) return singleQuoted(`--${plainWord(option.long)}${description}`);
  const both = `-${plainWord(option.short)} --${plainWord(option.long)}`;
  return `${singleQuoted(`(${both})`)}{-${plainWord(option.short)},--${plainWord(option.long)}}${singleQuoted(description)}`;
}

function commandCase(command: CompletionCommand): string[] {
  const specs = [
    ...command.options.map(optionSpec),
    ...command.positionals.map((p, index) => singleQuoted(`${index + 1}${valueAction(p.name.replace(/:/g, '\\:'), p.value)}`)),
  ];
  if (specs.length === 0) return [`        ${plainWord(command.name)}) ;;`];
  return [
    `        ${plainWord(command.name)})`,
    '          _arguments \\',
    ...specs.map((spec, i) => `            ${spec}${i < specs.length - 1 ? ' \\' : ''}`),
    '          ;;',
  ];
}

/** `tpsync completion zsh`: save it as `_tpsync` on $fpath, or `source <(tpsync completion zsh)` after compinit. */
export function zshCompletion(model: CompletionModel): string {
  return [
    '#compdef tpsync',
    '# zsh completion for tpsync, generated from its command specs by `tpsync completion zsh`.',
    '# Save it as _tpsync in a directory on $fpath, or add to ~/.zshrc (after compinit):',
    '#   source <(tpsync completion zsh)',
    '_tpsync() {',
    '  local context state state_descr line',
    '  typeset -A opt_args',
    '  _arguments -C \\',
    ...model.globalOptions.map(
      (o) =>
        `    ${singleQuoted('(- *)')}{-${plainWord(o.short ?? o.long)},--${plainWord(o.long)}}${singleQuoted(`[${bracketText(o.description)}]`)} \\`,
    ),
    "    '1: :->command' \\",
    "    '*:: :->argument'",
    '  case $state in',
    '    command)',
    '      local -a commands',
    '      commands=(',
    ...model.commands.map((c) => `        ${singleQuoted(`${plainWord(c.name)}:${c.summary}`)}`),
    '      )',
    "      _describe -t commands 'tpsync command' commands",
    '      ;;',
    '    argument)',
    '      case $line[1] in',
    ...model.commands.flatMap(commandCase),
    '      esac',
    '      ;;',
    '  esac',
    '}',
    '',
    'if [[ $zsh_eval_context[-1] == loadautofunc ]]; then',
    '  _tpsync "$@"',
    'else',
    '  compdef _tpsync tpsync',
    'fi',
    '',
  ].join('\n');
}
